"""Settings come from the environment, and production refuses to start on unsafe ones.

Each case imports a settings module in a fresh interpreter with a clean environment, as a server would.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest
from django.core.exceptions import ImproperlyConfigured

from iomeu.settings.base import env_bool

BASE_DIR = Path(__file__).resolve().parents[2]
REAL_KEY = "k3Jx9-" + "q" * 60


def run_python(code, **environ):
    """Run code in a fresh interpreter with only PATH and environ set; return (returncode, stdout, stderr)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **environ}
    result = subprocess.run(  # noqa: S603 (fixed interpreter and code)
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    return result.returncode, result.stdout, result.stderr


def load_settings(module, **environ):
    """Import module in a subprocess with only PATH and environ set; return (returncode, stdout, stderr)."""
    code = (
        "import json, importlib; "
        f"s = importlib.import_module({module!r}); "
        "print(json.dumps({'DEBUG': s.DEBUG, 'DATABASE': s.DATABASES['default'], 'ALLOWED_HOSTS': s.ALLOWED_HOSTS,"
        " 'SECRET_KEY_SET': bool(s.SECRET_KEY)}, default=str))"
    )
    return run_python(code, **environ)


def loaded(module, **environ):
    returncode, stdout, stderr = load_settings(module, **environ)
    assert returncode == 0, stderr
    return json.loads(stdout)


def test_production_refuses_to_start_without_a_secret_key():
    returncode, _, stderr = load_settings("iomeu.settings.production")
    assert returncode != 0
    assert "ImproperlyConfigured" in stderr
    assert "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters in production" in stderr


@pytest.mark.parametrize(
    "key", ["", "short-but-set", "django-insecure-" + "x" * 60, "django-insecure-local-development-only"]
)
def test_production_refuses_an_empty_short_or_development_secret_key(key):
    returncode, _, stderr = load_settings("iomeu.settings.production", DJANGO_SECRET_KEY=key)
    assert returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in stderr


def test_production_starts_with_a_real_secret_key_and_debug_off():
    settings = loaded("iomeu.settings.production", DJANGO_SECRET_KEY=REAL_KEY)
    assert settings["DEBUG"] is False
    assert settings["SECRET_KEY_SET"] is True


def test_production_runs_django_checks_for_deployment_without_errors():
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "iomeu.settings.production",
        "DJANGO_SECRET_KEY": REAL_KEY,
        "DJANGO_ALLOWED_HOSTS": "eu.iom.int",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_with_no_environment_the_local_settings_run_on_sqlite_in_the_project_folder_with_debug_on():
    settings = loaded("iomeu.settings.local")
    assert settings["DEBUG"] is True
    assert settings["DATABASE"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DATABASE"]["NAME"] == str(BASE_DIR / "db.sqlite3")
    assert settings["SECRET_KEY_SET"] is True


def test_database_url_is_honoured():
    url = "postgres://iomeu:s3cret@db.example.org:5433/iomeu_site"
    for module, extra in [("iomeu.settings.local", {}), ("iomeu.settings.production", {"DJANGO_SECRET_KEY": REAL_KEY})]:
        database = loaded(module, DATABASE_URL=url, **extra)["DATABASE"]
        assert database["ENGINE"] == "django.db.backends.postgresql"
        assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("iomeu_site", "iomeu", "s3cret")
        assert (database["HOST"], str(database["PORT"])) == ("db.example.org", "5433")


def test_a_postgres_url_gives_the_postgresql_backend_on_psycopg_3():
    config = dj_database_url.parse("postgres://postgres@127.0.0.1:5432/iomeu")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    assert is_psycopg3, "Django's PostgreSQL backend must run on psycopg 3"


def test_allowed_hosts_come_from_the_environment():
    settings = loaded("iomeu.settings.local", DJANGO_ALLOWED_HOSTS=" eu.iom.int , www.eu.iom.int ,")
    assert settings["ALLOWED_HOSTS"] == ["eu.iom.int", "www.eu.iom.int"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("True", True), ("1", True), ("on", True), ("yes", True)]
    + [("false", False), ("FALSE", False), ("0", False), ("off", False), ("no", False)],
)
def test_django_debug_accepts_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("DJANGO_DEBUG", value)
    assert env_bool("DJANGO_DEBUG") is expected


@pytest.mark.parametrize("default", [True, False])
def test_an_unset_or_empty_django_debug_keeps_the_default(monkeypatch, default):
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    assert env_bool("DJANGO_DEBUG", default=default) is default
    monkeypatch.setenv("DJANGO_DEBUG", "")
    assert env_bool("DJANGO_DEBUG", default=default) is default


@pytest.mark.parametrize("value", ["maybe", "2", "ture", "yes please"])
def test_django_debug_rejects_nonsense_with_a_clear_message(monkeypatch, value):
    monkeypatch.setenv("DJANGO_DEBUG", value)
    with pytest.raises(ImproperlyConfigured, match=f"DJANGO_DEBUG must be true or false, not '{value}'"):
        env_bool("DJANGO_DEBUG")


def test_a_nonsense_django_debug_stops_the_site_from_starting():
    returncode, _, stderr = load_settings("iomeu.settings.local", DJANGO_DEBUG="maybe")
    assert returncode != 0
    assert "DJANGO_DEBUG must be true or false, not 'maybe'" in stderr


def test_debug_can_be_switched_off_locally_and_stays_off_in_production_unless_asked():
    assert loaded("iomeu.settings.local", DJANGO_DEBUG="false")["DEBUG"] is False
    assert loaded("iomeu.settings.production", DJANGO_SECRET_KEY=REAL_KEY)["DEBUG"] is False


TWO_SAVES = """
import json, threading, django
django.setup()
from django.db import OperationalError, connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE saves (editor TEXT)")
holding, second_done, errors = threading.Event(), threading.Event(), []

def second_save():  # its own thread, so its own connection, as in a threaded server
    holding.wait()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM saves")
            cursor.execute("INSERT INTO saves VALUES ('second')")
    except OperationalError as error:
        errors.append(str(error))
    finally:
        second_done.set()

thread = threading.Thread(target=second_save)
thread.start()
with transaction.atomic(), connection.cursor() as cursor:
    cursor.execute("INSERT INTO saves VALUES ('first')")
    holding.set()
    waited = not second_done.wait(0.5)
thread.join(10)
with connection.cursor() as cursor:
    cursor.execute("SELECT editor FROM saves ORDER BY rowid")
    print(json.dumps({"waited": waited, "errors": errors, "saved": [row[0] for row in cursor.fetchall()]}))
"""


def test_two_saves_at_once_on_the_local_sqlite_database_queue_instead_of_failing(tmp_path):
    """A save that reads and then writes, while another save holds the write lock, waits for its turn (SQLite's
    default, a deferred transaction, fails it at once with "database is locked": a 503 for an editor)."""
    returncode, stdout, stderr = run_python(
        TWO_SAVES, DJANGO_SETTINGS_MODULE="iomeu.settings.local", DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}"
    )
    assert returncode == 0, stderr
    outcome = json.loads(stdout)
    assert outcome["errors"] == []
    assert outcome["waited"], "the second save waited while the first held the lock"
    assert outcome["saved"] == ["first", "second"]
