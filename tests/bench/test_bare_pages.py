"""The benchmark's ceilings (bench/bare.py): the publications list as the site renders it, served without a query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from bench import bare
from bench.generator import generate

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.urls")]


@pytest.fixture(autouse=True)
def fresh_pages():
    bare._kept.clear()
    with override_settings(IOMEU_PAGE_CACHE_EXCLUDE_PATHS=["/_bench/"]):
        yield
    bare._kept.clear()


def cards(html):
    return html.count('class="card')


def test_the_bare_list_renders_the_publications_list_template_with_its_twenty_cards(client):
    generate(meetings=10, publications=40)

    site = client.get("/publications/").content.decode()
    ceiling = client.get("/_bench/bare-list/").content.decode()

    assert cards(ceiling) == cards(site) > 0
    assert "<h1>Publications</h1>" in ceiling


def test_once_read_the_bare_list_makes_no_query(client):
    generate(meetings=10, publications=40)
    client.get("/_bench/bare-list/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/_bench/bare-list/")

    assert response.status_code == 200
    assert len(queries) == 0


def test_the_bare_bytes_are_the_list_page_returned_from_memory(client):
    generate(meetings=10, publications=40)
    first = client.get("/_bench/bare-bytes/").content

    with CaptureQueriesContext(connection) as queries:
        again = client.get("/_bench/bare-bytes/").content

    assert again == first and cards(first.decode()) > 0
    assert len(queries) == 0
