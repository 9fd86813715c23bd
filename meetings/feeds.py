"""The Atom feed of meetings."""

from django.urls import reverse

from core.feeds import FEED_SIZE, RecordFeed

from .models import Meeting


def published_meetings():
    return Meeting.objects.published().select_related("host").prefetch_related("topics")


class MeetingFeed(RecordFeed):
    title = "EU-IOM meetings"
    subtitle = "Senior Officials Meetings and other meetings between the EU and IOM, newest first."

    def link(self):
        return reverse("meetings:list")

    def items(self):
        return published_meetings()[:FEED_SIZE]
