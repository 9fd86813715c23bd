"""The Atom feeds of publications, and of everything (meetings and publications) on one topic."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from core.feeds import FEED_SIZE, RecordFeed
from core.models import Topic
from meetings.feeds import published_meetings

from .models import Publication


def published_publications():
    return Publication.objects.published().prefetch_related("topics")


class PublicationFeed(RecordFeed):
    title = "IOM publications on EU migration policy"
    subtitle = "Recommendations to Council Presidencies, policy papers, reports and press releases, newest first."

    def link(self):
        return reverse("publications:list")

    def items(self):
        return published_publications()[:FEED_SIZE]


class TopicFeed(RecordFeed):
    """Here rather than in core, where topics live: it reads meetings and publications, and core imports neither."""

    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"{topic.name}: EU-IOM meetings and publications"

    def subtitle(self, topic):
        return topic.description or f"Everything on the record about {topic.name}, newest first."

    def link(self, topic):
        return topic.get_absolute_url()

    def items(self, topic):
        meetings = list(published_meetings().filter(topics=topic)[:FEED_SIZE])
        publications = list(published_publications().filter(topics=topic)[:FEED_SIZE])
        items = sorted([*meetings, *publications], key=_item_date, reverse=True)
        return items[:FEED_SIZE]


def _item_date(item):
    """The day a meeting took place or a publication was issued."""
    return getattr(item, "publication_date", None) or item.date
