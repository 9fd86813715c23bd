"""A public list counts what matches its filters once per generation, for every page and every visitor."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.publications import factories

pytestmark = pytest.mark.django_db


def counting_queries(client, address, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address, params)
    return response, [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]


def test_the_count_is_read_once_for_the_pages_of_one_set_of_filters(client):
    topic = factories.make_topic("Return")
    for number in range(25):
        factories.make_publication(f"Paper {number:02d}", topics=[topic] if number % 2 else [])

    first, counted = counting_queries(client, "/publications/", {})
    assert first.context["paginator"].count == 25 and counted

    second, counted = counting_queries(client, "/publications/", {"page": 2})
    assert second.context["paginator"].count == 25
    assert counted == []
    assert len(second.context["publications"]) == 5

    filtered, counted = counting_queries(client, "/publications/", {"topic": "return"})
    assert filtered.context["paginator"].count == 12
    assert counted


def test_a_kept_count_follows_an_edit_and_a_scheduled_publication(client, time_machine):
    now = datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)
    time_machine.move_to(now, tick=False)
    factories.make_publication()
    factories.make_publication(published_at=now + datetime.timedelta(hours=1))
    assert client.get("/publications/").context["paginator"].count == 1

    factories.make_publication()
    assert client.get("/publications/", {"page": 1}).context["paginator"].count == 2

    time_machine.move_to(now + datetime.timedelta(hours=2), tick=False)
    assert client.get("/publications/", {"page": "last"}).context["paginator"].count == 3
