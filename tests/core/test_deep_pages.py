"""A page deep in a public list reads its rows' ids first, then the rows: the visitor sees the same page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.cache import current_generation
from meetings.views import MeetingListView
from publications.models import Publication
from publications.views import PublicationListView
from tests.meetings import factories as meeting_factories
from tests.publications import factories

pytestmark = pytest.mark.django_db


def card_titles(response):
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


@pytest.fixture
def publications():
    """45 publications, several on one day (ordered by date, then newest first), one with two PDFs, one draft."""
    made = []
    for number in range(45):
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=number // 3)
        made.append(factories.make_publication(f"Paper {number:02d}", publication_date=day))
    factories.make_file(made[3], language="en")
    factories.make_file(made[3], language="fr", name="paper-fr.pdf")
    factories.make_draft(title="Draft paper", publication_date=datetime.date(2024, 1, 1))
    return made


@pytest.mark.parametrize("page", [1, 2, 3])
def test_a_deep_page_shows_what_the_direct_read_shows(client, publications, monkeypatch, page):
    direct = client.get("/publications/", {"page": page})
    monkeypatch.setattr(PublicationListView, "ids_first_from", 0)
    # Another address, so the page cache does not answer with the page read above.
    deep = client.get("/publications/", {"page": page, "_": "deep"})
    assert card_titles(deep) == card_titles(direct)
    assert len(card_titles(deep)) == (20 if page < 3 else 5)
    assert "Draft paper" not in deep.content.decode()


def test_a_deep_page_keeps_each_cards_files_and_kind(client, publications, monkeypatch):
    monkeypatch.setattr(PublicationListView, "ids_first_from", 0)
    body = client.get("/publications/?page=3").content.decode()  # oldest first on the last page: Paper 03 is there
    card = body[body.index("Paper 03") :]
    card = card[: card.index("</li>")]
    assert "PDF in" in card and "English" in card and "French" in card


def test_a_deep_filtered_page_counts_and_orders_like_the_direct_read(client, monkeypatch):
    service = meeting_factories.make_service("DG HOME")
    for number in range(30):
        meeting_factories.make_meeting(
            f"Meeting {number:02d}", date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number), host=service
        )
    meeting_factories.make_meeting("Elsewhere", date=datetime.date(2021, 1, 1))
    direct = client.get("/meetings/", {"service": service.slug, "page": 2})
    monkeypatch.setattr(MeetingListView, "ids_first_from", 0)
    deep = client.get("/meetings/", {"service": service.slug, "page": 2, "_": "deep"})
    assert card_titles(direct) == [f"Meeting {number:02d}" for number in range(9, -1, -1)]
    assert card_titles(deep) == card_titles(direct)


def queries_for(client, address):
    current_generation()  # started once after an edit, before counting
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_a_deep_page_costs_one_query_more_whatever_the_lists_size(client, monkeypatch):
    counts = {}
    for size in (5, 60):
        for number in range(size - Publication.objects.count()):
            factories.make_publication(f"Paper {size}-{number}")
        last = (size + 19) // 20
        client.get(f"/publications/?size={size}&_=first")  # the options' counts, kept until the next edit
        direct = queries_for(client, f"/publications/?page={last}&size={size}")
        monkeypatch.setattr(PublicationListView, "ids_first_from", 0)
        counts[size] = queries_for(client, f"/publications/?page={last}&size={size}&_=deep")
        monkeypatch.undo()
        assert counts[size] == direct + 1
    assert counts[5] == counts[60]


def test_only_pages_past_the_first_rows_read_ids_first():
    assert PublicationListView.ids_first_from == MeetingListView.ids_first_from == 400
