"""With the database down, pages answer 503 in the site's design (cached pages are still served), and the site
recovers by itself when the database returns.

The last test does it for real: a throwaway PostgreSQL cluster of its own (so the shared server is not disturbed),
the site under gunicorn with the production settings and connection pool, the cluster stopped and started again.
"""

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError

from tests.meetings import factories

ROOT = Path(__file__).resolve().parents[2]
TTL = 300


@pytest.fixture
def page_cache(settings):
    settings.IOMEU_PAGE_CACHE_SECONDS = TTL  # as the suite runs, said here because these tests are about it


def database_down(error=OperationalError):
    """Every query fails the way it does when the server has gone away."""
    return mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=error("connection to server lost"))


@pytest.mark.django_db
def test_a_page_answers_503_in_the_sites_design_when_the_database_is_down(client):
    factories.make_meeting("Meeting", slug="meeting")

    with database_down():
        response = client.get("/meetings/meeting/")

    assert response.status_code == 503
    page = response.content.decode()
    assert "This page is temporarily unavailable" in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page  # the site's own layout
    assert page.count("<h1") == 1
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_lost_connection_interface_error_also_gives_the_503_page(client):
    with database_down(InterfaceError):
        response = client.get("/meetings/")

    assert response.status_code == 503


@pytest.mark.django_db
def test_a_page_the_cache_holds_is_still_served_while_the_database_is_down(client, page_cache):
    factories.make_meeting("Meeting kept in the cache", slug="kept")
    assert client.get("/meetings/kept/").status_code == 200

    with database_down():
        cached = client.get("/meetings/kept/")
        not_cached = client.get("/meetings/")

    assert cached.status_code == 200
    assert b"Meeting kept in the cache" in cached.content
    assert not_cached.status_code == 503


@pytest.mark.django_db
def test_the_503_page_is_never_cached_and_the_page_comes_back_with_the_database(client, page_cache):
    factories.make_meeting("Meeting", slug="meeting")
    with database_down():
        assert client.get("/meetings/").status_code == 503

    response = client.get("/meetings/")

    assert response.status_code == 200
    assert b"meeting" in response.content


@pytest.mark.django_db
def test_the_503_page_renders_even_when_its_template_cannot(client):
    with database_down(), mock.patch("iomeu.outage.render_to_string", side_effect=RuntimeError("broken template")):
        response = client.get("/meetings/")

    assert response.status_code == 503
    assert b"temporarily unavailable" in response.content


# A real PostgreSQL, stopped and started -------------------------------------------------------------------------


def postgres_bin():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def as_postgres_user():
    """PostgreSQL refuses to run as root: run its commands as the postgres system user then."""
    if os.geteuid() != 0:
        return []
    if shutil.which("runuser") is None:
        return None
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        return None
    return ["runuser", "-u", "postgres", "--"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=15):
    """(status, body) of a GET; HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (our own server on 127.0.0.1)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class Cluster:
    def __init__(self, workdir, bindir, prefix):
        self.bindir, self.prefix = bindir, prefix
        self.data = workdir / "pgdata"
        self.socket_dir = workdir / "pgsocket"
        self.log = workdir / "postgres.log"
        self.port = free_port()
        for path in (self.data, self.socket_dir):
            path.mkdir()
        self.log.touch()
        if prefix:
            shutil.chown(workdir, "postgres")
            for path in (self.data, self.socket_dir, self.log):
                shutil.chown(path, "postgres")

    def run(self, *args):
        subprocess.run([*self.prefix, *args], check=True, capture_output=True, timeout=120)  # noqa: S603

    def init(self):
        self.run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def start(self):
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self):
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


SEED = """
import datetime
from django.utils import timezone
from meetings.models import Meeting
for slug in ("visited-before", "never-visited"):
    Meeting.objects.create(title=slug.replace("-", " ").title(), slug=slug, level="senior",
                           date="2018-05-14", summary="A meeting.", status="published",
                           published_at=timezone.now() - datetime.timedelta(days=1))
"""


@pytest.fixture
def site_on_a_throwaway_postgres():
    bindir, prefix = postgres_bin(), as_postgres_user()
    if bindir is None:
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed here")
    if prefix is None:
        pytest.skip("running as root with no postgres system user to run PostgreSQL as")
    workdir = Path(tempfile.mkdtemp(prefix="iomeu-outage-"))
    cluster = Cluster(workdir, bindir, prefix)
    cluster.init()
    cluster.start()
    server = None
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iomeu.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": cluster.url,
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "IOMEU_PAGE_CACHE_SECONDS": str(TTL),
        "IOMEU_DB_POOL_TIMEOUT": "2",
        "IOMEU_DB_CONNECT_TIMEOUT": "2",
    }
    env.pop("REDIS_URL", None)  # memory cache of the one worker: nothing shared with other test runs
    try:
        manage = [sys.executable, str(ROOT / "manage.py")]
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["shell", "-c", SEED]):
            subprocess.run(  # noqa: S603
                [*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300
            )
        port = free_port()
        log = open(workdir / "gunicorn.log", "wb")  # noqa: SIM115 (closed with the server)
        server = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "2",
            ],
            cwd=ROOT,
            env={**env, "GUNICORN_ACCESS_LOG": ""},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if fetch(f"{base}/healthz")[0] == 200:
                    break
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn did not start:\n" + (workdir / "gunicorn.log").read_text(errors="replace"))
            time.sleep(0.3)
        yield base, cluster
    finally:
        if server is not None:
            server.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=20)
            if server.poll() is None:
                server.kill()
        with contextlib.suppress(subprocess.SubprocessError):
            cluster.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def wait_for(check, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def test_a_real_postgresql_stopped_and_started_again_the_site_answers_503_then_recovers_by_itself(
    site_on_a_throwaway_postgres,
):
    base, cluster = site_on_a_throwaway_postgres
    status, visited = fetch(f"{base}/meetings/visited-before/")
    assert status == 200

    cluster.stop()

    health_status, health = fetch(f"{base}/healthz")
    assert health_status == 503
    assert '"database": "unavailable"' in health
    status, page = fetch(f"{base}/meetings/never-visited/")
    assert status == 503
    assert "This page is temporarily unavailable" in page and 'class="site-header"' in page
    # A page the cache holds is still served, as it was.
    assert fetch(f"{base}/meetings/visited-before/") == (200, visited)

    cluster.start()

    assert wait_for(lambda: fetch(f"{base}/meetings/never-visited/")[0] == 200, seconds=30), (
        "the site did not recover within 30 s of the database's return"
    )
    assert fetch(f"{base}/healthz")[0] == 200
