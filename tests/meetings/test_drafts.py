"""Drafts never reach the public; staff who may change meetings preview them, clearly marked."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from . import factories
from .page import elements, links, visible_text

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Secret draft meeting"


def assert_no_trace_of_the_draft(response, draft):
    assert response.status_code == 200
    assert DRAFT_TITLE not in response.content.decode()
    assert draft.get_absolute_url() not in links(response)


def test_an_anonymous_visitor_gets_a_404_for_a_draft(client, record):
    assert client.get(record["draft"].get_absolute_url()).status_code == 404


def test_a_scheduled_or_expired_meeting_is_a_404_for_the_public(client):
    now = timezone.now()
    scheduled = factories.make_meeting(published_at=now + datetime.timedelta(hours=1))
    expired = factories.make_meeting(expires_at=now - datetime.timedelta(hours=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert client.get(expired.get_absolute_url()).status_code == 404


def test_the_list_and_its_count_leave_drafts_out(client, record):
    response = client.get(reverse("meetings:list"))
    assert_no_trace_of_the_draft(response, record["draft"])
    assert "3 meetings" in visible_text(response)
    assert response.context["paginator"].count == 3


@pytest.mark.parametrize(
    "params", [{"year": "2026"}, {"q": "approved"}, {"service": "dg-intpa"}, {"topic": "climate-and-migration"}]
)
def test_no_filter_reveals_a_draft(client, record, params):
    assert_no_trace_of_the_draft(client.get(reverse("meetings:list"), params), record["draft"])


def test_service_pages_leave_drafts_out(client, record):
    draft = record["draft"]
    # DG INTPA hosts only the draft; DG HOME attends it.
    intpa = client.get(record["intpa"].get_absolute_url())
    assert_no_trace_of_the_draft(intpa, draft)
    assert list(intpa.context["hosted"]) == []
    assert [m.title for m in intpa.context["attended"]] == ["10th Senior Officials Meeting"]
    assert_no_trace_of_the_draft(client.get(record["home"].get_absolute_url()), draft)
    assert_no_trace_of_the_draft(client.get(reverse("meetings:service_list")), draft)


def test_the_participation_matrix_leaves_drafts_out(client, record):
    response = client.get(reverse("meetings:participation"))
    assert_no_trace_of_the_draft(response, record["draft"])
    assert "12th" not in visible_text(response)
    assert "2026" not in visible_text(response)


def test_a_service_seen_only_at_a_draft_meeting_is_not_in_the_matrix(client, record):
    secret = factories.make_service("DG SECRET")
    record["draft"].services.add(secret)
    assert "DG SECRET" not in visible_text(client.get(reverse("meetings:participation")))


def test_staff_who_may_change_meetings_preview_a_draft_with_a_banner_and_no_caching(client, record, editor):
    client.force_login(editor)
    response = client.get(record["draft"].get_absolute_url())
    assert response.status_code == 200
    assert elements(response, "h1")
    assert DRAFT_TITLE in visible_text(response)
    banner = elements(response, "div", class_="draft-banner")
    assert len(banner) == 1
    assert "Draft — this page is not public" in visible_text(response)
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "no-cache" in cache_control and "private" in cache_control
    assert "Expires" in response


def test_the_preview_of_a_scheduled_meeting_says_when_it_will_appear(client, editor):
    later = timezone.now() + datetime.timedelta(days=3)
    scheduled = factories.make_meeting(published_at=later)
    client.force_login(editor)
    response = client.get(scheduled.get_absolute_url())
    assert response.status_code == 200
    assert "Scheduled (for" in visible_text(response)


def test_a_superuser_previews_a_draft(client, record):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "a-long-test-password")
    client.force_login(admin)
    assert client.get(record["draft"].get_absolute_url()).status_code == 200


def test_staff_without_the_change_permission_get_a_404_for_a_draft(client, record, staff_without_permission):
    client.force_login(staff_without_permission)
    assert client.get(record["draft"].get_absolute_url()).status_code == 404


def test_a_signed_in_non_staff_user_with_the_permission_gets_a_404(client, record):
    user = factories.make_staff("former", permissions=["meetings.change_meeting"])
    user.is_staff = False
    user.save()
    client.force_login(user)
    assert client.get(record["draft"].get_absolute_url()).status_code == 404


def test_an_inactive_editor_gets_a_404(client, record, editor):
    client.force_login(editor)
    editor.is_active = False
    editor.save()
    assert client.get(record["draft"].get_absolute_url()).status_code == 404


def test_a_published_meeting_has_no_banner_and_no_preview_headers_even_for_staff(client, record, editor):
    client.force_login(editor)
    response = client.get(record["som5"].get_absolute_url())
    assert response.status_code == 200
    assert not elements(response, "div", class_="draft-banner")
    assert "no-store" not in response.get("Cache-Control", "")


def test_staff_lists_leave_drafts_out_too(client, record, editor):
    """Lists are the public view even for staff; drafts are reached from the admin's "view on site"."""
    client.force_login(editor)
    assert_no_trace_of_the_draft(client.get(reverse("meetings:list")), record["draft"])
    assert_no_trace_of_the_draft(client.get(reverse("meetings:participation")), record["draft"])
