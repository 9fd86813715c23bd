"""One set of words for where an item stands: the lists, their filter, the save message and the preview banner."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.meetings import factories
from tests.meetings.page import visible_text

from .helpers import open_form, post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(db):
    now = timezone.now()
    return {
        "draft": factories.make_draft(title="The draft one"),
        "scheduled": factories.make_meeting(title="The scheduled one", published_at=now + datetime.timedelta(days=3)),
        "published": factories.make_meeting(title="The published one"),
        "expired": factories.make_meeting(title="The expired one", expires_at=now - datetime.timedelta(hours=1)),
    }


def test_the_list_shows_each_status_in_one_column(client, publisher, meetings):
    client.force_login(publisher)
    text = visible_text(client.get(reverse("admin:meetings_meeting_changelist")))
    for title, words in [
        ("The draft one", "Draft"),
        ("The scheduled one", "Scheduled (for"),
        ("The expired one", "Expired"),
        ("The published one", "Published"),
    ]:
        line = next(line for line in text.splitlines() if title in line)
        assert words in line, line


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("draft", {"The draft one"}),
        ("scheduled", {"The scheduled one"}),
        ("published", {"The published one"}),
        ("expired", {"The expired one"}),
        ("changes", set()),
    ],
)
def test_the_status_filter(client, publisher, meetings, value, expected):
    client.force_login(publisher)
    response = client.get(reverse("admin:meetings_meeting_changelist"), {"editorial_status": value})
    assert {meeting.title for meeting in response.context["cl"].result_list} == expected


def test_has_draft_changes_is_a_status_and_a_filter(client, editor, publisher, meetings):
    client.force_login(editor)
    published = meetings["published"]
    data = open_form(client, published)
    post_form(client, {**data, "summary": "Changed."}, published)
    client.force_login(publisher)
    url = reverse("admin:meetings_meeting_changelist")
    assert "Published · Has draft changes (Draft)" in visible_text(client.get(url))
    response = client.get(url, {"editorial_status": "changes"})
    assert [meeting.title for meeting in response.context["cl"].result_list] == ["The published one"]


def test_the_save_message_says_the_status_with_the_schedule(client, publisher, meetings):
    client.force_login(publisher)
    scheduled = meetings["scheduled"]
    response = post_form(client, open_form(client, scheduled), scheduled, _continue="1")
    page = visible_text(client.get(response["Location"]))
    assert "Status: Scheduled (for" in page


def test_the_preview_banner_says_the_same_words(client, editor, meetings):
    client.force_login(editor)
    text = visible_text(client.get(meetings["scheduled"].get_absolute_url()))
    assert "Scheduled (for" in text
    assert "Expired" in visible_text(client.get(meetings["expired"].get_absolute_url()))
