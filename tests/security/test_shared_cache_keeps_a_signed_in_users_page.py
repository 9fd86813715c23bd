"""A shared cache (a CDN, a corporate proxy) or someone behind it tries to get the page a signed-in member of staff
was served: with their drafts, their name and the admin links. Vary: Cookie alone lets such a cache store it;
Cache-Control: private forbids it. Anonymous visitors' pages keep the headers the page cache gives them.
"""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import split_directive_names

from core.security import PrivateForSignedInUsersMiddleware
from tests.core.staff import PASSWORD, editor_fixture  # noqa: F401 (fixtures)
from tests.meetings import factories as meetings
from tests.publications import factories as publications

pytestmark = pytest.mark.django_db

SHARED_CACHE_DIRECTIVES = {"public", "s-maxage"}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """As in production: the page cache on, so anonymous pages get their cacheable headers."""
    settings.IOMEU_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public_pages():
    meeting = meetings.make_meeting("Senior Officials Meeting on return", slug="som-return")
    publications.make_publication("Elements for an EU Agenda on Migration", slug="elements")
    return ["/", meeting.get_absolute_url(), reverse("publications:list"), reverse("meetings:list")]


def directives(response):
    return set(split_directive_names(response.get("Cache-Control", "")))


def max_age(response):
    for directive in response.get("Cache-Control", "").split(","):
        name, _, value = directive.strip().partition("=")
        if name.lower() == "max-age":
            return int(value)
    return None


def test_a_shared_cache_may_not_keep_the_public_pages_served_to_signed_in_staff(client, editor, public_pages):
    client.force_login(editor)
    for url in public_pages:
        for _request in range(2):  # the second as well, once the page cache has had its chance
            response = client.get(url)
            assert response.status_code == 200, url
            assert "private" in directives(response), url
            assert not directives(response) & SHARED_CACHE_DIRECTIVES, url
            assert not max_age(response), url
            assert "Cookie" in response["Vary"], url
            assert "X-Page-Cache" not in response, url


def test_a_staff_member_who_has_just_signed_in_gets_a_private_response(client, editor):
    response = client.post(reverse("admin:login"), {"username": "edith", "password": PASSWORD})
    assert response.status_code == 302
    assert "private" in directives(response)
    assert "private" in directives(client.get("/"))


def test_a_304_to_signed_in_staff_is_private_too(client, editor, public_pages):
    client.force_login(editor)
    etag = client.get(public_pages[1])["ETag"]
    response = client.get(public_pages[1], HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert "private" in directives(response)


def test_a_public_download_served_to_staff_loses_its_public_directive(client, editor):
    publication = publications.make_publication(slug="paper")
    publications.make_file(publication)
    client.force_login(editor)
    response = client.get(reverse("publications:download", args=[publication.slug]))
    assert response.status_code == 200
    assert "private" in directives(response) and "public" not in directives(response)
    assert "no-cache" in directives(response)  # what the view asked for stays


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"public": True, "max_age": 3600}, {"private"}),
        ({"public": True, "s_maxage": 600, "no_cache": True}, {"private", "no-cache"}),
        ({"max_age": 0, "no_store": True}, {"private", "max-age", "no-store"}),
        ({}, {"private"}),
    ],
)
def test_no_shared_cache_lifetime_survives_on_a_signed_in_users_response(editor, given, expected):
    response = HttpResponse("page")
    if given:
        patch_cache_control(response, **given)
    request = RequestFactory().get("/", HTTP_COOKIE="sessionid=x")
    request.session = type("Session", (), {"session_key": "x"})()
    request.user = editor
    PrivateForSignedInUsersMiddleware(lambda request: response)(request)
    assert directives(response) == expected
    assert max_age(response) in (None, 0)


def test_an_anonymous_visitor_still_gets_the_cacheable_headers(client, public_pages):
    for url in public_pages:
        first = client.get(url)
        second = client.get(url)
        assert first.status_code == second.status_code == 200, url
        assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit", url
        for response in (first, second):
            assert directives(response) == {"no-cache"}, url
            assert response.has_header("ETag") and response.has_header("Last-Modified"), url


def test_an_anonymous_visitors_headers_are_those_the_site_sent_before(client, public_pages, settings):
    middleware = "core.security.PrivateForSignedInUsersMiddleware"
    assert middleware in settings.MIDDLEWARE
    with_it = [client.get(url) for url in public_pages]
    cache.clear()
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != middleware]
    without_it = [client.get(url) for url in public_pages]
    for url, response, before in zip(public_pages, with_it, without_it, strict=True):
        assert set(response.headers) == set(before.headers), url
        for header in ("Cache-Control", "Vary", "X-Page-Cache"):
            assert response.get(header) == before.get(header), url
        assert not response.cookies, url


def test_a_visitor_with_a_session_cookie_but_not_signed_in_is_left_alone(client, public_pages):
    client.cookies["sessionid"] = "not-a-session"
    response = client.get(reverse("meetings:list"))
    assert response.status_code == 200
    assert "private" not in directives(response)
