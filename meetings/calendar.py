"""Meetings as iCalendar (RFC 5545): one meeting's .ics and the calendar of every published meeting.

Only meetings known to the day are in a calendar: a meeting known only by its month or year has no day to put there
(an event spanning a whole year helps no one), so it has no .ics and is left out of the calendar of all meetings.
"""

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from icalendar import Calendar, Event

from core.dates import DatePrecision
from richtext.text import to_line

from .models import Meeting

PRODID = "-//IOM Global Office in Brussels//EU-IOM meetings//EN"


def _meetings():
    """Published meetings known to the day."""
    return (
        Meeting.objects.published()
        .filter(date_precision=DatePrecision.DAY)
        .select_related("host")
        .prefetch_related("topics")
    )


def meeting_event(meeting, request):
    url = request.build_absolute_uri(meeting.get_absolute_url())
    description = [to_line(meeting.summary), url]
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{request.get_host().split(':')[0]}")
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.date)
    event.add("dtend", meeting.date + datetime.timedelta(days=1))  # all day: DTEND is exclusive
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("last-modified", meeting.updated_at.astimezone(datetime.UTC))
    event.add("created", meeting.created_at.astimezone(datetime.UTC))
    event.add("description", "\n\n".join(description))
    event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
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
    """One published meeting known to the day as an .ics file to add to a calendar (404 for any other)."""
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
