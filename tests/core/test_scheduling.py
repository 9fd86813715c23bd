"""Scheduled publishing: an item appears on its own at its publication time and leaves at its expiry time, with no
cron job; until then the public finds it nowhere and staff preview it with a banner."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from tests.core.staff import editor_fixture  # noqa: F401 (fixtures)
from tests.meetings import factories

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2031, 5, 4, 9, 30, tzinfo=datetime.UTC)
EXPIRY = MOMENT + datetime.timedelta(days=30)
JUST_BEFORE = MOMENT - datetime.timedelta(seconds=1)
JUST_AFTER = MOMENT + datetime.timedelta(seconds=1)


@pytest.fixture
def scheduled(db):
    with time_machine.travel(MOMENT - datetime.timedelta(days=7), tick=False):
        return factories.make_meeting(
            title="Scheduled Senior Officials Meeting", slug="scheduled-som", published_at=MOMENT
        )


def public_list_titles(client):
    response = client.get(reverse("meetings:list"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_scheduled_meeting_is_absent_everywhere_until_its_moment(client, scheduled):
    with time_machine.travel(JUST_BEFORE, tick=False):
        assert not Meeting.objects.published().filter(pk=scheduled.pk).exists()
        assert client.get(scheduled.get_absolute_url()).status_code == 404
        assert scheduled.title not in public_list_titles(client)
        assert scheduled.title not in client.get(reverse("meetings:service_list")).content.decode()


def test_a_scheduled_meeting_appears_on_its_own_at_its_moment(client, scheduled):
    with time_machine.travel(MOMENT, tick=False):
        assert Meeting.objects.published().filter(pk=scheduled.pk).exists()
    with time_machine.travel(JUST_AFTER, tick=False):
        assert client.get(scheduled.get_absolute_url()).status_code == 200
        assert scheduled.title in public_list_titles(client)


def test_an_expiring_meeting_leaves_the_public_site_at_its_expiry(client, scheduled):
    scheduled.expires_at = EXPIRY
    scheduled.save()
    with time_machine.travel(EXPIRY - datetime.timedelta(seconds=1), tick=False):
        assert client.get(scheduled.get_absolute_url()).status_code == 200
    with time_machine.travel(EXPIRY, tick=False):
        assert not Meeting.objects.published().filter(pk=scheduled.pk).exists()
        assert client.get(scheduled.get_absolute_url()).status_code == 404
        assert scheduled.title not in public_list_titles(client)


def test_a_draft_with_a_past_publication_time_stays_hidden(client):
    draft = factories.make_draft(published_at=timezone.now() - datetime.timedelta(days=365))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_preview_a_scheduled_meeting_with_a_banner_and_no_caching(client, editor, scheduled):
    with time_machine.travel(JUST_BEFORE, tick=False):
        client.force_login(editor)
        response = client.get(scheduled.get_absolute_url())
    assert response.status_code == 200
    assert response.context["is_preview"] and response.context["preview_state"] == "scheduled"
    assert "this page is not public" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_once_public_the_page_is_no_longer_a_preview(client, editor, scheduled):
    with time_machine.travel(JUST_AFTER, tick=False):
        client.force_login(editor)
        response = client.get(scheduled.get_absolute_url())
    assert response.status_code == 200
    assert not response.context["is_preview"]
    assert "X-Robots-Tag" not in response
