import datetime

import pytest
from django.urls import reverse

from meetings.filters import MeetingFilter
from meetings.models import Meeting

from . import factories
from .page import visible_text

pytestmark = pytest.mark.django_db


def titles(client, **params):
    response = client.get(reverse("meetings:list"), params)
    assert response.status_code == 200
    assert not response.context["filter"].form.errors
    assert "<title>Meetings" in response.content.decode()
    return [meeting.title for meeting in response.context["meetings"]]


def test_no_filter_lists_every_published_meeting(client, record):
    assert titles(client) == [
        "10th Senior Officials Meeting",
        "Heads of Unit meeting on climate mobility",
        "5th Senior Officials Meeting",
    ]


def test_filtering_by_year(client, record):
    assert titles(client, year="2018") == ["5th Senior Officials Meeting"]
    assert titles(client, year="2024") == ["10th Senior Officials Meeting"]


def test_filtering_by_level(client, record):
    assert titles(client, level="heads") == ["Heads of Unit meeting on climate mobility"]
    assert titles(client, level="expert") == []


def test_filtering_by_service_finds_meetings_it_hosted_and_meetings_it_attended(client, record):
    # DG HOME hosted the 5th and attended the 10th; it also attends the draft, which stays hidden.
    assert titles(client, service="dg-home") == ["10th Senior Officials Meeting", "5th Senior Officials Meeting"]
    assert titles(client, service="dg-near") == ["10th Senior Officials Meeting"]


def test_a_host_not_ticked_among_participants_is_still_found_by_the_service_filter(client):
    echo = factories.make_service("DG ECHO")
    factories.make_meeting("Hosted only", host=echo)
    assert titles(client, service="dg-echo") == ["Hosted only"]


def test_a_meeting_hosted_and_attended_by_the_service_is_listed_once(client, record):
    assert titles(client, service="eeas") == [
        "Heads of Unit meeting on climate mobility",
        "5th Senior Officials Meeting",
    ]


def test_filtering_by_topic(client, record):
    assert titles(client, topic="climate-and-migration") == [
        "10th Senior Officials Meeting",
        "Heads of Unit meeting on climate mobility",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tenth", ["10th Senior Officials Meeting"]),  # summary
        ("HEADS OF UNIT", ["Heads of Unit meeting on climate mobility"]),  # title, any case
        ("  reintegration  ", ["5th Senior Officials Meeting"]),  # surrounding spaces ignored
        ("approved for the public", []),  # only in the draft
        (
            "",
            [
                "10th Senior Officials Meeting",
                "Heads of Unit meeting on climate mobility",
                "5th Senior Officials Meeting",
            ],
        ),
    ],
)
def test_free_text_search_looks_in_title_summary_and_body(client, record, query, expected):
    assert titles(client, q=query) == expected


def test_free_text_search_finds_words_in_the_body(client, record):
    record["heads"].body = "Delegates discussed the Pact on Migration and Asylum."
    record["heads"].save()
    assert titles(client, q="pact on migration") == ["Heads of Unit meeting on climate mobility"]


def test_filters_combine(client, record):
    assert titles(client, service="dg-home", year="2024", topic="climate-and-migration") == [
        "10th Senior Officials Meeting"
    ]
    assert titles(client, service="dg-home", level="heads") == []


def test_the_result_count_follows_the_filters(client, record):
    assert "1 meeting" in visible_text(client.get(reverse("meetings:list"), {"level": "heads"}))
    assert "0 meetings" in visible_text(client.get(reverse("meetings:list"), {"level": "expert"}))
    assert "No meeting matches these filters." in visible_text(client.get(reverse("meetings:list"), {"q": "zzz"}))


def test_the_filter_offers_the_years_services_and_topics_that_exist(record):
    form = MeetingFilter(data={}, queryset=Meeting.objects.published()).form
    assert [value for value, _ in form.fields["year"].choices if value] == [2024, 2019, 2018]
    services = [choice[1] for choice in form.fields["service"].choices if choice[0]]
    assert services == ["DG DEVCO", "DG HOME", "DG INTPA", "DG NEAR", "EEAS"]
    topics = [choice[1] for choice in form.fields["topic"].choices if choice[0]]
    assert topics == ["Climate and migration", "Return and reintegration"]


def test_a_meeting_of_a_year_with_only_a_draft_is_not_offered_as_a_year(client):
    factories.make_meeting(date=datetime.date(2013, 5, 1))
    factories.make_draft(date=datetime.date(2015, 5, 1))
    response = client.get(reverse("meetings:list"))
    assert [value for value, _ in response.context["filter"].form.fields["year"].choices if value] == [2013]
