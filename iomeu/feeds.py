"""Atom feeds of the record: meetings, publications, and both for one topic."""

from django.apps import apps
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Topic

FEED_SIZE = 50
AUTHOR = "IOM Global Office in Brussels"


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def published_meetings():
    return _model("meetings.Meeting").objects.published().select_related("host").prefetch_related("topics")


def published_publications():
    Publication = _model("publications.Publication")
    if Publication is None:
        return []
    return Publication.objects.published().prefetch_related("topics")


class RecordFeed(Feed):
    feed_type = Atom1Feed
    author_name = AUTHOR

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class MeetingFeed(RecordFeed):
    title = "EU-IOM meetings"
    subtitle = "Senior Officials Meetings and other meetings between the EU and IOM, newest first."

    def link(self):
        return reverse("meetings:list")

    def items(self):
        return published_meetings()[:FEED_SIZE]


class PublicationFeed(RecordFeed):
    title = "IOM publications on EU migration policy"
    subtitle = "Recommendations to Council Presidencies, policy papers, reports and press releases, newest first."

    def link(self):
        return reverse("publications:list")

    def items(self):
        return published_publications()[:FEED_SIZE]


class TopicFeed(RecordFeed):
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
        publications = published_publications()
        if publications:
            publications = list(publications.filter(topics=topic)[:FEED_SIZE])
        items = sorted([*meetings, *publications], key=_item_date, reverse=True)
        return items[:FEED_SIZE]


def _item_date(item):
    """The day a meeting took place or a publication was issued."""
    return getattr(item, "publication_date", None) or item.date
