"""The site's URLconf under /mounted/, for tests/iomeu/test_links.py."""

from django.urls import include, path

urlpatterns = [path("mounted/", include("iomeu.urls"))]
