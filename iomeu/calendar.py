"""Meetings as iCalendar (RFC 5545): one meeting's .ics and the calendar of every published meeting.

A meeting known only to its month or year becomes an all-day event spanning that month or year, marked free
(TRANSP:TRANSPARENT) and saying that the day is not recorded: a calendar never shows a day the record lacks.
"""

import datetime

from django.apps import apps
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from icalendar import Calendar, Event

from .dates import DatePrecision

PRODID = "-//IOM Global Office in Brussels//EU-IOM meetings//EN"


def _meetings():
    Meeting = apps.get_model("meetings.Meeting")
    return Meeting.objects.published().select_related("host").prefetch_related("topics")


def event_span(meeting):
    """The first day and the day after the last day of the period the record knows (DTEND is exclusive).

    A saved meeting's date is already the first day of its period (Meeting.save and its check constraint)."""
    return meeting.date, meeting.period_end + datetime.timedelta(days=1)


def meeting_event(meeting, request):
    url = request.build_absolute_uri(meeting.get_absolute_url())
    start, end = event_span(meeting)
    description = [meeting.summary]
    if meeting.date_precision != DatePrecision.DAY:
        description.append(f"The exact day is not recorded; the meeting took place in {meeting.date_display}.")
    description.append(url)
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{request.get_host().split(':')[0]}")
    event.add("summary", meeting.title)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("last-modified", meeting.updated_at.astimezone(datetime.UTC))
    event.add("created", meeting.created_at.astimezone(datetime.UTC))
    event.add("description", "\n\n".join(description))
    event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT" if meeting.date_precision != DatePrecision.DAY else "OPAQUE")
    if meeting.location:
        event.add("location", meeting.location)
    categories = [meeting.get_level_display(), *(topic.name for topic in meeting.topics.all())]
    event.add("categories", categories)
    return event


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _response(calendar, filename=None):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def meeting_calendar(request, slug):
    """One published meeting as an .ics file to add to a calendar."""
    meeting = get_object_or_404(_meetings(), slug=slug)
    calendar = _calendar(meeting.title)
    calendar.add_component(meeting_event(meeting, request))
    return _response(calendar, filename=f"{meeting.slug}.ics")


def all_meetings_calendar(request):
    """Every published meeting, to subscribe to."""
    calendar = _calendar("EU-IOM meetings")
    for meeting in _meetings().order_by("date", "pk"):
        calendar.add_component(meeting_event(meeting, request))
    return _response(calendar)
