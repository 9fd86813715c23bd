"""Hardening: security headers, login throttling, deploy checks, staff session idle time, uploaded images."""

import datetime
import io
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from core.security import strip_image_location
from core.validators import validate_image_file
from meetings.models import MeetingPhoto
from tests.core.admin_forms import form_data
from tests.core.images import jpeg_bytes
from tests.core.staff import PASSWORD, editor_fixture  # noqa: F401 (fixtures)
from tests.meetings import factories

pytestmark = pytest.mark.django_db

PROJECT = Path(django_settings.BASE_DIR)


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


class TestHeaders:
    @pytest.mark.parametrize("name", ["home", "meetings:list", "meetings:service_list", "meetings:participation"])
    def test_public_pages_send_the_security_headers_and_have_no_inline_script_or_style(self, client, name):
        factories.make_meeting()
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert_security_headers(response)
        assert "'unsafe-inline'" not in csp_directives(response)["style-src"]
        page = response.content.decode()
        # What the CSP would block: a script without src (JSON-LD data blocks are not run), an inline style element
        # or attribute, an on* handler.
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", page)
        assert "<style" not in page and " style=" not in page
        assert not re.search(r"\son[a-z]+=", page)

    def test_a_meeting_page_sends_the_security_headers(self, client):
        meeting = factories.make_meeting()
        assert_security_headers(client.get(meeting.get_absolute_url()))

    def test_admin_pages_send_them_and_their_inline_elements_carry_the_nonce(self, client, editor):
        assert_security_headers(client.get(reverse("admin:login")))
        client.force_login(editor)
        response = client.get(reverse("admin:meetings_meeting_add"))
        assert_security_headers(response)
        nonces = [value for value in csp_directives(response)["script-src"] if value.startswith("'nonce-")]
        assert len(nonces) == 1
        assert f'nonce="{nonces[0][7:-1]}"' in response.content.decode()

    def test_download_responses_send_them_too(self, client):
        publications = pytest.importorskip("tests.publications.factories", reason="publications not built yet")
        publication = publications.make_publication()
        publications.make_file(publication)
        response = client.get(reverse("publications:download", args=[publication.slug]))
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        directives = csp_directives(response)
        assert "'unsafe-inline'" not in directives.get("script-src", [])
        assert "frame-ancestors" in directives


def sign_in(client, username, password, **extra):
    return client.post(reverse("admin:login"), {"username": username, "password": password}, **extra)


class TestLoginThrottling:
    @pytest.fixture(autouse=True)
    def axes_on(self, settings):
        settings.AXES_ENABLED = True

    def test_five_failures_lock_that_user_from_that_address_with_a_clear_message(self, client, editor):
        for _attempt in range(4):
            assert sign_in(client, "edith", "wrong password").status_code == 200
        assert sign_in(client, "edith", "wrong password").status_code == 429
        # Now even the right password is refused, with the lockout page.
        response = sign_in(client, "edith", PASSWORD)
        assert response.status_code == 429
        page = response.content.decode()
        assert "Sign-in temporarily locked" in page and "0:30:00" in page
        assert "_auth_user_id" not in client.session

    def test_four_failures_do_not_lock(self, client, editor):
        for _attempt in range(4):
            sign_in(client, "edith", "wrong password")
        assert sign_in(client, "edith", PASSWORD).status_code == 302

    def test_the_lock_holds_only_for_that_address(self, client, editor):
        for _attempt in range(5):
            sign_in(client, "edith", "wrong password")
        assert sign_in(client, "edith", PASSWORD, REMOTE_ADDR="192.0.2.44").status_code == 302

    def test_the_lock_ends_after_the_cool_off_time(self, client, editor):
        start = datetime.datetime(2030, 1, 1, 9, 0, tzinfo=datetime.UTC)
        with time_machine.travel(start, tick=False) as traveller:
            for _attempt in range(5):
                sign_in(client, "edith", "wrong password")
            traveller.shift(datetime.timedelta(minutes=29))
            assert sign_in(client, "edith", PASSWORD).status_code == 429
            traveller.shift(datetime.timedelta(minutes=31))
            assert sign_in(client, "edith", PASSWORD).status_code == 302

    def test_behind_a_proxy_the_configured_header_tells_clients_apart(self, client, editor, settings):
        settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
        settings.AXES_IPWARE_PROXY_COUNT = 1
        proxy = {"REMOTE_ADDR": "10.0.0.2"}
        for _attempt in range(5):
            sign_in(client, "edith", "wrong password", HTTP_X_FORWARDED_FOR="81.2.69.142, 10.0.0.2", **proxy)
        locked = sign_in(client, "edith", PASSWORD, HTTP_X_FORWARDED_FOR="81.2.69.142, 10.0.0.2", **proxy)
        assert locked.status_code == 429
        other = sign_in(client, "edith", PASSWORD, HTTP_X_FORWARDED_FOR="81.2.69.160, 10.0.0.2", **proxy)
        assert other.status_code == 302


def run_with_environment(code, **environment):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "IOMEU_"))}
    env.update(environment)
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, *code], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "iomeu.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "eu.iom.int",
}


def test_check_deploy_with_the_production_environment_reports_nothing():
    result = run_with_environment(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_production_settings_make_cookies_secure_and_redirect_to_https():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, s.SESSION_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.AXES_IPWARE_META_PRECEDENCE_ORDER)"
    )
    result = run_with_environment(["-c", code], **PRODUCTION, IOMEU_CLIENT_IP_HEADER="HTTP_X_REAL_IP")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True True True True True ('HTTP_X_REAL_IP', 'REMOTE_ADDR')"


class TestStaffSessions:
    def test_end_after_the_idle_time_but_last_while_staff_keep_working(self, client, editor, settings):
        idle = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
        start = datetime.datetime(2030, 1, 1, 9, 0, tzinfo=datetime.UTC)
        with time_machine.travel(start, tick=False) as traveller:
            client.force_login(editor)
            for _request in range(3):
                traveller.shift(idle - datetime.timedelta(minutes=1))
                assert client.get(reverse("admin:index")).status_code == 200
            traveller.shift(idle + datetime.timedelta(seconds=1))
            response = client.get(reverse("admin:index"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))

    def test_the_idle_time_is_an_hour_unless_configured(self, settings):
        assert settings.SESSION_COOKIE_AGE == 3600
        assert settings.SESSION_SAVE_EVERY_REQUEST


def gps_of(data):
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif().get_ifd(ExifTags.IFD.GPSInfo)


class TestUploadedImages:
    def test_location_is_removed_and_the_rest_of_the_exif_kept(self):
        original = jpeg_bytes(location=True)
        assert gps_of(original)
        cleaned = strip_image_location(io.BytesIO(original))
        assert not gps_of(cleaned)
        with Image.open(io.BytesIO(cleaned)) as image:
            assert image.getexif()[ExifTags.Base.Copyright] == "IOM 2018"
            assert image.size == (64, 48)

    def test_an_image_without_location_is_left_alone(self):
        assert strip_image_location(io.BytesIO(jpeg_bytes())) is None

    @pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
    def test_a_meeting_photo_is_stored_without_its_location(self, settings, tmp_path, image_format):
        settings.MEDIA_ROOT = tmp_path
        upload = SimpleUploadedFile("phone.jpg", jpeg_bytes(location=True, image_format=image_format))
        photo = MeetingPhoto.objects.create(meeting=factories.make_meeting(), image=upload, alt_text="Delegates")
        stored = Path(photo.image.path).read_bytes()
        assert not gps_of(stored)
        assert (photo.width, photo.height) == (64, 48)

    def test_a_photo_uploaded_in_the_admin_loses_its_location(self, client, editor, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        meeting = factories.make_draft()
        client.force_login(editor)
        url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        data = form_data(client.get(url), form_id="meeting_form")
        data.update(
            {"photos-TOTAL_FORMS": "1", "photos-0-alt_text": "Delegates around the table", "photos-0-order": "0"}
        )
        data["photos-0-image"] = SimpleUploadedFile("phone.jpg", jpeg_bytes(location=True), "image/jpeg")
        response = client.post(url, data)
        assert response.status_code == 302, response.context["errors"]
        assert not gps_of(Path(meeting.photos.get().image.path).read_bytes())

    def test_a_decompression_bomb_is_refused_by_the_validator(self):
        # 8000 x 8000 one-bit pixels: a few kilobytes that would unpack to 64 million pixels (the limit is 40).
        output = io.BytesIO()
        Image.new("1", (8000, 8000)).save(output, format="PNG")
        assert output.tell() < 100_000
        with pytest.raises(ValidationError) as refused:
            validate_image_file(SimpleUploadedFile("bomb.png", output.getvalue()))
        assert refused.value.code == "too_many_pixels"
        assert "8000×8000" in refused.value.message

    def test_a_decompression_bomb_uploaded_in_the_admin_gets_a_form_error_and_nothing_is_stored(
        self, client, editor, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        settings.IOMEU_MAX_IMAGE_PIXELS = 10_000
        meeting = factories.make_draft()
        client.force_login(editor)
        url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        data = form_data(client.get(url), form_id="meeting_form")
        data.update({"photos-TOTAL_FORMS": "1", "photos-0-alt_text": "Too big", "photos-0-order": "0"})
        data["photos-0-image"] = SimpleUploadedFile("big.jpg", jpeg_bytes(size=(200, 100)), "image/jpeg")
        response = client.post(url, data)
        assert response.status_code == 200
        assert "the limit is 10,000 pixels" in response.content.decode()
        assert not meeting.photos.exists()
        assert not any(path.is_file() for path in tmp_path.rglob("*"))
