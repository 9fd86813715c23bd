"""Every page's footer links the EU services' own websites, read once per generation and current after an edit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from . import factories

pytestmark = pytest.mark.django_db


def partner_links(response):
    page = response.content.decode()
    assert 'aria-label="EU partners"' in page
    return page[page.index('aria-label="EU partners"') : page.index("</nav>", page.index('aria-label="EU partners"'))]


def test_the_footer_links_the_services_with_a_website_and_follows_an_edit_at_once(client):
    home = factories.make_service("DG HOME", website="https://home-affairs.ec.europa.eu/")
    factories.make_service("DG NOWEB")

    footer = partner_links(client.get(reverse("accessibility")))
    assert 'href="https://home-affairs.ec.europa.eu/">DG HOME' in footer
    assert "DG NOWEB" not in footer

    home.website = "https://home.example.eu/"
    home.save()
    footer = partner_links(client.get(reverse("feeds_help")))
    assert 'href="https://home.example.eu/">DG HOME' in footer
    assert "home-affairs" not in footer


def test_the_services_are_read_once_per_generation_not_on_every_page(client):
    factories.make_service("DG HOME", website="https://home-affairs.ec.europa.eu/")
    client.get(reverse("accessibility"))

    with CaptureQueriesContext(connection) as queries:
        footer = partner_links(client.get(reverse("feeds_help")))

    assert "DG HOME" in footer
    assert not [query for query in queries if "website" in query["sql"]]
