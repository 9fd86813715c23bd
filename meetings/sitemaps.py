from core.sitemaps import PublishableSitemap

from .models import EUService, Meeting


class MeetingSitemap(PublishableSitemap):
    model = Meeting
    priority = 0.7


class ServiceSitemap(PublishableSitemap):
    model = EUService
    priority = 0.5
