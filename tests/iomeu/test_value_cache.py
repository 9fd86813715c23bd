"""Values the list pages compute from every row (the filters' years and choices, a search's count) are kept per
cache generation, as production runs with the page cache off: an edit shows at once, a removed choice is refused."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.meetings import factories as meeting_factories
from tests.publications import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def value_cache(settings):
    settings.IOMEU_PAGE_CACHE_SECONDS = 0  # pages rendered every time...
    settings.IOMEU_VALUE_CACHE_SECONDS = 300  # ...from values kept until the next edit
    cache.clear()
    yield
    cache.clear()


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
    factories.make_topic("Return")
    assert offered(client.get(reverse("publications:list")), "topic") == ["", "return"]

    labour = factories.make_topic("Labour migration")
    assert offered(client.get(reverse("publications:list")), "topic") == ["", "labour-migration", "return"]

    labour.delete()
    response = client.get(reverse("publications:list"), {"topic": "labour-migration"})
    assert response.status_code == 200
    assert offered(response, "topic") == ["", "return"]
    assert "topic" in response.context["filter"].form.errors


def test_the_second_view_of_a_list_reads_the_years_and_choices_from_the_cache(client):
    factories.make_publication(topics=[factories.make_topic("Return")])
    first = client.get(reverse("publications:list"))

    with CaptureQueriesContext(connection) as queries:
        second = client.get(reverse("publications:list"))

    assert second.content == first.content
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "iomeu_topic" not in read and "DISTINCT" not in read
