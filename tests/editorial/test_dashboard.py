"""The admin index tells each person what is theirs to do, in a number of queries that does not grow with the
number of items."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from editorial.models import Draft
from tests.meetings import factories

from .helpers import change_url, draft_action_url, open_form, post_form

pytestmark = pytest.mark.django_db


def section(response, key):
    return next(item for item in response.context["sections"] if item["id"] == key)


def titles(response, key):
    return [row["title"] for row in section(response, key)["rows"]]


def edit(client, user, meeting, summary="Changed."):
    client.force_login(user)
    post_form(client, {**open_form(client, meeting), "summary": summary}, meeting)


def submit(client, meeting):
    client.post(reverse("admin:meetings_meeting_submit_for_review", args=[meeting.pk]))


def test_each_role_sees_what_it_should(client, editor, publisher):
    now = timezone.now()
    mine = factories.make_meeting("Edith's edit")
    for_review = factories.make_meeting("Edith's submitted edit")
    factories.make_meeting("Coming soon", published_at=now + datetime.timedelta(days=2))
    factories.make_meeting("Going soon", expires_at=now + datetime.timedelta(days=5))
    factories.make_meeting("Going much later", expires_at=now + datetime.timedelta(days=90))
    edit(client, editor, mine)
    edit(client, editor, for_review)
    submit(client, for_review)

    response = client.get(reverse("admin:index"))
    assert titles(response, "my-drafts") == ["Edith's edit"]
    assert titles(response, "my-in-review") == ["Edith's submitted edit"]
    assert "to-review" not in {item["id"] for item in response.context["sections"]}  # Editors review nothing
    assert titles(response, "scheduled") == ["Coming soon"]
    assert titles(response, "expiring") == ["Going soon"]
    html = response.content.decode()
    assert f'href="{change_url(mine)}"' in html

    client.force_login(publisher)
    response = client.get(reverse("admin:index"))
    assert titles(response, "to-review") == ["Edith's submitted edit"]
    assert titles(response, "my-drafts") == []
    # The Editor's saves of live items are pending drafts, changes by someone else for the Publisher.
    assert sorted(titles(response, "others")) == ["Edith's edit", "Edith's submitted edit"]
    client.force_login(editor)
    draft = factories.make_draft(title="A new draft by Edith", created_by=editor)
    response = client.get(reverse("admin:index"))
    assert "A new draft by Edith" in titles(response, "my-drafts")
    assert draft.pk


def test_recently_changed_by_others_lists_their_saves(client, editor, publisher):
    meeting = factories.make_meeting("Published by Pablo")
    client.force_login(publisher)
    post_form(client, {**open_form(client, meeting), "summary": "New."}, meeting)
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    assert titles(response, "others") == ["Published by Pablo"]
    assert titles(response, "published")[0] == "Published by Pablo"


def test_a_publisher_with_nothing_to_review_is_told_so(client, publisher):
    client.force_login(publisher)

    response = client.get(reverse("admin:index"))

    assert titles(response, "to-review") == []
    assert "Nothing waits for your review." in response.content.decode()


def test_a_new_item_sent_back_is_listed_once_among_its_authors_drafts(client, editor, publisher):
    meeting = factories.make_draft(title="Edith's new meeting", created_by=editor)
    client.force_login(editor)
    submit(client, meeting)
    client.force_login(publisher)
    client.post(draft_action_url(Draft.objects.get(), "send-back"), {"comment": "Add the venue."})
    client.force_login(editor)

    response = client.get(reverse("admin:index"))

    assert titles(response, "my-drafts") == ["Edith's new meeting"]


def make_lots(editor, start, count):
    now = timezone.now()
    for number in range(start, start + count):
        meeting = factories.make_meeting(f"Live {number}", expires_at=now + datetime.timedelta(days=3))
        factories.make_meeting(f"Later {number}", published_at=now + datetime.timedelta(days=3))
        factories.make_draft(title=f"Draft {number}", created_by=editor)
        Draft.objects.create(
            content_type=ContentType.objects.get_for_model(meeting),
            object_id=meeting.pk,
            object_repr=str(meeting),
            payload="[]",
            author=editor,
            state=Draft.State.IN_REVIEW if number % 2 else Draft.State.EDITING,
        )


def queries_for_the_index(client):
    client.get(reverse("admin:index"))  # sessions, permissions and content types read once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return len(queries), response


def test_the_dashboard_takes_as_many_queries_for_25_items_of_each_kind_as_for_1(client, editor):
    client.force_login(editor)
    make_lots(editor, 0, 1)
    few, _response = queries_for_the_index(client)
    make_lots(editor, 1, 24)
    many, response = queries_for_the_index(client)
    assert many == few
    assert len(titles(response, "my-drafts")) == 10
    assert len(titles(response, "scheduled")) == 10
