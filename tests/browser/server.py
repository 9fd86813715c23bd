"""Start the site for the browser tests: its own database, seeded once, served by a real server process.

On SQLite the database is a file in a temporary folder; on PostgreSQL (DATABASE_URL=postgres://.../NAME) it is a
throwaway database named test_NAME_browser on the same server, dropped afterwards.
"""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "tests.browser.settings"


@dataclass
class LiveSite:
    url: str
    staff_user: str
    staff_password: str
    media_root: Path


def die_with_parent():
    """Linux: the server stops if the test process dies without its teardown (a killed CI job)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def browser_database(workdir):
    """Yield a DATABASE_URL for a fresh database of the same kind the test run uses."""
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{workdir / 'browser.sqlite3'}"
        return
    import psycopg

    config = dj_database_url.parse(source)
    name = f"test_{config['NAME']}_browser"[:63]
    admin = {
        "dbname": "postgres",
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "autocommit": True,
    }
    with psycopg.connect(**admin) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield source.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(**admin) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_until_serving(url, process, log_path, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"The test server exited with code {process.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own server on 127.0.0.1)
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The test server did not answer at {url} within {timeout} s.")


@contextlib.contextmanager
def live_site():
    (ROOT / "tests" / "artifacts" / "server.log").unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="iomeu-browser-") as tmp:
        workdir = Path(tmp)
        media_root = workdir / "media"
        media_root.mkdir()
        with browser_database(workdir) as database_url:
            staff_user, staff_password = "browser-staff", secrets.token_urlsafe(16)
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": SETTINGS,
                "DATABASE_URL": database_url,
                "IOMEU_BROWSER_MEDIA_ROOT": str(media_root),
                "IOMEU_BROWSER_STAFF_USER": staff_user,
                "IOMEU_BROWSER_STAFF_PASSWORD": staff_password,
                "PYTHONUNBUFFERED": "1",
            }
            subprocess.run([sys.executable, "-m", "tests.browser.seed"], cwd=ROOT, env=env, check=True)  # noqa: S603
            port = free_port()
            log = (workdir / "server.log").open("w")
            process = subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "manage.py",
                    "runserver",
                    f"127.0.0.1:{port}",
                    "--noreload",
                    "--insecure",
                    "--skip-checks",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=die_with_parent,
            )
            url = f"http://127.0.0.1:{port}"
            try:
                wait_until_serving(url + "/", process, workdir / "server.log")
                yield LiveSite(url, staff_user, staff_password, media_root)
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                log.close()
                server_log = (workdir / "server.log").read_text(errors="replace")
                if "Traceback" in server_log:
                    # Keep what the server said about an error for the CI artifacts.
                    artifacts = ROOT / "tests" / "artifacts"
                    artifacts.mkdir(exist_ok=True)
                    (artifacts / "server.log").write_text(server_log)
