from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from iomeu import calendar, pages
from iomeu.health import healthz
from iomeu.sitemaps import SITEMAPS

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("search/", pages.SearchView.as_view(), name="search"),
    path("feeds/", include("iomeu.feeds_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", pages.RobotsView.as_view(), name="robots"),
    path("meetings/calendar.ics", calendar.all_meetings_calendar, name="calendar"),
    path("meetings/<slug:slug>/calendar.ics", calendar.meeting_calendar, name="meeting_calendar"),
    path("", include("meetings.urls")),
    path("", include("publications.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    # Last: /<slug>/ pages (About, Contact...) never shadow another address.
    path("", include("iomeu.pages_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
