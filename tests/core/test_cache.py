"""The page cache: anonymous visitors get cached public pages, edits and scheduled moments clear them, the TTL
bounds everything else, and staff, previews and the admin are never cached."""

import datetime
import os
import re
import uuid

import pytest
import redis
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from core.cache import invalidate_pages
from core.models import Status
from meetings.models import Meeting
from tests.meetings import factories

TTL = 300


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.IOMEU_PAGE_CACHE_SECONDS = TTL  # the suite runs with the page cache on; the TTL tests need its value


@pytest.fixture
def meeting(db):
    return factories.make_meeting("Senior Officials Meeting on return", slug="som-return")


def test_an_anonymous_visitor_gets_the_second_view_of_a_page_from_the_cache(client, meeting, django_assert_num_queries):
    first = client.get("/meetings/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get("/meetings/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_page_from_the_cache_costs_one_round_trip_to_it(client, meeting, monkeypatch):
    client.get("/meetings/")  # rendered and stored
    cache = caches["default"]
    calls, depth = [], []

    def counted(name):
        original = getattr(cache, name)

        def call(*args, **kwargs):
            if not depth:  # the calls the site makes, not those a backend's get_many makes of its own get
                calls.append(name)
            depth.append(name)
            try:
                return original(*args, **kwargs)
            finally:
                depth.pop()

        return call

    for name in ("get", "get_many", "set", "add", "delete"):
        monkeypatch.setattr(cache, name, counted(name))

    response = client.get("/meetings/")

    assert response["X-Page-Cache"] == "hit"
    assert calls == ["get_many"]  # the generation's state and the page together


def test_a_page_of_an_earlier_generation_is_rendered_again_in_its_place(client, meeting):
    client.get("/meetings/")
    Meeting.objects.filter(pk=meeting.pk).update(title="Renamed without a signal")
    invalidate_pages()

    response = client.get("/meetings/")

    assert response["X-Page-Cache"] == "miss" and b"Renamed without a signal" in response.content
    assert client.get("/meetings/")["X-Page-Cache"] == "hit"


def test_a_change_no_signal_reports_is_served_stale_at_most_for_the_ttl(client, meeting):
    # Tomorrow at noon, far from midnight: the generation also changes with the local date.
    noon = (timezone.localtime() + datetime.timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(noon, tick=False) as traveller:
        assert b"Senior Officials Meeting on return" in client.get("/meetings/som-return/").content
        Meeting.objects.filter(pk=meeting.pk).update(title="Renamed behind the cache's back")

        traveller.shift(datetime.timedelta(seconds=TTL - 5))
        assert b"Renamed behind" not in client.get("/meetings/som-return/").content

        traveller.shift(datetime.timedelta(seconds=10))
        assert b"Renamed behind the cache&#x27;s back" in client.get("/meetings/som-return/").content


def test_saving_a_meeting_shows_the_change_at_once_on_its_page_and_in_the_list(client, meeting):
    client.get("/meetings/som-return/")
    client.get("/meetings/")

    meeting.title = "Senior Officials Meeting on reintegration"
    meeting.save()

    assert b"Senior Officials Meeting on reintegration" in client.get("/meetings/som-return/").content
    assert b"Senior Officials Meeting on reintegration" in client.get("/meetings/").content


def test_unpublishing_a_meeting_removes_it_from_cached_pages(client, meeting):
    assert client.get("/meetings/som-return/").status_code == 200
    assert b"som-return" in client.get("/meetings/").content

    meeting.status = Status.DRAFT
    meeting.save()

    assert client.get("/meetings/som-return/").status_code == 404
    assert b"som-return" not in client.get("/meetings/").content


def test_deleting_a_meeting_removes_it_from_the_cached_list(client, meeting):
    assert b"som-return" in client.get("/meetings/").content

    meeting.delete()

    assert b"som-return" not in client.get("/meetings/").content


def test_a_topic_added_to_a_meeting_shows_at_once(client, meeting):
    topic = factories.make_topic("Climate and migration")
    assert b"Climate and migration" not in client.get("/meetings/som-return/").content

    meeting.topics.add(topic)

    assert b"Climate and migration" in client.get("/meetings/som-return/").content


def test_a_scheduled_meeting_appears_at_its_moment_without_anyone_saving_anything(client, meeting, settings):
    settings.IOMEU_PAGE_CACHE_SECONDS = 24 * 3600  # so that only the scheduled moment can explain the change
    now = timezone.now()
    factories.make_meeting("Scheduled meeting", slug="scheduled", published_at=now + datetime.timedelta(minutes=10))

    with time_machine.travel(now, tick=False) as traveller:
        assert b"Scheduled meeting" not in client.get("/meetings/").content
        assert client.get("/meetings/").get("X-Page-Cache") == "hit"

        traveller.shift(datetime.timedelta(minutes=9))
        assert b"Scheduled meeting" not in client.get("/meetings/").content

        traveller.shift(datetime.timedelta(minutes=1, seconds=1))
        assert b"Scheduled meeting" in client.get("/meetings/").content
        assert client.get("/meetings/scheduled/").status_code == 200


def test_a_meeting_disappears_from_cached_pages_at_its_expiry_time(client, meeting, settings):
    settings.IOMEU_PAGE_CACHE_SECONDS = 24 * 3600
    now = timezone.now()
    factories.make_meeting("Expiring meeting", slug="expiring", expires_at=now + datetime.timedelta(hours=2))

    with time_machine.travel(now, tick=False) as traveller:
        assert b"Expiring meeting" in client.get("/meetings/").content

        traveller.shift(datetime.timedelta(hours=2, seconds=1))
        assert b"Expiring meeting" not in client.get("/meetings/").content


def test_a_page_not_found_is_not_cached(client, db):
    draft = factories.make_draft(title="Soon public", slug="soon-public")
    assert client.get("/meetings/soon-public/").status_code == 404

    Meeting.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)  # no signal: only an uncached 404 shows it

    assert client.get("/meetings/soon-public/").status_code == 200


def test_each_filter_of_a_list_is_cached_as_its_own_page(client, meeting):
    factories.make_meeting("Expert meeting on data", slug="expert-data", level=Meeting.Level.EXPERT)

    experts = client.get("/meetings/?level=expert")
    everything = client.get("/meetings/")
    assert b"expert-data" in experts.content and b"som-return" not in experts.content
    assert client.get("/meetings/?level=expert").content == experts.content
    assert b"som-return" in client.get("/meetings/").content
    assert everything["X-Page-Cache"] == "miss"


def test_logged_in_staff_always_get_a_fresh_page(client, meeting):
    client.force_login(factories.make_staff("editor", permissions=["meetings.change_meeting"]))
    client.get("/meetings/som-return/")
    Meeting.objects.filter(pk=meeting.pk).update(title="Fresh for staff")  # no signal

    response = client.get("/meetings/som-return/")

    assert b"Fresh for staff" in response.content
    assert "X-Page-Cache" not in response


def test_a_staff_preview_of_a_draft_never_reaches_anonymous_visitors(client, db):
    factories.make_draft(title="Confidential draft", slug="confidential")
    staff = client
    staff.force_login(factories.make_staff("editor", permissions=["meetings.change_meeting"]))
    preview = staff.get("/meetings/confidential/")
    assert preview.status_code == 200 and b"Confidential draft" in preview.content
    assert "no-store" in preview["Cache-Control"]

    staff.logout()
    assert client.get("/meetings/confidential/").status_code == 404


def test_admin_pages_are_never_cached(client, db):
    first = client.get("/admin/login/")
    second = client.get("/admin/login/")

    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_a_visitor_with_a_session_cookie_is_not_served_from_the_cache(client, meeting):
    client.get("/meetings/")
    client.cookies["sessionid"] = "anything"

    response = client.get("/meetings/")

    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_the_page_cache_is_off_when_its_ttl_is_zero(client, meeting, settings):
    settings.IOMEU_PAGE_CACHE_SECONDS = 0
    client.get("/meetings/")
    Meeting.objects.filter(pk=meeting.pk).update(title="Seen at once")

    assert b"Seen at once" in client.get("/meetings/").content


def test_pages_still_work_when_the_cache_server_is_unreachable(client, meeting):
    unreachable = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/meetings/som-return/")
        meeting.title = "Saved while the cache is down"
        meeting.save()
        after_save = client.get("/meetings/som-return/")

    assert response.status_code == 200
    assert b"Saved while the cache is down" in after_save.content


# Values kept per generation: the finders' option counts, the search form's years, the home page's counts ---------


def level_counts(response):
    """The level filter's options after "Any level", as offered: "Expert Meeting (1)"."""
    select = response.content.decode().split('<select name="level"')[1].split("</select>")[0]
    return sorted(re.findall(r'<option value="[^"]+"[^>]*>([^<]*)</option>', select))


def test_a_finders_counts_are_read_once_per_generation_and_change_with_an_edit(client, meeting):
    client.force_login(factories.make_staff("editor", permissions=["meetings.change_meeting"]))  # never page-cached
    first = client.get("/meetings/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/meetings/")
    counting = [query["sql"] for query in queries.captured_queries if "COUNT(DISTINCT" in query["sql"]]
    assert counting == []  # the page was rendered again, its counts were not
    assert level_counts(second) == level_counts(first) == ["Senior Officials Meeting (1)"]

    factories.make_meeting("Expert meeting on data", level=Meeting.Level.EXPERT)

    after_edit = client.get("/meetings/")
    assert level_counts(after_edit) == ["Expert Meeting (1)", "Senior Officials Meeting (1)"]


def test_the_home_pages_counts_are_read_once_per_generation_and_change_with_an_edit(client, meeting):
    client.force_login(factories.make_staff("editor", permissions=["meetings.change_meeting"]))  # never page-cached
    assert client.get("/").context["meeting_count"] == 1
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert second.context["meeting_count"] == 1
    assert not [query["sql"] for query in queries.captured_queries if "COUNT(" in query["sql"]]

    factories.make_meeting("Expert meeting on data", level=Meeting.Level.EXPERT)

    assert client.get("/").context["meeting_count"] == 2


def test_a_year_first_published_after_the_years_were_kept_can_be_chosen(client, meeting):
    client.force_login(factories.make_staff("editor", permissions=["meetings.change_meeting"]))  # never page-cached
    assert client.get("/meetings/", {"year": "2020"}).context["filter"].form.is_valid()  # the years are kept now

    factories.make_meeting("Senior Officials Meeting, 2021", slug="som-2021", date=datetime.date(2021, 5, 4))

    response = client.get("/meetings/", {"year": "2021"})
    assert response.context["filter"].form.is_valid()
    assert [item.slug for item in response.context["object_list"]] == ["som-2021"]


def test_the_search_forms_years_follow_an_edit(client, meeting):
    assert '<option value="2021">' not in client.get("/search/", {"q": "return"}).content.decode()

    factories.make_meeting("Senior Officials Meeting on return, 2021", date=datetime.date(2021, 5, 4))

    assert '<option value="2021">' in client.get("/search/", {"q": "return"}).content.decode()


def test_with_the_page_cache_off_the_counts_are_read_every_time(client, meeting, settings):
    settings.IOMEU_PAGE_CACHE_SECONDS = 0
    client.get("/meetings/")
    Meeting.objects.filter(pk=meeting.pk).update(level=Meeting.Level.EXPERT)  # no signal

    assert level_counts(client.get("/meetings/")) == ["Expert Meeting (1)"]


# Conditional GET ---------------------------------------------------------------------------------------------------


def test_a_public_page_carries_an_etag_and_a_last_modified_date(client, meeting):
    response = client.get("/meetings/som-return/")

    assert response["ETag"]
    assert response["Last-Modified"]
    assert "no-cache" in response["Cache-Control"]  # browsers keep it but ask again


def test_a_browser_that_has_the_page_gets_304_without_the_body(client, meeting):
    etag = client.get("/meetings/som-return/")["ETag"]

    response = client.get("/meetings/som-return/", headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""


def test_a_browser_that_has_a_copy_since_its_last_modified_date_gets_304(client, meeting):
    last_modified = client.get("/meetings/som-return/")["Last-Modified"]

    response = client.get("/meetings/som-return/", headers={"if-modified-since": last_modified})

    assert response.status_code == 304


def test_after_an_edit_the_old_etag_gets_the_new_page(client, meeting):
    etag = client.get("/meetings/som-return/")["ETag"]
    meeting.title = "Edited title"
    meeting.save()

    response = client.get("/meetings/som-return/", headers={"if-none-match": etag})

    assert response.status_code == 200
    assert b"Edited title" in response.content


def test_an_old_copy_is_not_answered_with_304(client, meeting):
    long_ago = http_date((timezone.now() - datetime.timedelta(days=30)).timestamp())

    response = client.get("/meetings/som-return/", headers={"if-modified-since": long_ago})

    assert response.status_code == 200


# Redis, shared by every app server ----------------------------------------------------------------------------------


def redis_url():
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return None
    return url


def test_with_redis_pages_are_cached_and_cleared_through_the_shared_server(client, meeting):
    url = redis_url()
    if url is None:
        pytest.skip("no Redis server answers at REDIS_URL or 127.0.0.1:6379")
    shared = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"iomeu-test-{uuid.uuid4().hex}",
        }
    }
    with override_settings(CACHES=shared):
        assert client.get("/meetings/som-return/")["X-Page-Cache"] == "miss"
        assert client.get("/meetings/som-return/")["X-Page-Cache"] == "hit"

        # Another server's edit reaches this one only through the shared cache: drop this process's connection.
        caches["default"].close()
        Meeting.objects.filter(pk=meeting.pk).update(title="Edited on another server")
        invalidate_pages()

        response = client.get("/meetings/som-return/")
        assert response["X-Page-Cache"] == "miss"
        assert b"Edited on another server" in response.content
        caches["default"].clear()
