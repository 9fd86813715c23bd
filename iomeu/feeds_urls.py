from django.urls import path

from meetings.feeds import MeetingFeed
from publications.feeds import PublicationFeed, TopicFeed

app_name = "feeds"

urlpatterns = [
    path("meetings/", MeetingFeed(), name="meetings"),
    path("publications/", PublicationFeed(), name="publications"),
    path("topics/<slug:slug>/", TopicFeed(), name="topic"),
]
