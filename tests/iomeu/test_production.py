"""The production configuration: settings from the environment, static files through WhiteNoise, PostgreSQL pooling,
Redis, object storage with signed download URLs, and a gunicorn configuration that loads."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.test import Client, override_settings
from storages.backends.s3 import S3Storage

from core.storage import signed_download_redirect

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "IOMEU_")) and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="iomeu.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        **extra,
    )
    return env


def production_settings(**env):
    """The production settings as a fresh process sees them with this environment."""
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'DATABASES': s.DATABASES, 'CACHES': s.CACHES, 'STORAGES': s.STORAGES, "
        "'MIDDLEWARE': s.MIDDLEWARE}, default=str))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=production_env(**env), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_on_postgresql_each_process_keeps_a_pool_of_checked_connections():
    database = production_settings(DATABASE_URL="postgres://iomeu@db.internal:5432/iomeu")["DATABASES"]["default"]

    assert database["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 4, "timeout": 5}
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] == 0  # Django's pool refuses persistent connections


def test_the_pool_size_comes_from_the_environment():
    database = production_settings(
        DATABASE_URL="postgres://iomeu@db.internal:5432/iomeu", IOMEU_DB_POOL_MAX_SIZE="12", IOMEU_DB_POOL_MIN_SIZE="3"
    )["DATABASES"]["default"]

    assert database["OPTIONS"]["pool"]["max_size"] == 12
    assert database["OPTIONS"]["pool"]["min_size"] == 3


def test_on_sqlite_each_thread_keeps_its_connection_in_wal_mode():
    database = production_settings()["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert "pool" not in database["OPTIONS"]
    assert database["CONN_MAX_AGE"] is None
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


def test_the_cache_is_redis_when_redis_url_is_set_and_local_memory_otherwise():
    with_redis = production_settings(REDIS_URL="redis://cache.internal:6379/0")["CACHES"]["default"]
    without = production_settings()["CACHES"]["default"]

    assert with_redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert with_redis["LOCATION"] == "redis://cache.internal:6379/0"
    assert without["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_media_go_to_object_storage_only_when_a_bucket_is_set():
    with_bucket = production_settings(IOMEU_S3_BUCKET="iomeu-media", IOMEU_S3_ENDPOINT_URL="https://s3.example.org")
    without = production_settings()

    storage = with_bucket["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "iomeu-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
    assert storage["OPTIONS"]["querystring_auth"] is True  # private objects, signed URLs
    assert storage["OPTIONS"]["signature_version"] == "s3v4"
    assert without["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_production_serves_static_files_through_whitenoise_with_hashed_names():
    configured = production_settings()

    assert configured["MIDDLEWARE"][1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert configured["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("static")
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=production_env(DJANGO_STATIC_ROOT=str(static_root)),
        check=True,
        capture_output=True,
        timeout=300,
    )
    return static_root


@pytest.fixture
def whitenoise_site(collected_static, settings):
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.MIDDLEWARE = [
        settings.MIDDLEWARE[0],
        "whitenoise.middleware.WhiteNoiseMiddleware",
        *settings.MIDDLEWARE[1:],
    ]
    manifest = json.loads((collected_static / "staticfiles.json").read_text())["paths"]
    return Client(), manifest


@pytest.mark.django_db
def test_pages_link_the_hashed_stylesheet(whitenoise_site):
    client, manifest = whitenoise_site

    page = client.get("/").content.decode()

    assert f'/static/{manifest["css/site.css"]}"' in page


def test_a_hashed_static_file_is_cached_for_ever_and_sent_compressed(whitenoise_site):
    client, manifest = whitenoise_site

    response = client.get(f"/static/{manifest['css/site.css']}", headers={"accept-encoding": "gzip"})

    assert response.status_code == 200
    assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
    assert response["Content-Encoding"] == "gzip"


def test_a_static_file_under_its_plain_name_is_cached_only_briefly(whitenoise_site):
    client, _ = whitenoise_site

    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]


def test_the_gunicorn_configuration_loads_the_site():
    result = subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "gunicorn"), "--check-config", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr


# Signed download URLs --------------------------------------------------------------------------------------------


def s3_storage():
    # Signing happens offline: no request reaches this endpoint.
    return S3Storage(
        bucket_name="iomeu-media",
        endpoint_url="https://s3.example.org",
        region_name="eu-west-1",
        access_key="AKIAEXAMPLE",
        secret_key="example-secret",
        querystring_auth=True,
        signature_version="s3v4",
    )


@override_settings(IOMEU_SIGNED_DOWNLOAD_SECONDS=60)
def test_a_file_on_object_storage_is_downloaded_through_a_short_lived_signed_url():
    response = signed_download_redirect(s3_storage(), "pdfs/abc/paper.pdf", "Policy paper.pdf")

    assert response.status_code == 302
    url = response["Location"]
    assert url.startswith("https://s3.example.org/iomeu-media/pdfs/abc/paper.pdf?")
    assert "X-Amz-Expires=60" in url and "X-Amz-Signature=" in url
    assert "response-content-disposition=attachment" in url
    assert "no-store" in response["Cache-Control"]


def test_a_file_on_object_storage_can_be_opened_in_the_browser_too():
    response = signed_download_redirect(s3_storage(), "pdfs/abc/paper.pdf", "Policy paper.pdf", as_attachment=False)

    assert "response-content-disposition=inline" in response["Location"]


def test_a_file_on_the_local_disk_is_left_to_the_download_view(tmp_path):
    assert signed_download_redirect(FileSystemStorage(location=tmp_path), "paper.pdf", "paper.pdf") is None


def test_a_publication_pdf_on_object_storage_is_answered_with_a_redirect_to_its_signed_url(rf):
    from publications.downloads import serve_file

    response = serve_file(
        rf.get("/publications/paper/download/"),
        s3_storage(),
        "pdfs/abc/paper.pdf",
        content_type="application/pdf",
        etag='"abc"',
        last_modified=1_700_000_000,
        filename="Policy paper.pdf",
        as_attachment=True,
    )

    assert response.status_code == 302
    assert "X-Amz-Signature=" in response["Location"] and "paper.pdf" in response["Location"]


def test_with_a_bucket_publication_files_go_to_its_private_prefix():
    with_bucket = production_settings(IOMEU_S3_BUCKET="iomeu-media", IOMEU_S3_PREFIX="media")["STORAGES"]
    without = production_settings(IOMEU_PRIVATE_MEDIA_ROOT="/srv/iomeu/private-media")["STORAGES"]

    private = with_bucket["private"]
    assert private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert private["OPTIONS"]["location"] == "private" and private["OPTIONS"]["bucket_name"] == "iomeu-media"
    assert private["OPTIONS"]["querystring_auth"] is True
    assert with_bucket["default"]["OPTIONS"]["location"] == "media"
    assert without["private"] == {
        "BACKEND": "core.storage.PrivateStorage",
        "OPTIONS": {"location": "/srv/iomeu/private-media"},
    }
