"""The site's own pages: home, staff-edited pages (About, Contact...), the framework's timeline, robots.txt."""

import datetime
from dataclasses import dataclass

from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from core import dates
from core.cache import kept_for_generation
from core.dates import DatePrecision
from core.views import PreviewableMixin
from meetings.models import EUService, Meeting
from publications.models import Publication

from .models import KeyFigure, Milestone, Page

HOME_LATEST = 4


class HomeView(TemplateView):
    """What the office is and does, the latest of the record, the key figures, and the ways in."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = Page.objects.published().filter(slug=Page.HOME_SLUG).first()
        context["key_figures"] = KeyFigure.objects.published()
        context["latest_meetings"] = Meeting.objects.published().select_related("host")[:HOME_LATEST]
        context["latest_publications"] = Publication.objects.published().select_related("kind")[:HOME_LATEST]
        context.update(kept_for_generation("home:counts", record_counts))
        context["publications_url"] = reverse("publications:list")
        context["presidency_list_url"] = reverse("publications:presidencies")
        return context


def record_counts():
    """The home page's counts: each a scan of the archive, the same for every visitor until the next edit."""
    return {
        "meeting_count": Meeting.objects.published().count(),
        "service_count": EUService.objects.published().filter(joined_framework_on__isnull=False).count(),
        "publication_count": Publication.objects.published().count(),
    }


class PageDetailView(PreviewableMixin, DetailView):
    model = Page
    template_name = "pages/page_detail.html"
    context_object_name = "page"

    def get(self, request, *args, **kwargs):
        if kwargs.get("slug") == Page.HOME_SLUG:
            return redirect("home", permanent=True)
        return super().get(request, *args, **kwargs)


@dataclass
class TimelineEvent:
    date: datetime.date
    precision: str
    title: str
    description: str = ""
    url: str = ""
    kind: str = "milestone"
    anchor: str = ""

    @property
    def date_display(self):
        return dates.display(self.date, self.precision)

    @property
    def date_iso(self):
        return dates.iso(self.date, self.precision)


def timeline_events():
    """The framework's story drawn from the records themselves: milestones no other record holds, services
    joining and succeeding one another, and every published Senior Officials Meeting."""
    events = [
        TimelineEvent(m.date, m.date_precision, m.title, m.description, "", "milestone", f"milestone-{m.pk}")
        for m in Milestone.objects.all()
    ]
    services = list(EUService.objects.published().select_related("predecessor").order_by("joined_framework_on"))
    joined = [service for service in services if service.joined_framework_on]
    founding_day = joined[0].joined_framework_on if joined else None
    founders = sorted(
        (service for service in joined if service.joined_framework_on == founding_day), key=lambda s: s.acronym
    )
    if founders:
        events.append(
            TimelineEvent(
                founding_day,
                DatePrecision.MONTH,
                "The EU-IOM Strategic Cooperation Framework is established",
                f"IOM and {_and_list(service.acronym for service in founders)} set up the framework for "
                "cooperation on migration, development, humanitarian response and human rights.",
                reverse("meetings:service_list"),
                "framework",
            )
        )
    for service in joined:
        # A successor takes over its predecessor's place: that is told as the succession below.
        if service.joined_framework_on != founding_day and not service.predecessor_id:
            events.append(
                TimelineEvent(
                    service.joined_framework_on,
                    DatePrecision.MONTH,
                    f"{service.acronym} joins the framework",
                    service.full_name,
                    service.get_absolute_url(),
                    "service",
                )
            )
    for service in services:
        if service.predecessor_id and service.succeeded_predecessor_on:
            events.append(
                TimelineEvent(
                    service.succeeded_predecessor_on,
                    DatePrecision.MONTH,
                    f"{service.predecessor.acronym} becomes {service.acronym}",
                    f"{service.predecessor.full_name} becomes {service.full_name}.",
                    service.get_absolute_url(),
                    "service",
                )
            )
    for meeting in Meeting.objects.published().filter(level=Meeting.Level.SENIOR_OFFICIALS).select_related("host"):
        host = f" Hosted by {meeting.host.acronym}." if meeting.host else ""
        events.append(
            TimelineEvent(
                meeting.date,
                meeting.date_precision,
                meeting.title,
                f"{meeting.location + '.' if meeting.location else ''}{host}".strip(),
                meeting.get_absolute_url(),
                "meeting",
            )
        )
    order = {"milestone": 0, "framework": 1, "service": 2, "meeting": 3}
    return sorted(events, key=lambda event: (event.date, order[event.kind]))


def _and_list(items):
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class TimelineView(TemplateView):
    template_name = "pages/timeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = timeline_events()
        return context


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"
