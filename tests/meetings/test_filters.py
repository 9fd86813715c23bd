import datetime
import re

import pytest
from django.urls import reverse

from meetings.filters import MeetingFilter
from meetings.models import Meeting

from . import factories
from .page import visible_text

pytestmark = pytest.mark.django_db


def titles(client, **params):
    response = client.get(reverse("meetings:list"), params, follow=True)  # empty parameters redirect without them
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


def options(response, name):
    """The (value, text) of each option of a select, as the visitor sees them."""
    html = response.content.decode()
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [
        (value, text.strip()) for value, text in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    ]


def test_filters_offer_only_options_with_published_results_each_with_its_count(client, record):
    response = client.get(reverse("meetings:list"))
    assert options(response, "level") == [
        ("", "Any level"),
        ("heads", "Heads of Unit/Division Meeting (1)"),
        ("senior", "Senior Officials Meeting (2)"),
    ]  # no expert meeting is published: not offered
    # A service counts the meetings it hosted or attended, each once; the draft (hosted by DG INTPA) counts for none.
    assert options(response, "service") == [
        ("", "Any service"),
        ("dg-devco", "DG DEVCO (1)"),
        ("dg-home", "DG HOME (2)"),
        ("dg-intpa", "DG INTPA (1)"),
        ("dg-near", "DG NEAR (1)"),
        ("eeas", "EEAS (2)"),
    ]
    assert [text for _, text in options(response, "year")] == ["Any year", "2024 (1)", "2019 (1)", "2018 (1)"]
    assert ("climate-and-migration", "Climate and migration (2)") in options(response, "topic")


def test_applied_filters_are_named_in_the_heading_and_each_can_be_removed(client, record):
    response = client.get(reverse("meetings:list"), {"year": "2018", "service": "dg-home"})
    heading = re.search(r'<h2 id="results-heading"[^>]*>(.*?)</h2>', response.content.decode(), re.S).group(1)
    assert heading == "1 meeting matching Year: 2018 and EU service: DG HOME"
    tags = {
        text: href
        for href, text in re.findall(r'<a class="filter-tag" href="([^"]*)">(.*?)</a>', response.content.decode())
    }
    removals = {
        re.sub(r"<[^>]+>", "", text).replace("Remove the filter ", "").strip(" ×"): href for text, href in tags.items()
    }
    assert removals == {"Year: 2018": "/meetings/?service=dg-home", "EU service: DG HOME": "/meetings/?year=2018"}
    assert client.get("/meetings/?service=dg-home").context["paginator"].count == 2
    assert "Clear all filters" in visible_text(response)
    # Nothing applied: no tags, a plain heading.
    plain = client.get(reverse("meetings:list"))
    assert 'class="filter-tag"' not in plain.content.decode() and "matching" not in visible_text(plain)


def test_a_submitted_form_with_empty_filters_redirects_to_an_address_without_them(client, record):
    response = client.get(reverse("meetings:list"), {"q": "", "year": "2018", "level": "", "service": "", "topic": ""})
    assert response.status_code == 302 and response["Location"] == "/meetings/?year=2018"
    everything_empty = client.get(reverse("meetings:list"), {"q": "", "year": ""})
    assert everything_empty.status_code == 302 and everything_empty["Location"] == "/meetings/"
    assert client.get("/meetings/?year=2018").status_code == 200


def test_the_filters_sit_behind_a_filter_disclosure_that_opens_on_an_error(client, record):
    html = client.get(reverse("meetings:list")).content.decode()
    assert re.search(r'<details class="filter-panel">\s*<summary>Filter</summary>', html)
    with_error = client.get(reverse("meetings:list"), {"year": "1850"}).content.decode()
    assert '<details class="filter-panel" open>' in with_error
