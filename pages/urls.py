"""Staff-edited pages at /<slug>/ (About, Contact...) and the framework's timeline. Included last: every other
address of the site wins over a page slug, and Page.slug refuses a slug that another address already uses."""

from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("<slug:slug>/", views.PageDetailView.as_view(), name="detail"),
]
