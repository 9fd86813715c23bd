"""Meetings as iCalendar: each meeting's .ics and /meetings/calendar.ics, read back with the icalendar package."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from iomeu.dates import DatePrecision

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


def test_a_meeting_known_to_its_year_spans_the_year_and_never_gets_a_day(client, record):
    response = client.get(reverse("meeting_calendar", kwargs={"slug": "10th-senior-officials-meeting"}))
    event = events(read_calendar(response))["10th Senior Officials Meeting"]
    # All-day (DATE values, not a time), from 1 January to 1 January of the next year (DTEND is exclusive).
    assert event.decoded("DTSTART") == datetime.date(2024, 1, 1)
    assert event.decoded("DTEND") == datetime.date(2025, 1, 1)
    assert "VALUE=DATE" in response.content.decode()
    assert str(event["TRANSP"]) == "TRANSPARENT", "a whole year must not show as busy"
    assert "The exact day is not recorded" in str(event["DESCRIPTION"])
    assert "20240320" not in response.content.decode(), "the day typed by staff never leaks"


def test_a_meeting_known_to_its_month_spans_that_month(client, record):
    response = client.get(reverse("meeting_calendar", kwargs={"slug": "heads-of-unit-climate-2019"}))
    event = events(read_calendar(response))["Heads of Unit meeting on climate mobility"]
    assert event.decoded("DTSTART") == datetime.date(2019, 11, 1)
    assert event.decoded("DTEND") == datetime.date(2019, 12, 1)


@pytest.mark.parametrize(
    ("month", "end"), [(2, datetime.date(2024, 3, 1)), (12, datetime.date(2025, 1, 1))], ids=["february", "december"]
)
def test_month_spans_end_on_the_first_of_the_next_month(client, month, end):
    factories.make_meeting(
        "Monthly", slug="monthly", date=datetime.date(2024, month, 1), date_precision=DatePrecision.MONTH
    )
    event = events(read_calendar(client.get(reverse("meeting_calendar", kwargs={"slug": "monthly"}))))["Monthly"]
    assert event.decoded("DTEND") == end


def test_the_calendar_lists_every_published_meeting_and_no_draft(client, record):
    factories.make_meeting(
        "Scheduled meeting", slug="scheduled", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    calendar = read_calendar(client.get(reverse("calendar")))
    assert set(events(calendar)) == {
        "5th Senior Officials Meeting",
        "10th Senior Officials Meeting",
        "Heads of Unit meeting on climate mobility",
    }
    assert len({str(event["UID"]) for event in calendar.walk("VEVENT")}) == 3
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
