"""/sitemap.xml: every public page with its last modification; drafts, scheduled and expired items never appear."""

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from .models import Page


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


class SectionSitemap(Sitemap):
    """The home page and the list pages."""

    priority = 0.8
    changefreq = "weekly"
    names = [
        "home",
        "meetings:list",
        "meetings:participation",
        "meetings:service_list",
        "publications:list",
        "publications:presidencies",
        "pages:timeline",
        "accessibility",
    ]

    def items(self):
        available = []
        for name in self.names:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            available.append(name)
        return available

    def location(self, name):
        return reverse(name)


class PublishableSitemap(Sitemap):
    """Published items of one model, with the time they last changed."""

    model_label = ""
    changefreq = "monthly"

    def items(self):
        model = _model(self.model_label)
        if model is None:
            return []
        return model.objects.published().order_by("pk")

    def lastmod(self, item):
        return getattr(item, "updated_at", None)


class MeetingSitemap(PublishableSitemap):
    model_label = "meetings.Meeting"
    priority = 0.7


class PublicationSitemap(PublishableSitemap):
    model_label = "publications.Publication"
    priority = 0.7


class ServiceSitemap(PublishableSitemap):
    model_label = "meetings.EUService"
    priority = 0.5


class PageSitemap(PublishableSitemap):
    priority = 0.4
    changefreq = "yearly"

    def items(self):
        return Page.objects.published().exclude(slug=Page.HOME_SLUG).order_by("order", "pk")


SITEMAPS = {
    "sections": SectionSitemap,
    "meetings": MeetingSitemap,
    "publications": PublicationSitemap,
    "services": ServiceSitemap,
    "pages": PageSitemap,
}
