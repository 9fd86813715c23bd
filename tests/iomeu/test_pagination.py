"""DeferredJoinPaginator: the same pages as Django's Paginator, at the cost of a first page even deep down."""

import datetime

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iomeu.pagination import DeferredJoinPaginator
from meetings.models import Meeting
from tests.meetings import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings():
    host, topic = factories.make_service("DG HOME"), factories.make_topic("Return")
    for number in range(47):
        # Pairs of meetings on the same day: the ordering's tie-breaker must be kept too.
        factories.make_meeting(
            date=datetime.date(2000, 1, 1) + datetime.timedelta(days=number // 2), host=host, topics=[topic]
        )
    # A total order (Meeting's own "-date", "-edition" leaves ties): both paginators must agree on every page.
    return Meeting.objects.published().select_related("host").prefetch_related("topics").order_by("-date", "pk")


def pages(paginator):
    return [[meeting.pk for meeting in paginator.page(number)] for number in paginator.page_range]


@pytest.mark.parametrize("orphans", [0, 5])
def test_every_page_holds_what_djangos_paginator_puts_there(meetings, orphans):
    assert pages(DeferredJoinPaginator(meetings, 10, orphans=orphans)) == pages(
        Paginator(meetings, 10, orphans=orphans)
    )


def test_the_rows_of_a_page_come_with_their_joins_and_prefetches(meetings, django_assert_num_queries):
    page = DeferredJoinPaginator(meetings, 10).page(3)
    rows = list(page)

    with django_assert_num_queries(0):
        assert all(row.host.acronym == "DG HOME" and len(row.topics.all()) == 1 for row in rows)


def test_the_last_page_costs_as_many_queries_as_the_first(meetings):
    counts = []
    for number in (1, 5):
        paginator = DeferredJoinPaginator(meetings, 10)
        with CaptureQueriesContext(connection) as queries:
            list(paginator.page(number))
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_bad_page_numbers_are_refused_as_django_refuses_them(meetings):
    paginator = DeferredJoinPaginator(meetings, 10)

    with pytest.raises(EmptyPage):
        paginator.page(6)
    with pytest.raises(PageNotAnInteger):
        paginator.page("abc")


def test_an_empty_list_has_one_empty_page(db):
    page = DeferredJoinPaginator(Meeting.objects.none(), 10).page(1)

    assert list(page) == []


def test_a_plain_list_is_paginated_too():
    assert list(DeferredJoinPaginator(list(range(25)), 10).page(3)) == [20, 21, 22, 23, 24]
