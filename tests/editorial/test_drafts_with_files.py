"""Photos and PDFs saved in a draft stay out of public reach until the draft is published."""

import base64
import os
import re

import pytest

from core.storage import get_private_storage
from editorial.models import Draft
from editorial.payload import file_names
from meetings.models import MeetingPhoto
from publications.models import PublicationFile
from tests.meetings import factories
from tests.publications import factories as publication_factories

from .helpers import draft_action_url, open_form, post_form, set_row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()


def public_files(root):
    return [os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names]


def editor_adds_a_photo(client, editor):
    """An Editor adds a photo ("A table") to a live meeting: a pending draft. Returns the meeting."""
    meeting = factories.make_meeting()
    client.force_login(editor)
    data = open_form(client, meeting)
    set_row(data, "photos", 0, image=factories.image_upload("t.png", size=(40, 30)), alt_text="A table", order="0")
    post_form(client, data, meeting)
    return meeting


def test_a_photo_added_to_a_live_meeting_by_an_editor_stays_private_until_published(
    client, editor, publisher, settings
):
    meeting = factories.make_meeting()
    client.force_login(editor)
    data = open_form(client, meeting)
    set_row(
        data,
        "photos",
        0,
        image=factories.image_upload("table.png", size=(40, 30)),
        alt_text="The co-chairs at the table",
        order="0",
    )
    assert post_form(client, data, meeting).status_code == 302
    assert not MeetingPhoto.objects.exists()
    draft = Draft.objects.get()
    # Kept privately under a random name, nothing in the public media.
    [(_model, _field, name)] = file_names(draft.payload)
    assert re.fullmatch(r"images/meetings/[0-9a-f]{32}\.png", name)
    assert get_private_storage().exists(name)
    assert public_files(settings.MEDIA_ROOT) == []
    client.logout()
    public_page = client.get(meeting.get_absolute_url()).content.decode()
    assert "/images/meeting-photo/" not in public_page and "co-chairs" not in public_page

    client.force_login(publisher)
    client.post(draft_action_url(draft, "approve"))
    photo = MeetingPhoto.objects.get()
    assert photo.alt_text == "The co-chairs at the table"
    assert photo.image.name == name
    client.logout()
    public_page = client.get(meeting.get_absolute_url()).content.decode()
    assert f"/images/meeting-photo/{photo.pk}/" in public_page and "The co-chairs at the table" in public_page


def test_the_preview_of_a_draft_shows_its_new_photo(client, editor):
    editor_adds_a_photo(client, editor)

    response = client.get(draft_action_url(Draft.objects.get(), "preview"))

    # The photo's row exists only while the preview renders, so it has no address: the picture is embedded.
    page = response.content.decode()
    [source] = re.findall(r'<img src="data:image/jpeg;base64,([^"]+)" alt="A table"', page)
    assert base64.b64decode(source).startswith(b"\xff\xd8\xff")  # a JPEG
    assert "/images/meeting-photo/" not in page
    assert "data:" in response["Content-Security-Policy"].split("img-src")[1].split(";")[0]
    assert not MeetingPhoto.objects.exists()


def test_a_discarded_drafts_photo_is_deleted(client, editor, django_capture_on_commit_callbacks):
    editor_adds_a_photo(client, editor)
    [(_model, _field, name)] = file_names(Draft.objects.get().payload)
    assert get_private_storage().exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(draft_action_url(Draft.objects.get(), "discard"))
    assert not get_private_storage().exists(name)


def test_a_pdf_replaced_in_a_draft_keeps_the_live_pdf_until_published(client, editor, publisher):
    publication = publication_factories.make_publication()
    live_file = publication_factories.make_file(publication)
    live_name = live_file.file.name
    client.force_login(editor)
    data = open_form(client, publication)
    data["files-0-file"] = publication_factories.pdf_upload("new.pdf", text="The new text")
    assert post_form(client, data, publication).status_code == 302
    live_file.refresh_from_db()
    assert live_file.file.name == live_name
    draft = Draft.objects.get()
    client.force_login(publisher)
    client.post(draft_action_url(draft, "approve"))
    live_file = PublicationFile.objects.get()
    assert live_file.file.name != live_name and "The new text" in live_file.text
    assert get_private_storage().exists(live_file.file.name)


def test_positions_of_a_person_change_only_when_published(client, editor, publisher):
    person = factories.make_person("Eugenio Ambrosi", positions=[("Regional Director", "IOM", None, None)])
    client.force_login(editor)
    data = open_form(client, person)
    data["positions-0-title"] = "Chief of Staff"
    post_form(client, data, person)
    assert person.positions.get().title == "Regional Director"
    client.force_login(publisher)
    client.post(draft_action_url(Draft.objects.get(), "approve"))
    assert person.positions.get().title == "Chief of Staff"


def test_a_publisher_saving_the_draft_form_publishes_its_photo(client, editor, publisher):
    meeting = editor_adds_a_photo(client, editor)
    client.force_login(publisher)
    data = open_form(client, meeting)  # the draft's changes
    assert data["_editorial_base"] == "draft"
    assert post_form(client, data, meeting).status_code == 302
    photo = MeetingPhoto.objects.get()
    assert get_private_storage().exists(photo.image.name)
    assert not Draft.objects.exists()
    client.logout()
    assert f"/images/meeting-photo/{photo.pk}/" in client.get(meeting.get_absolute_url()).content.decode()
