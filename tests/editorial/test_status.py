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


def reviewed_admins():
    """Every admin whose saves go through review (publishable content and reference data), from the registry."""
    from django.apps import apps
    from django.contrib import admin

    from editorial.admin import EditorialAdminMixin

    registered = [admin.site.get_model_admin(model) for model in apps.get_models() if admin.site.is_registered(model)]
    found = [
        model_admin
        for model_admin in registered
        if isinstance(model_admin, EditorialAdminMixin) and model_admin.is_reviewed()
    ]
    assert len(found) >= 8  # meetings, publications, pages, key figures, and the reference data
    return found


@pytest.mark.parametrize("model_admin", reviewed_admins(), ids=lambda model_admin: model_admin.opts.label_lower)
def test_every_reviewed_list_has_the_status_column_and_filter_and_every_form_a_preview(client, publisher, model_admin):
    client.force_login(publisher)
    opts = model_admin.opts
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    for value in ("changes", "in_review"):  # the values every reviewed list offers
        response = client.get(changelist, {"editorial_status": value})
        assert response.status_code == 200, (opts.label, value)
        assert "editorial_status" in response.context["cl"].list_display
        assert f"editorial_status={value}" in response.content.decode()  # the filter offers it
    form = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).content.decode()
    assert 'name="_preview"' in form and 'formtarget="_blank"' in form
