"""Meetings as iCalendar: each meeting's .ics and /meetings/calendar.ics, read back with the icalendar package."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from . import factories
from .page import elements

pytestmark = pytest.mark.django_db


def read_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return calendar


def events(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_a_meeting_on_a_known_day_is_a_one_day_event(client, record):
    response = client.get(reverse("meeting_calendar", kwargs={"slug": "5th-senior-officials-meeting"}))
    assert response["Content-Disposition"] == 'attachment; filename="5th-senior-officials-meeting.ics"'
    event = events(read_calendar(response))["5th Senior Officials Meeting"]
    assert event.decoded("DTSTART") == datetime.date(2018, 5, 14)
    assert event.decoded("DTEND") == datetime.date(2018, 5, 15)
    assert str(event["TRANSP"]) == "OPAQUE"
    assert str(event["URL"]).endswith("/meetings/5th-senior-officials-meeting/")
    assert str(event["LOCATION"]) == "Brussels"
    assert event["UID"] and event["DTSTAMP"]


@pytest.mark.parametrize("slug", ["10th-senior-officials-meeting", "heads-of-unit-climate-2019"])
def test_a_meeting_without_a_known_day_has_no_calendar_entry(client, record, slug):
    """A year or a month is no day to put in a calendar: no .ics of its own, no link to one, no event."""
    assert client.get(reverse("meeting_calendar", kwargs={"slug": slug})).status_code == 404
    page = client.get(reverse("meetings:detail", kwargs={"slug": slug}))
    assert not elements(page, "a", href=reverse("meeting_calendar", kwargs={"slug": slug}))
    calendar = client.get(reverse("calendar")).content.decode()
    assert "20240101" not in calendar and "20191101" not in calendar and "20240320" not in calendar


def test_the_calendar_lists_every_published_meeting_and_no_draft(client, record):
    factories.make_meeting(
        "Scheduled meeting", slug="scheduled", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    calendar = read_calendar(client.get(reverse("calendar")))
    # The 10th (a year) and the Heads of Unit meeting (a month) have no day to be put in a calendar.
    assert set(events(calendar)) == {"5th Senior Officials Meeting"}
    assert len({str(event["UID"]) for event in calendar.walk("VEVENT")}) == 1
    assert "Secret draft" not in client.get(reverse("calendar")).content.decode()


def test_a_draft_or_scheduled_meetings_ics_is_not_found(client, record):
    assert client.get(reverse("meeting_calendar", kwargs={"slug": "secret-draft-meeting"})).status_code == 404
    factories.make_meeting("Later", slug="later", published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(reverse("meeting_calendar", kwargs={"slug": "later"})).status_code == 404


def test_special_characters_are_escaped_as_rfc_5545_asks(client):
    factories.make_meeting("Return; readmission, reintegration", slug="escaped", summary="One, two; three\nfour.")
    response = client.get(reverse("meeting_calendar", kwargs={"slug": "escaped"}))
    assert "SUMMARY:Return\\; readmission\\, reintegration" in response.content.decode()
    assert str(events(read_calendar(response))["Return; readmission, reintegration"]["SUMMARY"])
    assert all(len(line.encode()) <= 75 for line in response.content.decode().split("\r\n"))


def test_the_meeting_page_offers_its_ics_and_a_draft_preview_does_not(client, record, editor):
    page = client.get(reverse("meetings:detail", kwargs={"slug": "5th-senior-officials-meeting"}))
    ics = reverse("meeting_calendar", kwargs={"slug": "5th-senior-officials-meeting"})
    assert elements(page, "a", href=ics)
    client.force_login(editor)
    preview = client.get(reverse("meetings:detail", kwargs={"slug": "secret-draft-meeting"}))
    draft_ics = reverse("meeting_calendar", kwargs={"slug": "secret-draft-meeting"})
    assert not elements(preview, "a", href=draft_ics)


def test_the_calendar_query_count_does_not_grow(client, assert_max_page_queries):
    for number in range(30):
        factories.make_meeting(f"Meeting {number}", slug=f"cal-{number}", topics=[factories.make_topic()])
    with assert_max_page_queries(3):
        response = client.get(reverse("calendar"))
    assert len(read_calendar(response).walk("VEVENT")) == 30
