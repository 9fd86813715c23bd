"""The site's addresses: each app's own URLs, plus the few site-wide ones (home, search, feeds, sitemap, robots)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from iomeu import identity
from iomeu.health import healthz
from meetings import calendar
from meetings.sitemaps import MeetingSitemap, ServiceSitemap
from pages import views as pages
from pages.sitemaps import PageSitemap, SectionSitemap
from publications.sitemaps import PublicationSitemap
from search.views import SearchView

SITEMAPS = {
    "sections": SectionSitemap,
    "meetings": MeetingSitemap,
    "publications": PublicationSitemap,
    "services": ServiceSitemap,
    "pages": PageSitemap,
}

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("search/", SearchView.as_view(), name="search"),
    path("feeds/", TemplateView.as_view(template_name="feeds.html"), name="feeds_help"),
    path("feeds/", include("iomeu.feeds_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", pages.RobotsView.as_view(), name="robots"),
    path("meetings/calendar.ics", calendar.all_meetings_calendar, name="calendar"),
    path("meetings/<slug:slug>/calendar.ics", calendar.meeting_calendar, name="meeting_calendar"),
    path("", include("meetings.urls")),
    path("", include("publications.urls")),
    path("", include("images.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", identity.favicon, name="favicon"),
    path("apple-touch-icon.png", identity.apple_touch_icon, name="apple_touch_icon"),
    path("og/<slug:kind>.png", identity.og_image, name="og_image"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    # Last: /<slug>/ pages (About, Contact...) never shadow another address.
    path("", include("pages.urls")),
]

# What is not allowed and who can do it, in the admin's design for staff (editorial/views.py).
handler403 = "editorial.views.permission_denied"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
