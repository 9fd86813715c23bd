"""What feed readers, search engines and link previews get: Atom feeds, the sitemap, robots.txt, JSON-LD, head tags."""

import datetime
import json
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from core.dates import DatePrecision
from core.models import Status
from pages.models import Page
from tests.core.findability import ATOM, SITEMAP, make_publication, xml
from tests.meetings import factories
from tests.meetings.page import elements

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(db):
    topic = factories.make_topic("Return and reintegration")
    other = factories.make_topic("Climate")
    meeting = factories.make_meeting(
        "Sixth Senior Officials Meeting",
        slug="sixth",
        date=datetime.date(2019, 6, 4),
        topics=[topic],
        summary="Return and sustainable reintegration.",
    )
    yearly = factories.make_meeting(
        "Tenth Senior Officials Meeting",
        slug="tenth",
        date=datetime.date(2024, 1, 1),
        date_precision=DatePrecision.YEAR,
        host=factories.make_service("DG NEAR", full_name="Neighbourhood and Enlargement Negotiations"),
        topics=[other],
    )
    factories.make_draft(title="Draft meeting", slug="draft-meeting", topics=[topic])
    factories.make_meeting(
        "Scheduled meeting", slug="scheduled-meeting", published_at=timezone.now() + datetime.timedelta(days=2)
    )
    paper = make_publication(
        "Recommendations to Malta",
        slug="malta",
        publication_date=datetime.date(2017, 1, 10),
        pdf_text="Joint efforts are crucial.",
        topics=[topic],
    )
    draft_paper = make_publication("Draft paper", slug="draft-paper", status=Status.DRAFT)
    draft_paper.topics.set([topic])
    Page.objects.create(slug="about", title="About", body="<p>Who we are.</p>", status=Status.PUBLISHED)
    Page.objects.create(slug="secret", title="Secret page", body="<p>Not yet.</p>", status=Status.DRAFT)
    return {"topic": topic, "meeting": meeting, "yearly": yearly, "paper": paper}


def atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = xml(response)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text and feed.find(f"{ATOM}id").text and feed.find(f"{ATOM}updated").text
    return {entry.find(f"{ATOM}title").text: entry for entry in feed.findall(f"{ATOM}entry")}


def test_the_meetings_feed_is_atom_and_lists_only_published_meetings(client, content):
    entries = atom_entries(client.get(reverse("feeds:meetings")))
    assert set(entries) == {"Sixth Senior Officials Meeting", "Tenth Senior Officials Meeting"}
    entry = entries["Sixth Senior Officials Meeting"]
    assert entry.find(f"{ATOM}link").get("href").endswith("/meetings/sixth/")
    assert entry.find(f"{ATOM}summary").text == "Return and sustainable reintegration."
    assert [category.get("term") for category in entry.findall(f"{ATOM}category")] == ["Return and reintegration"]


def test_the_publications_feed_lists_only_published_publications(client, content):
    entries = atom_entries(client.get(reverse("feeds:publications")))
    assert set(entries) == {"Recommendations to Malta"}


def test_a_topic_feed_mixes_meetings_and_publications_of_that_topic_newest_first(client, content):
    feed = xml(client.get(reverse("feeds:topic", kwargs={"slug": "return-and-reintegration"})))
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Sixth Senior Officials Meeting", "Recommendations to Malta"]
    assert "Return and reintegration" in feed.find(f"{ATOM}title").text


def test_an_unknown_topic_feed_is_not_found(client, content):
    assert client.get(reverse("feeds:topic", kwargs={"slug": "no-such-topic"})).status_code == 404


def test_every_page_links_both_feeds_in_its_head(client, content):
    for url in [reverse("home"), reverse("meetings:list"), content["meeting"].get_absolute_url(), "/about/"]:
        response = client.get(url)
        hrefs = [link["href"] for link in elements(response, "link", rel="alternate", type="application/atom+xml")]
        assert hrefs[:2] == [reverse("feeds:meetings"), reverse("feeds:publications")], url


def test_pages_about_a_topic_also_link_that_topics_feed(client, content):
    topic_feed = reverse("feeds:topic", kwargs={"slug": "return-and-reintegration"})
    for url in [
        content["meeting"].get_absolute_url(),
        content["paper"].get_absolute_url(),
        reverse("meetings:list") + "?topic=return-and-reintegration",
        reverse("publications:list") + "?topic=return-and-reintegration",
    ]:
        feeds = elements(client.get(url), "link", rel="alternate", type="application/atom+xml")
        assert [link["href"] for link in feeds][2:] == [topic_feed], url
        assert feeds[2]["title"] == "Return and reintegration: meetings and publications (Atom feed)"
    # An unknown topic in the address links no feed and breaks nothing.
    response = client.get(reverse("meetings:list"), {"topic": "<nope>"})
    assert response.status_code == 200
    assert len(elements(response, "link", rel="alternate", type="application/atom+xml")) == 2


def sitemap_urls(response):
    assert response.status_code == 200
    root = xml(response)
    assert root.tag == f"{SITEMAP}urlset"
    return {
        url.find(f"{SITEMAP}loc").text.removeprefix("http://testserver"): url for url in root.findall(f"{SITEMAP}url")
    }


def test_the_sitemap_lists_every_published_page_with_its_last_change_and_no_draft(client, content):
    urls = sitemap_urls(client.get(reverse("sitemap")))
    for path in [
        "/",
        "/meetings/",
        "/meetings/sixth/",
        "/meetings/tenth/",
        "/publications/malta/",
        "/about/",
        "/timeline/",
        content["yearly"].host.get_absolute_url(),
    ]:
        assert path in urls, path
    assert urls["/meetings/sixth/"].find(f"{SITEMAP}lastmod").text.startswith(str(timezone.now().year))
    text = client.get(reverse("sitemap")).content.decode()
    for hidden in ["draft-meeting", "scheduled-meeting", "draft-paper", "/secret/", "/home/"]:
        assert hidden not in text


def test_robots_txt_points_at_the_sitemap(client, content):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def json_ld(response):
    html = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_a_meeting_page_carries_schema_org_event_json_ld(client, content):
    data = json_ld(client.get(content["meeting"].get_absolute_url()))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Sixth Senior Officials Meeting"
    assert data["startDate"] == "2019-06-04"
    assert data["url"] == "http://testserver/meetings/sixth/"
    assert data["location"]["name"] == "Brussels"


def test_a_meeting_known_to_its_year_has_a_year_only_start_date(client, content):
    data = json_ld(client.get(content["yearly"].get_absolute_url()))
    assert data["startDate"] == "2024"
    assert data["organizer"][1]["alternateName"] == "DG NEAR"


def test_a_publication_page_carries_report_json_ld_with_its_pdf(client, content):
    data = json_ld(client.get(content["paper"].get_absolute_url()))
    assert data["@type"] == "Report"
    assert data["datePublished"] == "2017-01-10"
    assert data["encoding"] == data["associatedMedia"]
    (media,) = data["encoding"]
    assert media["encodingFormat"] == "application/pdf"
    assert media["contentUrl"] == "http://testserver" + reverse(
        "publications:download_language", kwargs={"slug": "malta", "language": "en"}
    )
    assert client.get(media["contentUrl"]).status_code == 200


def test_json_ld_cannot_be_closed_early_by_content(client):
    meeting = factories.make_meeting("</script><script>alert(1)</script>", slug="hostile", summary="x & y")
    response = client.get(meeting.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(response)["name"] == "</script><script>alert(1)</script>"


def test_every_page_has_a_title_description_canonical_link_and_open_graph_tags(client, content):
    titles = set()
    for url in [
        reverse("home"),
        reverse("meetings:list"),
        content["meeting"].get_absolute_url(),
        content["paper"].get_absolute_url(),
        "/about/",
        reverse("pages:timeline"),
        reverse("search"),
    ]:
        response = client.get(url)
        html = response.content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
        titles.add(title)
        assert elements(response, "meta", name="description")[0]["content"].strip(), url
        assert elements(response, "link", rel="canonical")[0]["href"] == "http://testserver" + url
        for prop in ["og:title", "og:description", "og:type", "og:url", "og:site_name"]:
            assert elements(response, "meta", property=prop)[0]["content"], (url, prop)
    assert len(titles) == 7, "every page has its own title"


@override_settings(SITE_NAME="EU-IOM record")
def test_the_site_name_in_titles_header_and_link_previews_comes_from_the_setting(client, content):
    home = client.get(reverse("home"))
    meetings = client.get(reverse("meetings:list"))

    assert re.search(r"<title>(.*?)</title>", home.content.decode()).group(1).startswith("EU-IOM record: ")
    # The home page's heading says what the site is about instead of repeating its name.
    assert "EU-IOM record" not in re.search(r"<h1>(.*?)</h1>", home.content.decode()).group(1)
    for response in (home, meetings):
        brand = re.search(r'<a class="brand"[^>]*>(.*?)</a>', response.content.decode(), re.DOTALL).group(1)
        assert "EU-IOM record" in brand
        assert elements(response, "meta", property="og:site_name")[0]["content"] == "EU-IOM record"
    assert "IOM and the European Union" not in meetings.content.decode()


def test_the_canonical_link_drops_filters_but_keeps_a_later_page(client, content):
    response = client.get(reverse("meetings:list"), {"level": "senior", "utm_source": "mail"})
    assert elements(response, "link", rel="canonical")[0]["href"] == "http://testserver/meetings/"
    for number in range(25):
        factories.make_meeting(f"Meeting {number}", slug=f"many-{number}")
    response = client.get(reverse("meetings:list"), {"page": "2"})
    assert elements(response, "link", rel="canonical")[0]["href"] == "http://testserver/meetings/?page=2"


def test_a_meeting_page_is_an_open_graph_article_with_its_summary(client, content):
    response = client.get(content["meeting"].get_absolute_url())
    assert elements(response, "meta", property="og:type")[0]["content"] == "article"
    assert elements(response, "meta", property="og:title")[0]["content"] == "Sixth Senior Officials Meeting"
    description = elements(response, "meta", property="og:description")[0]["content"]
    assert description == "Return and sustainable reintegration."


def test_feeds_carry_their_stylesheet_and_no_invented_time_for_an_item_known_to_its_year(client, content):
    response = client.get(reverse("feeds:meetings"))
    body = response.content.decode()
    assert '<?xml-stylesheet href="/static/feeds/atom.xsl" media="screen" type="text/xsl"?>' in body
    feed = xml(response)
    entries = {entry.find(f"{ATOM}title").text: entry for entry in feed.findall(f"{ATOM}entry")}
    # The 10th meeting is known to its year only: no <published> moment is made up for it.
    assert entries["Tenth Senior Officials Meeting"].find(f"{ATOM}published") is None
    assert entries["Tenth Senior Officials Meeting"].find(f"{ATOM}updated").text
    assert entries["Sixth Senior Officials Meeting"].find(f"{ATOM}published").text  # known to the day
    assert "2024-01-01T" not in body


def test_the_feed_stylesheet_is_a_static_xslt_file(client):
    from django.contrib.staticfiles import finders

    path = finders.find("feeds/atom.xsl")
    assert path and "xsl:stylesheet" in open(path, encoding="utf-8").read()
