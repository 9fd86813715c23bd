"""A photo is reachable only while its meeting is public: through one checked view, never a media URL."""

import datetime
import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from core.models import Status
from core.storage import atomic_with_file_cleanup
from images import renditions
from images.pictures import Picture
from meetings.admin import MeetingAdmin
from meetings.models import MeetingPhoto
from tests.core.admin_forms import form_data
from tests.meetings import factories

from .photos import make_photo, photo_bytes

pytestmark = pytest.mark.django_db

NOW = timezone.now()
HIDDEN = {
    "draft": {"status": Status.DRAFT},
    "scheduled": {"status": Status.PUBLISHED, "published_at": NOW + datetime.timedelta(days=2)},
    "expired": {
        "status": Status.PUBLISHED,
        "published_at": NOW - datetime.timedelta(days=9),
        "expires_at": NOW - datetime.timedelta(days=1),
    },
}


def stored_files(root):
    return sorted(os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names)


def every_address(photo):
    """The original and every rendition a page may ask for."""
    picture = Picture(photo)
    variants = ["original"]
    for image_format in renditions.formats():
        variants += [f"w{width}.{image_format}" for width in picture.widths]
        variants += [f"{crop}.{image_format}" for crop in renditions.CROPS]
    return [picture.url(variant) for variant in variants]


@pytest.mark.parametrize("state", HIDDEN)
def test_a_hidden_meetings_photo_answers_404_to_the_public_at_every_address_and_200_to_staff(
    client, editor, state, private_root
):
    photo = make_photo(factories.make_meeting(**HIDDEN[state]), data=photo_bytes((700, 440)))
    addresses = every_address(photo)
    assert len(addresses) >= 3 * (4 + 2) + 1
    for url in addresses:
        assert client.get(url).status_code == 404, url
    assert client.get(f"/media/{photo.image.name}").status_code == 404
    assert stored_files(private_root) == [photo.image.path]  # nothing was made for the public's requests

    client.force_login(editor)
    for url in addresses:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert "max-age" not in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"


def test_staff_without_permission_on_meetings_get_404_too(client, private_root):
    photo = make_photo(factories.make_draft())
    client.force_login(factories.make_staff("outsider", permissions=["publications.view_publication"]))
    assert client.get(Picture(photo).original_url).status_code == 404


def test_a_published_meetings_photo_is_public_and_its_renditions_long_cached(client, private_root):
    photo = make_photo(factories.make_meeting())
    original = client.get(Picture(photo).original_url)
    assert original.status_code == 200
    assert original["Content-Type"] == "image/jpeg"
    assert b"".join(original.streaming_content) == open(photo.image.path, "rb").read()
    response = client.get(Picture(photo).url("w640.webp"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"public", "immutable", "max-age=31536000"} <= directives
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Cookie" not in response.get("Vary", "")


def test_photos_are_stored_privately_under_random_names(private_root, settings):
    photo = make_photo(factories.make_meeting(), name="Meeting of 2026 in Brussels.jpg")
    assert re.fullmatch(r"images/meetings/[0-9a-f]{32}\.jpg", photo.image.name)
    assert photo.image.path.startswith(str(private_root))
    assert stored_files(settings.MEDIA_ROOT) == []
    with pytest.raises(ValueError, match="private file"):
        photo.image.url  # noqa: B018 (no media URL exists)


def test_the_file_name_follows_what_the_file_is_not_what_it_was_called(private_root):
    photo = make_photo(factories.make_meeting(), name="photo.jpg", data=photo_bytes((40, 30), "PNG"))
    assert photo.image.name.endswith(".png")


def test_a_photo_saved_in_a_transaction_that_rolls_back_leaves_no_file(private_root):
    meeting = factories.make_meeting()
    with pytest.raises(DatabaseError), atomic_with_file_cleanup():
        make_photo(meeting)
        assert len(stored_files(private_root)) == 1
        raise DatabaseError("something later in the same save failed")
    assert stored_files(private_root) == []
    assert not MeetingPhoto.objects.exists()


def test_a_photo_uploaded_in_an_admin_save_that_fails_leaves_no_file(client, private_root, monkeypatch):
    meeting = factories.make_meeting()
    client.force_login(_superuser())
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(client.get(url), form_id="meeting_form")
    data.update({"photos-TOTAL_FORMS": "1", "photos-0-alt_text": "Delegates", "photos-0-order": "0"})
    data["photos-0-image"] = SimpleUploadedFile("room.jpg", photo_bytes((60, 40)), "image/jpeg")

    def fail(*args, **kwargs):
        raise DatabaseError("the history could not be written")

    # After the photo row and its file are saved, the last step of the save fails: everything is rolled back.
    monkeypatch.setattr(MeetingAdmin, "log_change", fail)
    with pytest.raises(DatabaseError):
        client.post(url, data)
    assert not MeetingPhoto.objects.exists()
    assert stored_files(private_root) == []


def _superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("chief", password="a-long-test-password")
