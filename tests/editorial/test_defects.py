"""The compare view, the delete confirmation and the slug help text read as staff expect."""

import pytest
from django.urls import reverse
from reversion.models import Version

from tests.meetings import factories
from tests.meetings.page import visible_text
from tests.publications import factories as publication_factories

from .helpers import admin_url, open_form, post_form

pytestmark = pytest.mark.django_db


def test_compare_shows_no_publication_time_difference_when_both_read_the_same(client, publisher):
    meeting = factories.make_draft(summary="First.")  # its publication time is "now", with microseconds
    client.force_login(publisher)
    client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "publish", "_selected_action": [meeting.pk], "index": 0},
    )
    post_form(client, {**open_form(client, meeting), "summary": "Second."}, meeting)  # the form's time: seconds
    older, newer = sorted(Version.objects.get_for_object(meeting), key=lambda version: version.pk)
    assert older.field_dict["published_at"] != newer.field_dict["published_at"]
    url = admin_url(meeting, "compare", meeting.pk)
    text = visible_text(client.get(url, {"older": older.pk, "newer": newer.pk}))
    assert "Summary" in text
    assert "Publication time" not in text


def test_the_delete_confirmation_names_the_linked_services(client, publisher):
    service = factories.make_service("DG HOME")
    meeting = factories.make_meeting("5th Senior Officials Meeting", services=[service])
    client.force_login(publisher)
    text = visible_text(client.get(admin_url(meeting, "delete", meeting.pk)))
    assert "object (" not in text
    assert "5th Senior Officials Meeting – DG HOME" in text


def test_the_slug_help_text_shows_its_placeholder(client, publisher):
    publication = publication_factories.make_publication()
    client.force_login(publisher)
    response = client.get(reverse("admin:publications_publication_change", args=[publication.pk]))
    assert "/publications/&lt;slug&gt;/." in response.content.decode()
    assert "/publications/<slug>/." in visible_text(response)
