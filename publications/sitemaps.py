from core.sitemaps import PublishableSitemap

from .models import Publication


class PublicationSitemap(PublishableSitemap):
    model = Publication
    priority = 0.7
