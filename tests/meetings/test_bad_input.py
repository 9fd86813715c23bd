"""Whatever people type into the address bar, the public pages answer without a server error."""

import pytest
from django.urls import reverse

from .page import elements, visible_text

pytestmark = pytest.mark.django_db

NUL = "\x00"


def get_list(client, params):
    return client.get(reverse("meetings:list"), params)


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"year": "-1"}, "Select a valid choice"),
        ({"year": "99999999999"}, "Select a valid choice"),
        ({"year": "1850"}, "Select a valid choice"),
        ({"year": "twenty"}, "Select a valid choice"),
        ({"year": "2018" + NUL}, "Select a valid choice"),
        ({"level": "plenary"}, "Select a valid choice"),
        ({"level": NUL}, "Select a valid choice"),
        ({"service": "dg-nothing"}, "Select a valid choice"),
        ({"service": "dg-home" + NUL}, "Null characters are not allowed"),
        ({"topic": "no-such-topic"}, "Select a valid choice"),
        ({"topic": NUL}, "Null characters are not allowed"),
        ({"q": "x" * 5000}, "at most 200 characters"),
        ({"q": "migration" + NUL}, "Null characters are not allowed"),
    ],
)
def test_a_bad_filter_value_gives_the_form_error_and_no_results(client, record, params, error):
    response = get_list(client, params)
    assert response.status_code == 200
    text = visible_text(response)
    assert error in text
    assert "0 meetings" in text
    assert list(response.context["meetings"]) == []
    assert elements(response, "p", class_="error")
    assert "Some filters could not be applied" in text
    assert "No meeting matches these filters." not in text
    assert response.content.decode().split("<title>")[1].startswith("Error: Meetings")


@pytest.mark.parametrize(
    "params",
    [
        {"unknown": "value"},
        {"q": ""},
        {"year": ""},
        {"q": "<script>alert(1)</script>"},
        {"q": "%' OR 1=1 --"},
        {"q": "😀 ünïcödé"},
        {"order": "-secret_field"},
    ],
)
def test_unknown_or_harmless_odd_parameters_just_list_or_find_nothing(client, record, params):
    response = client.get(reverse("meetings:list"), params, follow=True)  # an empty one redirects without it
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_repeated_parameters_use_the_last_value(client, record):
    response = client.get(reverse("meetings:list") + "?level=expert&level=heads")
    assert response.status_code == 200
    assert [m.title for m in response.context["meetings"]] == ["Heads of Unit meeting on climate mobility"]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", NUL, "1" + NUL, "9" * 30])
def test_a_page_number_that_does_not_exist_is_a_404_not_a_500(client, record, page):
    assert get_list(client, {"page": page}).status_code == 404


@pytest.mark.parametrize("page", ["1", "last"])
def test_the_first_and_last_pages_exist(client, record, page):
    assert get_list(client, {"page": page}).status_code == 200


def test_an_empty_result_has_a_first_page(client, record):
    response = get_list(client, {"level": "expert", "page": "1"})
    assert response.status_code == 200
    assert "No meeting matches these filters." in visible_text(response)


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/participation/?year=abc&page=" + NUL,
        "/dgs/?page=abc&q=" + "x" * 5000,
        "/dgs/dg-home/?page=" + NUL,
    ],
)
def test_pages_without_filters_ignore_stray_parameters(client, record, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    "path", ["/meetings/%00/", "/meetings/" + "a" * 5000 + "/", "/dgs/%00/", "/dgs/dg%20home/", "/meetings/..%2F/"]
)
def test_odd_slugs_are_a_404(client, record, path):
    assert client.get(path).status_code == 404
