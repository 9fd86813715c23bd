"""An editor (or a stolen editor account) gives a key figure a "page of this site" link that a browser takes for an
address on another host: "/\\evil.example/x" is "//evil.example/x" to a browser, which drops tabs and newlines and
reads a backslash as "/". validate_link refuses every such value with a message that says why.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from core.models import Status, validate_link
from pages.models import KeyFigure
from tests.core.admin_forms import form_data
from tests.core.staff import superuser_fixture  # noqa: F401 (fixtures)

HOSTILE = [
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "\\/evil.example/x",
    "//evil.example/x",
    "///evil.example/x",
    "/%5Cevil.example/x",
    "/%5cevil.example/x",
    "/%2F%2Fevil.example/x",
    "/%2fevil.example/x",
    "/%252F%252Fevil.example/x",  # escaped twice
    "/\t/evil.example/x",
    "/\n/evil.example/x",
    "/\r\n/evil.example/x",
    "/%09/evil.example/x",
    "/%0A/evil.example/x",
    " //evil.example/x",
    "/meetings/\\..\\..\\evil",
    "/meetings/\x00",
    "/meetings/\u200b",  # zero-width space
    "/meetings/\u202e",  # right-to-left override
    "https://www.iom.int\\@evil.example/",
    "https://www.iom.int/\\evil",
    "https://www.iom.int/\tx",
    "//www.iom.int/",  # protocol-relative, even to a good host: write https://
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "meetings/",
]

ACCEPTED = [
    "/meetings/",
    "/publications/?year=2024#x",
    "/meetings/5th-senior-officials-meeting-2018/",
    "/search/?q=return%20and%20reintegration",
    "/search/?q=100%",
    "/",
    "https://www.iom.int/news/eu-and-iom",
    "https://eu.iom.int/publications?page=2#list",
    "http://example.org/",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_link_that_a_browser_would_take_to_another_host_is_refused(value):
    with pytest.raises(ValidationError):
        validate_link(value)


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        ("/\\evil.example/x", "backslash", "backslash"),
        ("/\t/evil.example/x", "invisible_character", "tabs, line breaks"),
        ("//evil.example/x", "other_host", "another site"),
        ("/%5Cevil.example/x", "other_host", "another site"),
        ("javascript:alert(1)", "invalid", "https://"),
    ],
)
def test_the_refusal_says_why(value, code, words):
    with pytest.raises(ValidationError) as refused:
        validate_link(value)
    assert refused.value.code == code
    assert words in refused.value.messages[0]


@pytest.mark.parametrize("value", ACCEPTED)
def test_site_paths_and_full_addresses_are_accepted(value):
    validate_link(value)


def test_every_field_that_holds_a_link_uses_the_validator():
    from django.apps import apps

    fields = [
        f"{field.model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.Field) and validate_link in getattr(field, "validators", [])
    ]
    assert "pages.KeyFigure.source_url" in fields


@pytest.mark.django_db
def test_full_clean_of_a_key_figure_refuses_a_link_to_another_host():
    figure = KeyFigure(
        value="over 300",
        label="EU and IOM staff took part",
        year=2018,
        source="IOM press release",
        source_url="/\\evil.example/x",
        status=Status.DRAFT,
    )
    with pytest.raises(ValidationError) as refused:
        figure.full_clean()
    assert "source_url" in refused.value.message_dict
    figure.source_url = "/meetings/"
    figure.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["/\\evil.example/x", "/%2F%2Fevil.example/x", "/%09/evil.example/x"])
def test_the_admin_refuses_a_key_figure_linking_to_another_host(client, superuser, value):
    client.force_login(superuser)
    url = reverse("admin:pages_keyfigure_add")
    data = form_data(client.get(url), form_id="keyfigure_form")
    data.update(value="over 300", label="EU and IOM staff took part", year="2018", source="IOM press release")
    data["source_url"] = value
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "another site" in response.content.decode() or "backslash" in response.content.decode()
    assert not KeyFigure.objects.exists()

    data["source_url"] = "/meetings/"
    assert client.post(url, data).status_code == 302
    assert KeyFigure.objects.get().source_url == "/meetings/"
