"""The home page: what the office is, the latest of the record, the key figures with their sources, the ways in."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Status
from pages.models import KeyFigure, Page
from tests.core.findability import make_presidency, make_publication
from tests.meetings import factories
from tests.meetings.page import elements, links, unlabelled_controls, visible_text

pytestmark = pytest.mark.django_db


def make_figure(value="over 300", label="EU and IOM staff took part", **fields):
    fields.setdefault("year", 2018)
    fields.setdefault("source", "IOM press release, 4 April 2018")
    fields.setdefault("status", Status.PUBLISHED)
    return KeyFigure.objects.create(value=value, label=label, **fields)


def test_the_home_page_says_what_the_office_is_in_the_staff_edited_introduction(client):
    Page.objects.create(
        slug="home",
        title="Home",
        description="IOM's liaison office to the EU.",
        body="<p>The IOM Global Office in Brussels is IOM's liaison office to the EU.</p>",
        status=Status.PUBLISHED,
    )
    response = client.get("/")
    assert response.status_code == 200
    assert "The IOM Global Office in Brussels is IOM's liaison office to the EU." in visible_text(response)
    assert elements(response, "meta", name="description")[0]["content"] == "IOM's liaison office to the EU."
    assert len(elements(response, "h1")) == 1


def test_without_an_introduction_the_home_page_still_explains_the_site(client):
    Page.objects.create(slug="home", title="Home", body="<p>Unpublished words.</p>", status=Status.DRAFT)
    text = visible_text(client.get("/"))
    assert "liaison office of the International Organization for Migration" in text
    assert "Unpublished words." not in text


def test_the_latest_meetings_and_publications_are_shown_newest_first_without_drafts(client):
    for year in range(2015, 2021):
        factories.make_meeting(f"Meeting of {year}", slug=f"m{year}", date=datetime.date(year, 5, 1))
    factories.make_draft(title="Draft meeting", slug="draft", date=datetime.date(2030, 1, 1))
    factories.make_meeting(
        "Scheduled meeting", slug="later", date=datetime.date(2030, 1, 1),
        published_at=timezone.now() + datetime.timedelta(days=1),
    )  # fmt: skip
    make_publication("Old paper", publication_date=datetime.date(2014, 1, 1))
    make_publication("New paper", publication_date=datetime.date(2017, 2, 7))
    make_publication("Draft paper", publication_date=datetime.date(2030, 1, 1), status=Status.DRAFT)
    response = client.get("/")
    assert [meeting.title for meeting in response.context["latest_meetings"]] == [
        "Meeting of 2020",
        "Meeting of 2019",
        "Meeting of 2018",
        "Meeting of 2017",
    ]
    assert [paper.title for paper in response.context["latest_publications"]] == ["New paper", "Old paper"]
    text = visible_text(response)
    assert "Draft" not in text and "Scheduled meeting" not in text
    assert "6 on record" in text and "2 papers" in text


def test_key_figures_show_their_source_and_year_and_drafts_stay_hidden(client):
    meeting = factories.make_meeting("Fifth meeting", slug="fifth")
    make_figure(source_url=meeting.get_absolute_url())
    make_figure("nearly 700", "joint projects, 2015-2021", year=2022, source="IOM press release, 7 October 2022")
    make_figure("over 80", "EU projects through IOM", year=2024, source="IOM press release on the 10th meeting")
    make_figure("999", "a draft figure", status=Status.DRAFT)
    response = client.get("/")
    text = visible_text(response)
    # The year follows the source only when the source does not already give it.
    assert "over 300 EU and IOM staff took part Source: IOM press release, 4 April 2018 " in text
    assert "nearly 700 joint projects, 2015-2021 Source: IOM press release, 7 October 2022 " in text
    assert "2018, 2018" not in text and "2022, 2022" not in text
    assert "EU projects through IOM Source: IOM press release on the 10th meeting, 2024" in text
    assert "a draft figure" not in text
    assert meeting.get_absolute_url() in links(response)


def test_the_home_page_leads_to_meetings_publications_presidencies_services_and_the_timeline(client):
    make_presidency()
    response = client.get("/")
    for name in ["meetings:list", "publications:list", "publications:presidencies", "meetings:service_list"]:
        assert reverse(name) in links(response), name
    assert reverse("pages:timeline") in links(response)
    form = elements(response, "form", role="search")
    assert form and form[0]["action"] == reverse("search")
    assert unlabelled_controls(response) == []


@pytest.mark.parametrize("size", [3, 40])
def test_the_home_page_query_count_does_not_grow_with_the_record(client, assert_max_page_queries, size):
    service = factories.make_service("DG HOME", joined_framework_on=datetime.date(2012, 7, 1))
    for number in range(size):
        factories.make_meeting(f"Meeting {number}", slug=f"q{number}", host=service, date=datetime.date(2013, 1, 1))
        make_publication(f"Paper {number}", slug=f"p{number}")
        make_figure(str(number), f"figure {number}")
    Page.objects.create(slug="home", title="Home", body="<p>Intro.</p>", status=Status.PUBLISHED)
    with assert_max_page_queries(8):
        response = client.get("/")
    assert len(response.context["latest_meetings"]) == min(size, 4)
