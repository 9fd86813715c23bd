"""A deleted (or replaced) meeting photo leaves no file behind and its address answers 404, once the deletion
commits.

Photos are private (images.views serves them after checking the meeting). Media are also served here by Django as
nginx serves MEDIA_ROOT in production, to show that no /media/ address reaches a photo either. A revision that
still refers to the file keeps it only in the private "retired/" folder (meetings.signals).
"""

import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import re_path, reverse
from django.views.static import serve

from core.history import file_kept_by_history
from images.pictures import Picture
from iomeu.urls import urlpatterns as site_urlpatterns
from meetings.models import Meeting, MeetingPhoto
from tests.core.admin_forms import form_data
from tests.core.images import jpeg_bytes
from tests.core.staff import publisher_fixture  # noqa: F401 (fixture)
from tests.meetings import factories


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)  # read per request: tests move MEDIA_ROOT


urlpatterns = [*site_urlpatterns, re_path(r"^media/(?P<path>.*)$", serve_media)]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


class Rollback(Exception):
    pass


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings, private_root):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def photo_url(photo):
    """The photo's address (its original, as pages link it); it names the stored file, so it changes with it."""
    return Picture(photo).original_url


def make_photo(meeting, name="room.jpg", **fields):
    fields.setdefault("alt_text", "Officials around a table")
    return MeetingPhoto.objects.create(meeting=meeting, image=SimpleUploadedFile(name, jpeg_bytes()), **fields)


def is_public(client, url):
    response = client.get(url)
    if response.status_code == 200:
        return True
    assert response.status_code == 404
    return False


def change_url(meeting):
    return reverse("admin:meetings_meeting_change", args=[meeting.pk])


def open_form(client, meeting):
    return form_data(client.get(change_url(meeting)), form_id="meeting_form")


def test_deleting_a_meeting_removes_its_photo_file_after_commit_and_its_url_answers_404(
    client, django_capture_on_commit_callbacks, media_root
):
    meeting = factories.make_meeting()
    photo = make_photo(meeting)
    url, path = photo_url(photo), photo.image.path
    assert url.startswith("/images/meeting-photo/")
    assert not path.startswith(str(media_root))
    assert not is_public(client, f"/media/{photo.image.name}")  # never in the public media
    assert is_public(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        meeting.delete()
        assert MeetingPhoto.objects.count() == 0
        assert os.path.exists(path)  # not before the commit: a rollback would need it
    assert not MeetingPhoto.objects.exists()
    assert not is_public(client, url)
    assert not os.path.exists(path)


@pytest.mark.parametrize("how", ["row", "queryset", "meeting queryset"])
def test_every_kind_of_delete_removes_the_photo_file(client, django_capture_on_commit_callbacks, how):
    meeting = factories.make_meeting()
    photo, other = make_photo(meeting, "first.jpg"), make_photo(factories.make_meeting(), "second.jpg")
    url = photo_url(photo)
    with django_capture_on_commit_callbacks(execute=True):
        if how == "row":
            photo.delete()
        elif how == "queryset":
            MeetingPhoto.objects.filter(pk=photo.pk).delete()
        else:
            Meeting.objects.filter(pk=meeting.pk).delete()
    assert not photo.image.storage.exists(photo.image.name)
    assert not is_public(client, url)
    assert is_public(client, photo_url(other))  # only the deleted row's file goes


def test_a_rolled_back_delete_keeps_the_file(client, django_capture_on_commit_callbacks):
    meeting = factories.make_meeting()
    photo = make_photo(meeting)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Rollback):
        with transaction.atomic():
            meeting.delete()
            raise Rollback
    assert callbacks == []
    assert MeetingPhoto.objects.filter(pk=photo.pk).exists()
    assert photo.image.storage.exists(photo.image.name)
    assert is_public(client, photo_url(photo))


def test_a_file_another_photo_row_still_uses_is_kept(client, django_capture_on_commit_callbacks):
    photo = make_photo(factories.make_meeting())
    sharing = MeetingPhoto.objects.create(
        meeting=factories.make_meeting(), image=photo.image.name, alt_text="The same photo"
    )
    with django_capture_on_commit_callbacks(execute=True):
        photo.meeting.delete()
    assert sharing.image.storage.exists(sharing.image.name)
    assert is_public(client, photo_url(sharing))


def test_deleting_a_meeting_through_the_admin_removes_its_photo_file_even_though_its_revision_names_it(
    client, publisher, django_capture_on_commit_callbacks
):
    meeting = factories.make_meeting(title="To be deleted")
    photo = make_photo(meeting)
    client.force_login(publisher)
    delete_url = reverse("admin:meetings_meeting_delete", args=[meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    # The deletion's revision still names the photo (the meeting can be recovered), yet its file is not public.
    assert file_kept_by_history(photo.image.name)
    assert not photo.image.storage.exists(photo.image.name)
    assert not is_public(client, photo_url(photo))


def test_the_admin_bulk_delete_action_removes_the_photo_files(client, publisher, django_capture_on_commit_callbacks):
    meetings = [factories.make_meeting(), factories.make_meeting()]
    photos = [make_photo(meeting) for meeting in meetings]
    client.force_login(publisher)
    changelist = reverse("admin:meetings_meeting_changelist")
    selected = {"action": "delete_selected", "_selected_action": [m.pk for m in meetings], "index": 0}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(changelist, {**selected, "post": "yes"}).status_code == 302
    assert not Meeting.objects.filter(pk__in=[m.pk for m in meetings]).exists()
    assert not any(is_public(client, photo_url(photo)) for photo in photos)


def test_removing_a_photo_in_the_meeting_form_removes_its_file(client, publisher, django_capture_on_commit_callbacks):
    meeting = factories.make_meeting()
    photo = make_photo(meeting)
    client.force_login(publisher)
    data = open_form(client, meeting)
    data["photos-0-DELETE"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(meeting), data).status_code == 302
    assert not meeting.photos.exists()
    assert not is_public(client, photo_url(photo))


def test_replacing_a_photos_image_removes_the_old_file_after_commit(client, django_capture_on_commit_callbacks):
    photo = make_photo(factories.make_meeting(), "first.jpg")
    old_url, old_name = photo_url(photo), photo.image.name
    with django_capture_on_commit_callbacks(execute=True):
        photo.image = SimpleUploadedFile("second.jpg", jpeg_bytes(size=(80, 60)))
        photo.save()
        assert photo.image.storage.exists(old_name)  # not before the commit
    assert photo.image.name != old_name
    assert not photo.image.storage.exists(old_name)
    assert not is_public(client, old_url)
    assert is_public(client, photo_url(photo))
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (80, 60)


def test_a_rolled_back_replacement_keeps_the_old_file(client, django_capture_on_commit_callbacks):
    photo = make_photo(factories.make_meeting(), "first.jpg")
    old_url = photo_url(photo)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Rollback):
        with transaction.atomic():
            photo.image = SimpleUploadedFile("second.jpg", jpeg_bytes())
            photo.save()
            raise Rollback
    assert is_public(client, old_url)


def test_saving_a_photo_without_a_new_image_keeps_its_file(client, django_capture_on_commit_callbacks):
    photo = make_photo(factories.make_meeting())
    with django_capture_on_commit_callbacks(execute=True):
        photo.caption = "A new caption"
        photo.save()
    assert is_public(client, photo_url(photo))


def test_replacing_a_photo_through_the_admin_removes_the_old_file(
    client, publisher, django_capture_on_commit_callbacks
):
    meeting = factories.make_meeting()
    photo = make_photo(meeting, "first.jpg")
    client.force_login(publisher)
    data = open_form(client, meeting)
    new_image = SimpleUploadedFile("second.jpg", jpeg_bytes(size=(80, 60)), "image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(meeting), {**data, "photos-0-image": new_image}).status_code == 302
    replaced = meeting.photos.get()
    assert replaced.image.name != photo.image.name
    assert not is_public(client, photo_url(photo))
    assert is_public(client, photo_url(replaced))
