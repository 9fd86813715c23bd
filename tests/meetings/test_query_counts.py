"""Each page runs the same number of SQL queries with 5 meetings as with 200: no query per row.

The bounds are the same for both sizes; if a page needs a new query, raise its bound once, for both.
"""

import datetime

import pytest
from django.urls import reverse

from core import dates
from core.models import Status
from meetings.models import Meeting, MeetingPhoto, Participation, Person, Position, Quote
from search import engine

from . import factories

pytestmark = pytest.mark.django_db

SIZES = [5, 200]


def build_record(size):
    """size published meetings (all SOMs), each with services, a topic, participants, a quote and a photo.

    The first meeting (the "big" one) and the first service grow with size too, so detail pages are tested
    with many related rows, not only many unrelated ones.
    """
    services = [factories.make_service(f"DG S{index:03d}") for index in range(max(5, size // 5))]
    for newer, older in zip(services[1:4], services[0:3], strict=True):
        newer.predecessor = older
        newer.save()
    topic = factories.make_topic("Return")
    people = Person.objects.bulk_create(
        [Person(name=f"Person {index}", slug=f"person-{index}") for index in range(max(4, size // 5))]
    )
    Position.objects.bulk_create(
        [
            Position(person=person, title=title, organisation="IOM", start=start, end=end)
            for person in people
            for title, start, end in [
                ("Adviser", datetime.date(2000, 1, 1), datetime.date(2015, 12, 31)),
                ("Director", datetime.date(2016, 1, 1), None),
            ]
        ]
    )
    published_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    meetings = [
        Meeting(
            title=f"Meeting {index}",
            slug=f"meeting-{index}",
            level=Meeting.Level.SENIOR_OFFICIALS,
            edition=index + 1,
            date=datetime.date(2013, 1, 1) + datetime.timedelta(days=index * 20),
            date_precision=["day", "month", "year"][index % 3] if index else "day",
            host=services[index % len(services)],
            summary=f"Summary {index}",
            status=Status.PUBLISHED,
            published_at=published_at,
        )
        for index in range(size)
    ]
    for meeting in meetings:
        meeting.date = dates.normalised(meeting.date, meeting.date_precision)  # bulk_create skips save()
    meetings = Meeting.objects.bulk_create(meetings)
    big = meetings[0]
    through = Meeting.services.through
    rows = {(meeting.pk, services[(i + 1) % len(services)].pk) for i, meeting in enumerate(meetings)}
    rows |= {(meeting.pk, services[0].pk) for meeting in meetings}
    rows |= {(big.pk, service.pk) for service in services}
    through.objects.bulk_create([through(meeting_id=m, euservice_id=s) for m, s in rows])
    Meeting.topics.through.objects.bulk_create(
        [Meeting.topics.through(meeting_id=meeting.pk, topic_id=topic.pk) for meeting in meetings]
    )
    participations = [
        Participation(meeting=meeting, person=people[i % len(people)]) for i, meeting in enumerate(meetings[1:])
    ]
    participations += [Participation(meeting=big, person=person, order=i) for i, person in enumerate(people)]
    Participation.objects.bulk_create(participations)
    Quote.objects.bulk_create([Quote(meeting=big, speaker=person, text=f"Quote by {person.name}") for person in people])
    MeetingPhoto.objects.bulk_create(
        [
            MeetingPhoto(meeting=big, image=f"meetings/photos/p{i}.jpg", width=4, height=3, alt_text=f"Photo {i}")
            for i in range(len(people))
        ]
    )
    factories.make_draft(slug="draft-meeting", host=services[0], services=services[:2], topics=[topic])
    engine.rebuild()  # bulk_create skips the signals that keep the search index (the list's q) current
    return {"big": big, "services": services, "size": size}


@pytest.fixture(params=SIZES, ids=lambda size: f"{size}-meetings")
def data(request, db):
    return build_record(request.param)


# Every page's footer links the EU services' own websites: one query, whatever the page (once per generation).
FOOTER_QUERIES = 1


def check(client, assert_max_page_queries, url, bound, **params):
    """At most `bound` queries for the page's own content, plus the footer's."""
    with assert_max_page_queries(bound + FOOTER_QUERIES):
        response = client.get(url, params)
    assert response.status_code == 200
    return response


# A list's filters: one query each to count its options (year, level, service, topic).
def test_the_meeting_list_query_count_does_not_grow(client, data, assert_max_page_queries):
    response = check(client, assert_max_page_queries, reverse("meetings:list"), 6)
    assert response.context["paginator"].count == data["size"]


def test_the_filtered_meeting_list_query_count_does_not_grow(client, data, assert_max_page_queries):
    service = data["services"][0]
    params = {"service": service.slug, "topic": "return", "q": "Summary", "level": "senior"}
    response = check(client, assert_max_page_queries, reverse("meetings:list"), 8, **params)
    assert response.context["paginator"].count == data["size"]


def test_a_later_page_of_the_list_query_count_does_not_grow(client, data, assert_max_page_queries):
    check(client, assert_max_page_queries, reverse("meetings:list"), 6, page="last")


def test_the_meeting_page_query_count_does_not_grow(client, data, assert_max_page_queries):
    response = check(client, assert_max_page_queries, data["big"].get_absolute_url(), 11)
    assert response.content.decode().count('class="quote"') == max(4, data["size"] // 5)


def test_the_draft_preview_query_count_does_not_grow(client, data, assert_max_page_queries):
    # The page's 11 queries, plus the session, the user, two permission look-ups and the session save.
    editor = factories.make_staff("editor", permissions=["meetings.change_meeting"])
    client.force_login(editor)
    Meeting.objects.filter(pk=data["big"].pk).update(status=Status.DRAFT)
    response = check(client, assert_max_page_queries, data["big"].get_absolute_url(), 18)
    assert response.context["is_preview"]


def test_the_service_page_query_count_does_not_grow(client, data, assert_max_page_queries):
    # services[1] has a predecessor and a successor: its line is four long whatever the size.
    response = check(client, assert_max_page_queries, data["services"][1].get_absolute_url(), 7)
    assert len(response.context["lineage"]) == 4


def test_the_busiest_service_page_query_count_does_not_grow(client, data, assert_max_page_queries):
    response = check(client, assert_max_page_queries, data["services"][0].get_absolute_url(), 7)
    hosted, attended = response.context["hosted"], response.context["attended"]
    # The page shows at most the 10 latest of each and links to the rest.
    assert len(hosted) <= 10 and len(attended) <= 10
    if data["size"] <= 10:
        assert len(hosted) + len(attended) == data["size"]
    assert response.context["has_more_meetings"] == (data["size"] > 10)


def test_the_service_list_query_count_does_not_grow(client, data, assert_max_page_queries):
    response = check(client, assert_max_page_queries, reverse("meetings:service_list"), 1)
    assert len(response.context["services"]) == len(data["services"])


def test_the_participation_matrix_query_count_does_not_grow(client, data, assert_max_page_queries):
    response = check(client, assert_max_page_queries, reverse("meetings:participation"), 2)
    assert len(response.context["meetings"]) == data["size"]
