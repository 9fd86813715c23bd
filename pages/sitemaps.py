from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core.sitemaps import PublishableSitemap

from .models import Page


class SectionSitemap(Sitemap):
    """The home page and the list pages."""

    priority = 0.8
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "meetings:list",
            "meetings:participation",
            "meetings:service_list",
            "publications:list",
            "publications:presidencies",
            "pages:timeline",
            "accessibility",
            "feeds_help",
        ]

    def location(self, name):
        return reverse(name)


class PageSitemap(PublishableSitemap):
    model = Page
    priority = 0.4
    changefreq = "yearly"

    def items(self):
        return Page.objects.published().exclude(slug=Page.HOME_SLUG).order_by("order", "pk")
