from django.urls import re_path

from . import views

app_name = "images"

urlpatterns = [
    re_path(
        r"^images/(?P<kind>[a-z-]+)/(?P<pk>[0-9]+)/(?P<version>[0-9a-f]{16})/(?P<variant>original|[a-z0-9]+\.[a-z]+)$",
        views.image,
        name="image",
    ),
]
