"""What the sitemaps share: only published items, with the time they last changed; drafts, scheduled and expired
items never appear. Each app has its own (meetings/sitemaps.py...); iomeu/urls.py serves them as /sitemap.xml."""

from django.contrib.sitemaps import Sitemap


class PublishableSitemap(Sitemap):
    """Published items of one model, with the time they last changed."""

    model = None
    changefreq = "monthly"

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return getattr(item, "updated_at", None)
