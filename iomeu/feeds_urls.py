from django.urls import path

from . import feeds

app_name = "feeds"

urlpatterns = [
    path("meetings/", feeds.MeetingFeed(), name="meetings"),
    path("publications/", feeds.PublicationFeed(), name="publications"),
    path("topics/<slug:slug>/", feeds.TopicFeed(), name="topic"),
]
