"""What the lists, search and home compute from many rows (the filters' years and choices, counts, a search's
results and excerpts) follows an edit at once, through the page cache; a removed choice is refused."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from search import engine
from tests.meetings import factories as meeting_factories
from tests.publications import factories

pytestmark = pytest.mark.django_db


def offered(response, name):
    """The option values of the filter form's <select name=...>."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', response.content.decode(), re.S)
    return re.findall(r'<option value="([^"]*)"', select.group(1))


def test_a_publication_of_a_new_year_adds_the_year_to_the_filter_at_once(client):
    factories.make_publication(publication_date=datetime.date(2019, 3, 1))
    assert offered(client.get(reverse("publications:list")), "year") == ["", "2019"]

    factories.make_publication(publication_date=datetime.date(2023, 3, 1))

    assert offered(client.get(reverse("publications:list")), "year") == ["", "2023", "2019"]


def test_a_meeting_of_a_new_year_adds_the_year_to_the_filter_at_once(client):
    meeting_factories.make_meeting(date=datetime.date(2019, 3, 1))
    assert offered(client.get(reverse("meetings:list")), "year") == ["", "2019"]

    meeting_factories.make_meeting(date=datetime.date(2023, 3, 1))

    assert offered(client.get(reverse("meetings:list")), "year") == ["", "2023", "2019"]


def test_a_new_topic_is_offered_at_once_and_a_deleted_one_is_refused(client):
    factories.make_publication(topics=[factories.make_topic("Return")])
    assert offered(client.get(reverse("publications:list")), "topic") == ["", "return"]

    # A topic is offered once a published publication has it (an option without results is not).
    labour = factories.make_topic("Labour migration")
    assert offered(client.get(reverse("publications:list")), "topic") == ["", "return"]
    factories.make_publication(topics=[labour])
    assert offered(client.get(reverse("publications:list")), "topic") == ["", "labour-migration", "return"]

    labour.delete()
    response = client.get(reverse("publications:list"), {"topic": "labour-migration"})
    assert response.status_code == 200
    assert offered(response, "topic") == ["", "return"]
    assert "topic" in response.context["filter"].form.errors


def result_titles(client, query, page=1):
    response = client.get(reverse("search"), {"q": query, "page": page})
    assert response.status_code == 200
    return response.context["paginator"].count, [result.entry.title for result in response.context["results"]]


def test_the_pages_of_a_search_hold_every_result_once_best_first(client):
    for number in range(45):
        factories.make_publication(
            f"Reintegration paper {number:02d}", publication_date=datetime.date(2000 + number, 1, 1)
        )
    expected = [entry.title for entry in engine.search("reintegration")]

    shown = []
    for page in (1, 2, 3):
        count, titles = result_titles(client, "reintegration", page)
        assert count == 45
        shown += titles

    assert shown == expected


def test_a_new_match_shows_in_a_repeated_search_at_once(client):
    factories.make_publication("Reintegration paper")
    assert result_titles(client, "reintegration") == (1, ["Reintegration paper"])

    factories.make_publication("Reintegration handbook", publication_date=datetime.date(2024, 1, 1))

    assert result_titles(client, "reintegration") == (2, ["Reintegration handbook", "Reintegration paper"])


def excerpts(client, query):
    return [str(result.snippet) for result in client.get(reverse("search"), {"q": query}).context["results"]]


def test_a_repeated_search_shows_an_edited_excerpt_at_once(client):
    publication = factories.make_publication("Reintegration paper", summary="Support for reintegration at home.")
    assert "<mark>reintegration</mark> at home" in excerpts(client, "reintegration")[0]

    publication.summary = "Reintegration after return, in the community."
    publication.save()

    assert "after return" in excerpts(client, "reintegration")[0]


def counted(response):
    return response.context["paginator"].count


def test_a_lists_count_follows_an_edit_at_once(client):
    factories.make_publication()
    assert counted(client.get(reverse("publications:list"))) == 1

    factories.make_publication()
    assert counted(client.get(reverse("publications:list"))) == 2

    meeting_factories.make_meeting()
    assert counted(client.get(reverse("meetings:list"))) == 1


def test_each_set_of_filters_has_its_own_count(client):
    topic = factories.make_topic("Return")
    factories.make_publication(topics=[topic], publication_date=datetime.date(2019, 3, 1))
    factories.make_publication(publication_date=datetime.date(2023, 3, 1))

    assert counted(client.get(reverse("publications:list"))) == 2
    assert counted(client.get(reverse("publications:list"), {"topic": "return"})) == 1
    assert counted(client.get(reverse("publications:list"), {"year": "2023"})) == 1
    assert counted(client.get(reverse("publications:list"), {"topic": "return", "year": "2023"})) == 0
    assert counted(client.get(reverse("publications:list"), {"year": "2023", "page": "1"})) == 1


def test_a_scheduled_publication_is_counted_from_its_moment(client, time_machine):
    now = datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)
    time_machine.move_to(now, tick=False)
    factories.make_publication()
    factories.make_publication(published_at=now + datetime.timedelta(hours=1))
    assert counted(client.get(reverse("publications:list"))) == 1

    time_machine.move_to(now + datetime.timedelta(hours=2), tick=False)

    assert counted(client.get(reverse("publications:list"))) == 2


def test_the_home_page_counts_follow_an_edit_at_once(client):
    factories.make_publication()
    assert client.get(reverse("home")).context["publication_count"] == 1

    factories.make_publication()
    meeting_factories.make_meeting()
    response = client.get(reverse("home"))

    assert response.context["publication_count"] == 2
    assert response.context["meeting_count"] == 1


def test_an_edit_saved_on_another_app_server_shows_at_once(client):
    from core import cache as page_cache
    from publications.models import Publication

    publication = factories.make_publication(publication_date=datetime.date(2019, 3, 1))
    assert offered(client.get(reverse("publications:list")), "year") == ["", "2019"]

    # Another server saved the publication (no signal here) and dropped the generation in the shared cache.
    Publication.objects.filter(pk=publication.pk).update(publication_date=datetime.date(2023, 3, 1))
    cache.delete(page_cache.STATE_KEY)

    assert offered(client.get(reverse("publications:list")), "year") == ["", "2023"]
