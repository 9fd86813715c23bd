from django.urls import path

from iomeu.urls import urlpatterns as site_urlpatterns

from . import bare

urlpatterns = [
    path("_bench/bare-list/", bare.bare_list),
    path("_bench/bare-bytes/", bare.bare_bytes),
    *site_urlpatterns,
]
