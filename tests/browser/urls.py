"""The site's URLs, plus uploaded media served by Django as nginx would serve them in production."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from iomeu.urls import urlpatterns as site_urlpatterns

# The site's own patterns come first, so any guarded media URL of the site keeps its guard.
urlpatterns = [
    *site_urlpatterns,
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
