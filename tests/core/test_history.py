"""History that loses nothing: revisions with who and when, comparison, restore, recovery of deleted items with
their relations, and the refusal of a save based on a stale copy."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from reversion.models import Version

from core.models import Status
from images.pictures import Picture
from meetings.models import Meeting, MeetingPhoto, Person
from tests.core.admin_forms import form_data
from tests.core.images import jpeg_bytes
from tests.core.staff import editor_fixture, publisher_fixture  # noqa: F401 (fixtures)
from tests.meetings import factories

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def history_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def open_form(client, obj):
    return form_data(client.get(change_url(obj)), form_id=f"{obj._meta.model_name}_form")


def save(client, obj, data, **changes):
    return client.post(change_url(obj), {**data, **changes})


@pytest.fixture
def meeting_with_relations(db):
    speaker = factories.make_person("Antonio Vitorino")
    participant = factories.make_person("Monique Pariat")
    meeting = factories.make_meeting(title="7th Senior Officials Meeting", participants=[participant])
    factories.make_quote(meeting, speaker, text="Partnership is our method.")
    return meeting


def test_each_admin_save_keeps_a_revision_showing_who_changed_what_and_when(client, publisher, meeting_with_relations):
    meeting = meeting_with_relations
    client.force_login(publisher)
    save(client, meeting, open_form(client, meeting), summary="The officials reviewed ten years of cooperation.")
    versions = Version.objects.get_for_object(meeting)
    assert versions.count() == 1
    revision = versions.first().revision
    assert revision.user == publisher
    page = client.get(history_url(meeting)).content.decode()
    assert "pablo" in page and "Summary" in page


def test_two_revisions_can_be_compared_field_by_field(client, publisher, meeting_with_relations):
    meeting = meeting_with_relations
    client.force_login(publisher)
    save(client, meeting, open_form(client, meeting), summary="First account of the meeting.")
    data = open_form(client, meeting)
    quote_delete = next(key for key in data if key.startswith("quotes-0-") and key.endswith("-id"))
    data[quote_delete.replace("-id", "-DELETE")] = "on"
    save(client, meeting, data, summary="Second account of the meeting.")
    older, newer = sorted(Version.objects.get_for_object(meeting).values_list("pk", flat=True))
    compare = reverse("admin:meetings_meeting_compare", args=[meeting.pk])
    response = client.get(compare, {"older": older, "newer": newer})
    assert response.status_code == 200
    page = response.content.decode()
    assert "First account of the meeting." in page and "Second account of the meeting." in page
    assert "<del>First</del>" in page and "<ins>Second</ins>" in page
    assert "removed" in page and "Antonio Vitorino" in page
    # The history page offers the comparison.
    assert compare in client.get(history_url(meeting)).content.decode()


def test_comparing_needs_two_revisions_of_this_item(client, publisher, meeting_with_relations):
    client.force_login(publisher)
    compare = reverse("admin:meetings_meeting_compare", args=[meeting_with_relations.pk])
    response = client.get(compare, {"older": "x", "newer": "1"}, follow=True)
    assert "Choose two revisions" in response.content.decode()


def test_restoring_a_revision_brings_back_its_text_and_its_quotes(client, publisher, meeting_with_relations):
    meeting = meeting_with_relations
    client.force_login(publisher)
    save(client, meeting, open_form(client, meeting), summary="The version to keep.")
    first = Version.objects.get_for_object(meeting).get()
    data = open_form(client, meeting)
    quote_id = next(key for key in data if key.startswith("quotes-0-") and key.endswith("-id"))
    data[quote_id.replace("-id", "-DELETE")] = "on"
    save(client, meeting, data, summary="A bad edit.")
    assert not meeting.quotes.exists()

    revert_url = reverse("admin:meetings_meeting_revision", args=[meeting.pk, first.pk])
    revert_form = form_data(client.get(revert_url), form_id="meeting_form")
    assert client.post(revert_url, revert_form).status_code == 302
    meeting.refresh_from_db()
    assert meeting.summary == "The version to keep."
    assert [quote.text for quote in meeting.quotes.all()] == ["Partnership is our method."]


@pytest.fixture
def private_media(private_root):
    """A private storage of the test's own (photos are stored there): no file retired by another test is in it."""
    return private_root


def test_a_deleted_meeting_is_recovered_with_its_quotes_participants_and_photos(
    client, publisher, settings, tmp_path, private_media, django_capture_on_commit_callbacks
):
    """The photo comes back too; while the meeting is deleted, its file is not at its public address."""
    settings.MEDIA_ROOT = tmp_path
    speaker = factories.make_person("Antonio Vitorino")
    participant = factories.make_person("Monique Pariat")
    meeting = factories.make_meeting(title="To be deleted", participants=[participant])
    factories.make_quote(meeting, speaker, text="Partnership is our method.")
    photo = MeetingPhoto.objects.create(
        meeting=meeting, image=SimpleUploadedFile("room.jpg", jpeg_bytes()), alt_text="The meeting room"
    )
    photo_path = photo.image.path
    client.force_login(publisher)
    delete_url = reverse("admin:meetings_meeting_delete", args=[meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Meeting.objects.filter(slug=meeting.slug).exists()
    assert not os.path.exists(photo_path)
    assert (private_media / "retired" / photo.image.name).exists()  # kept out of public reach

    recover_list = client.get(reverse("admin:meetings_meeting_recoverlist")).content.decode()
    assert "To be deleted" in recover_list
    version = Version.objects.get_deleted(Meeting).get()
    recover_url = reverse("admin:meetings_meeting_recover", args=[version.pk])
    recover_form = form_data(client.get(recover_url), form_id="meeting_form")
    assert client.post(recover_url, recover_form).status_code == 302

    recovered = Meeting.objects.get(slug=meeting.slug)
    assert [quote.text for quote in recovered.quotes.all()] == ["Partnership is our method."]
    assert [p.person for p in recovered.participations.all()] == [participant]
    assert [p.alt_text for p in recovered.photos.all()] == ["The meeting room"]
    with open(photo_path, "rb") as restored:
        assert restored.read(2) == b"\xff\xd8"
    # Served again at its address (the same stored name, so the same version), to the public as the meeting is.
    client.logout()
    assert client.get(Picture(recovered.photos.get()).original_url).status_code == 200


def test_editors_cannot_restore_a_revision_that_would_publish_the_item(client, editor, publisher):
    meeting = factories.make_meeting()
    client.force_login(publisher)
    save(client, meeting, open_form(client, meeting), summary="Published version.")
    published_version = Version.objects.get_for_object(meeting).get()
    client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "unpublish", "_selected_action": [meeting.pk], "index": 0},
    )
    client.force_login(editor)
    revert_url = reverse("admin:meetings_meeting_revision", args=[meeting.pk, published_version.pk])
    response = client.post(revert_url, {"title": meeting.title}, follow=True)
    assert "Only Publishers can restore it" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Status.DRAFT


class TestConcurrentEdits:
    def test_the_second_of_two_saves_from_the_same_starting_point_is_refused(self, client, editor, publisher):
        meeting = factories.make_draft(summary="Original summary.")
        client.force_login(publisher)
        first = open_form(client, meeting)
        client.force_login(editor)
        second = open_form(client, meeting)
        assert save(client, meeting, second, summary="Edith's summary.").status_code == 302

        client.force_login(publisher)
        response = save(client, meeting, first, summary="Pablo's summary.")
        assert response.status_code == 200
        page = response.content.decode()
        assert "changed by someone else after you opened it (edith" in page
        assert "Your changes have not been saved" in page
        meeting.refresh_from_db()
        assert meeting.summary == "Edith's summary."

    def test_a_change_to_an_inline_row_also_counts(self, client, editor, publisher):
        person = factories.make_person("Eugenio Ambrosi")
        position = person.positions.create(title="Regional Director", organisation="IOM")
        client.force_login(publisher)
        first = open_form(client, person)
        position.title = "Chief of Staff"
        position.save()
        response = save(client, person, first, name="Eugenio Ambrosi (IOM)")
        assert response.status_code == 200
        person.refresh_from_db()
        assert person.name == "Eugenio Ambrosi"

    def test_a_save_from_an_up_to_date_form_goes_through(self, client, publisher):
        person = factories.make_person("Laurence Hart")
        client.force_login(publisher)
        assert save(client, person, open_form(client, person), name="Laurence Hart (IOM)").status_code == 302
        assert Person.objects.get(pk=person.pk).name == "Laurence Hart (IOM)"
        # The form shown after the save carries the new state and saves again.
        assert save(client, person, open_form(client, person), name="Laurence Hart").status_code == 302


def test_a_replaced_file_stays_downloadable_for_staff_from_its_revision(
    client, publisher, settings, tmp_path, private_media, django_capture_on_commit_callbacks
):
    """...but no longer at its public address."""
    settings.MEDIA_ROOT = tmp_path / "media"
    meeting = factories.make_meeting()
    client.force_login(publisher)
    data = open_form(client, meeting)
    first_photo = SimpleUploadedFile("first.jpg", jpeg_bytes(size=(40, 30)), "image/jpeg")
    data.update({"photos-TOTAL_FORMS": "1", "photos-0-alt_text": "First", "photos-0-order": "0"})
    assert save(client, meeting, data, **{"photos-0-image": first_photo}).status_code == 302
    old_name = meeting.photos.get().image.name
    data = open_form(client, meeting)
    second_photo = SimpleUploadedFile("second.jpg", jpeg_bytes(size=(80, 60)), "image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        assert save(client, meeting, data, **{"photos-0-image": second_photo}).status_code == 302
    assert meeting.photos.get().image.name != old_name
    assert not (tmp_path / "media" / old_name).exists()

    older, newer = sorted(Version.objects.get_for_object(meeting).values_list("pk", flat=True))
    compare = reverse("admin:meetings_meeting_compare", args=[meeting.pk])
    page = client.get(compare, {"older": older, "newer": newer}).content.decode()
    photo_version = Version.objects.get_for_model(MeetingPhoto).order_by("pk").first()
    file_url = reverse("admin:meetings_meeting_revision_file", args=[meeting.pk, photo_version.pk, "image"])
    assert file_url in page
    response = client.get(file_url)
    assert response.status_code == 200
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert image.size == (40, 30)


def test_a_revision_file_is_only_served_through_the_item_it_belongs_to(client, publisher, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting, other = factories.make_meeting(), factories.make_meeting()
    client.force_login(publisher)
    data = open_form(client, meeting)
    data.update({"photos-TOTAL_FORMS": "1", "photos-0-alt_text": "Room", "photos-0-order": "0"})
    photo = SimpleUploadedFile("room.jpg", jpeg_bytes(), "image/jpeg")
    save(client, meeting, data, **{"photos-0-image": photo})
    photo_version = Version.objects.get_for_model(MeetingPhoto).get()
    wrong = reverse("admin:meetings_meeting_revision_file", args=[other.pk, photo_version.pk, "image"])
    assert client.get(wrong).status_code == 404
    client.logout()
    right = reverse("admin:meetings_meeting_revision_file", args=[meeting.pk, photo_version.pk, "image"])
    assert client.get(right).status_code == 302  # to the sign-in page
