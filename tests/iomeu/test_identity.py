"""The site's identity: its wordmark, icons and link-preview images, and the header and footer of every page."""

import datetime
import io

import pytest
from django.urls import reverse
from PIL import Image

from iomeu.identity import OG_KINDS
from tests.core.findability import make_publication
from tests.meetings import factories
from tests.meetings.page import elements, links, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(db):
    """One page of each kind, with the address of the preview image it should carry."""
    service = factories.make_service("DG HOME", full_name="Migration and Home Affairs")
    service.website = "https://home-affairs.ec.europa.eu/"
    service.save()
    factories.make_service("DG DEVCO", full_name="International Cooperation and Development")  # no website
    meeting = factories.make_meeting("Sixth meeting", slug="sixth", date=datetime.date(2019, 6, 4), host=service)
    paper = make_publication("A paper", slug="a-paper")
    return {
        reverse("home"): "home",
        reverse("meetings:list"): "meetings",
        meeting.get_absolute_url(): "meeting",
        reverse("meetings:participation"): "participation",
        reverse("meetings:service_list"): "services",
        service.get_absolute_url(): "service",
        reverse("publications:list"): "publications",
        paper.get_absolute_url(): "publication",
        reverse("publications:presidencies"): "presidencies",
        reverse("pages:timeline"): "timeline",
        reverse("accessibility"): "accessibility",
        reverse("feeds_help"): "page",
    }


def test_the_favicon_is_served_at_the_root_as_an_icon_file(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO" and {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])
    assert "max-age" in response["Cache-Control"]


def test_the_apple_touch_icon_is_an_opaque_180_px_png(client):
    response = client.get(reverse("apple_touch_icon"))
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size, image.mode) == ("PNG", (180, 180), "RGB")


@pytest.mark.parametrize("kind", sorted(OG_KINDS))
def test_each_page_type_has_a_1200_by_630_preview_image(client, kind):
    response = client.get(reverse("og_image", kwargs={"kind": kind}))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


def test_an_unknown_preview_image_is_a_404(client):
    assert client.get(reverse("og_image", kwargs={"kind": "nothing"})).status_code == 404


def test_every_page_links_its_icons_and_its_page_types_preview_image(client, pages):
    for url, kind in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        icons = {(attrs["rel"], attrs["href"]) for attrs in elements(response, "link") if "icon" in attrs["rel"]}
        assert ("icon", "/favicon.ico") in icons, url
        assert any(rel == "icon" and href.endswith("img/icon.svg") for rel, href in icons), url
        assert ("apple-touch-icon", "/apple-touch-icon.png") in icons, url
        meta = {attrs.get("property"): attrs.get("content") for attrs in elements(response, "meta")}
        assert meta["og:image"] == f"http://testserver/og/{kind}.png", url
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630"), url
        assert meta["og:image:alt"].endswith(OG_KINDS[kind]), url


def test_every_page_has_the_wordmark_about_contact_and_a_search_box_in_its_header(client, pages):
    for url in pages:
        response = client.get(url)
        html = response.content.decode()
        header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        assert 'src="/static/img/wordmark.svg" alt="IOM Brussels"' in header, url
        assert 'href="/about/"' in header and 'href="/contact/"' in header, url
        assert 'action="/search/"' in header and 'name="q"' in header, url


def test_the_search_page_has_no_second_search_box_in_its_header(client, db):
    html = client.get(reverse("search")).content.decode()
    assert "header-search" not in html


def test_the_footer_links_iom_the_eu_services_own_sites_the_statement_and_the_feeds(client, pages):
    response = client.get(reverse("home"))
    footer = response.content.decode().split('<footer class="site-footer">', 1)[1]
    assert "https://www.iom.int/" in footer
    assert "https://home-affairs.ec.europa.eu/" in footer
    assert 'href="/accessibility/"' in footer and 'href="/feeds/"' in footer
    assert "DG DEVCO" not in footer  # no website of its own: not listed
    assert reverse("feeds:meetings") in links(client.get(reverse("feeds_help")))


def test_the_feeds_page_explains_feeds_and_the_calendar(client, db):
    text = visible_text(client.get(reverse("feeds_help")))
    assert "feed reader" in text and "Meetings feed" in text and "meetings calendar (.ics)" in text
