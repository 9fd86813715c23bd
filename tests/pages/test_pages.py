"""The site's own pages: About and Contact (staff-edited, sanitised), the timeline, breadcrumbs, 404 and 500."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.views.defaults import server_error

from core.dates import DatePrecision
from core.models import Status
from meetings.models import Meeting
from pages import record as pages_record
from pages.models import KeyFigure, Milestone, Page
from tests.core.findability import make_publication
from tests.meetings import factories
from tests.meetings.page import elements, parse, visible_text


def make_page(slug="about", title="About the office", body="<p>Who we are.</p>", **fields):
    fields.setdefault("status", Status.PUBLISHED)
    return Page.objects.create(slug=slug, title=title, body=body, **fields)


@pytest.mark.django_db
def test_a_published_page_is_served_at_its_slug_with_its_text(client):
    make_page(description="Who we are and what we do.", body="<h2>Our work</h2><p>Liaison with the EU.</p>")
    response = client.get("/about/")
    assert response.status_code == 200
    assert [heading for heading in elements(response, "h1")] == [{}]
    assert "Our work Liaison with the EU." in visible_text(response)
    assert elements(response, "meta", name="description")[0]["content"] == "Who we are and what we do."


@pytest.mark.django_db
def test_a_draft_page_is_a_404_for_the_public_and_a_preview_for_staff(client):
    make_page(slug="contact", title="Contact", status=Status.DRAFT)
    assert client.get("/contact/").status_code == 404
    editor = factories.make_staff("page-editor", permissions=["pages.change_page", "pages.view_page"])
    client.force_login(editor)
    response = client.get("/contact/")
    assert response.status_code == 200
    assert "this page is not public" in visible_text(response)
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_unknown_page_is_a_404_that_search_engines_neither_index_nor_treat_as_canonical(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'rel="canonical"' not in html and "og:url" not in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.django_db
def test_the_home_pages_introduction_is_not_a_page_of_its_own(client):
    make_page(slug="home", title="Home")
    response = client.get("/home/")
    assert response.status_code == 301 and response["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<p onclick="steal()">Hi</p>', "<p>Hi</p>"),
        ('<p><a href="javascript:alert(1)">x</a></p>', "<p>x</p>"),  # no link without an address: its text
        ('<img src="x" onerror="alert(1)"><p>text</p>', "<p>text</p>"),
        ("<style>body{display:none}</style><p>text</p>", "<p>text</p>"),
        ('<iframe src="https://evil.example"></iframe><p>text</p>', "<p>text</p>"),
        ('<p style="color:red">text</p>', "<p>text</p>"),
    ],
)
def test_staff_rich_text_is_sanitised_on_save(dirty, clean):
    page = make_page(body=dirty)
    page.refresh_from_db()
    assert page.body == clean


@pytest.mark.django_db
def test_sanitising_keeps_structure_and_links_and_only_what_the_editor_can_write():
    body = (
        '<h2>Units</h2><p><a href="tel:+3222877000">+32 2 287 70 00</a> and <a href="/meetings/">meetings</a>'
        '</p><ul><li><strong>One</strong></li></ul><table><tr><th scope="col">A</th></tr></table>'
    )
    page = make_page(body=body)
    assert '<a href="tel:+3222877000"' in page.body
    assert '<a href="/meetings/"' in page.body
    assert "<strong>One</strong>" in page.body
    assert "<table" not in page.body and "A" in page.body  # no tables in the editor: the text stays


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["meetings", "search", "publications", "admin", "timeline", "dgs", "presidencies"])
def test_a_page_cannot_take_an_address_the_site_already_uses(slug):
    page = Page(slug=slug, title="Clash", body="", status=Status.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "already an address of the site" in str(error.value)


@pytest.mark.django_db
def test_the_timeline_is_drawn_from_the_records(client):
    Milestone.objects.create(
        title="Framework Agreement signed", date=datetime.date(2011, 11, 1), date_precision="month"
    )
    founding = datetime.date(2012, 7, 1)
    home = factories.make_service("DG HOME", joined_framework_on=founding)
    devco = factories.make_service("DG DEVCO", joined_framework_on=founding)
    factories.make_service("EEAS", joined_framework_on=founding)
    factories.make_service("DG NEAR", joined_framework_on=datetime.date(2016, 2, 16))
    factories.make_service(
        "DG INTPA",
        joined_framework_on=datetime.date(2021, 1, 1),
        predecessor=devco,
        succeeded_predecessor_on=datetime.date(2021, 1, 1),
    )
    factories.make_meeting("1st Senior Officials Meeting", slug="som1", date=datetime.date(2013, 5, 3), host=home)
    factories.make_meeting(
        "10th Senior Officials Meeting",
        slug="som10",
        date=datetime.date(2024, 3, 20),
        date_precision=DatePrecision.YEAR,
    )
    factories.make_meeting("Expert meeting", slug="expert", level=Meeting.Level.EXPERT, date=datetime.date(2014, 1, 1))
    factories.make_draft(title="Draft Senior Officials Meeting", slug="som-draft", date=datetime.date(2026, 1, 1))

    response = client.get(reverse("pages:timeline"))
    assert response.status_code == 200
    titles = [event.title for event in response.context["events"]]
    assert titles == [
        "Framework Agreement signed",
        "The EU-IOM Strategic Cooperation Framework is established",
        "1st Senior Officials Meeting",
        "DG NEAR joins the framework",
        "DG DEVCO becomes DG INTPA",
        "10th Senior Officials Meeting",
    ]
    text = visible_text(response)
    assert "IOM and DG DEVCO, DG HOME and EEAS set up the framework" in text
    assert "November 2011" in text and "July 2012" in text and "3 May 2013" in text
    assert "20 March 2024" not in text, "a year-only meeting never shows a day"
    assert elements(response, "time", datetime="2024")


@pytest.mark.django_db
def test_every_page_below_home_has_breadcrumbs_and_home_has_none(client):
    meeting = factories.make_meeting("Fifth meeting", slug="fifth")
    paper = make_publication("A paper", slug="a-paper")
    make_page()
    assert not elements(client.get("/"), "nav", **{"aria-label": "Breadcrumb"})
    expected = {
        reverse("meetings:list"): ["Home", "Meetings"],
        meeting.get_absolute_url(): ["Home", "Meetings", "Fifth meeting"],
        reverse("meetings:participation"): ["Home", "Meetings", "Who took part"],
        reverse("meetings:service_list"): ["Home", "EU services"],
        paper.get_absolute_url(): ["Home", "Publications", "A paper"],
        reverse("publications:presidencies"): ["Home", "Council Presidencies"],
        "/about/": ["Home", "About the office"],
        reverse("pages:timeline"): ["Home", "Timeline"],
        reverse("search"): ["Home", "Search"],
        reverse("accessibility"): ["Home", "Accessibility statement"],
    }
    for url, crumbs in expected.items():
        response = client.get(url)
        navs = re.findall(
            r'<nav class="breadcrumbs[^>]*aria-label="Breadcrumb">(.*?)</nav>', response.content.decode(), re.S
        )
        assert len(navs) == 1, url
        assert visible_text(navs[0]) == " ".join(crumbs), url
        assert elements(navs[0], "a", href="/")
        assert elements(navs[0], "span", **{"aria-current": "page"})


@pytest.mark.django_db
def test_the_main_navigation_marks_the_section_of_each_page_and_only_it(client):
    service = factories.make_service("DG HOME")
    meeting = factories.make_meeting("Fifth meeting", slug="fifth", services=[service])
    paper = make_publication("A paper", slug="a-paper")
    make_page()
    expected = {
        reverse("meetings:list"): ["Meetings"],
        meeting.get_absolute_url(): ["Meetings"],
        reverse("meetings:participation"): ["Who took part"],
        reverse("meetings:service_list"): ["EU services"],
        service.get_absolute_url(): ["EU services"],
        reverse("publications:list"): ["Publications"],
        paper.get_absolute_url(): ["Publications"],
        reverse("publications:presidencies"): ["Council Presidencies"],
        reverse("search"): ["Search"],
        "/": [],
        "/about/": [],
    }
    for url, current in expected.items():
        html = client.get(url).content.decode()
        nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.S).group(1)
        marked = re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]*)</a>', nav)
        assert marked == current, url


@pytest.mark.django_db
def test_a_missing_page_gets_the_sites_404_page(client):
    response = client.get("/meetings/no-such-meeting/")
    assert response.status_code == 404
    assert "Page not found" in visible_text(response)
    assert elements(response, "form", role="search")
    assert len(elements(response, "h1")) == 1


def test_the_500_page_renders_without_a_database(rf):
    # No django_db mark: any query here would fail the test.
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "/static/css/site.css" in html
    assert len(elements(html, "h1")) == 1 and elements(html, "main", id="main")


@override_settings(DEBUG=False)
def test_an_unhandled_error_shows_the_500_page(client, monkeypatch):
    from pages import views

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.RobotsView, "get", explode)
    client.raise_request_exception = False
    response = client.get("/robots.txt")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
def test_the_record_loader_writes_pages_milestones_and_key_figures_once():
    factories.make_meeting("5th", slug="5th-senior-officials-meeting-2018", edition=5)
    first = io.StringIO()
    pages_record.load(first)
    assert {page.slug for page in Page.objects.published()} == {"home", "about", "about-this-record", "contact"}
    assert Milestone.objects.filter(title__contains="Framework Agreement", date__year=2011).exists()
    figures = list(KeyFigure.objects.published())
    assert len(figures) == 5 and all(figure.source and figure.year for figure in figures)
    assert figures[0].source_url == "/meetings/5th-senior-officials-meeting-2018/"
    contact = Page.objects.get(slug="contact")
    assert "+32 2 287 70 00" in contact.body and "+32 2 287 70 06" in contact.body
    before = {page.pk: page.updated_at for page in Page.objects.all()}
    second = io.StringIO()
    pages_record.load(second)
    assert "0 created, 0 updated" in second.getvalue()
    assert {page.pk: page.updated_at for page in Page.objects.all()} == before


@pytest.mark.django_db
def test_a_site_mounted_under_a_prefix_links_every_page_under_it(client):
    """Behind a proxy that mounts the site at /iomeu/ (SCRIPT_NAME), no link leads out of it.

    Django's WSGI handler sets the script prefix from SCRIPT_NAME; the test client does not, so the test does.
    """
    service = factories.make_service("DG HOME")
    meeting = factories.make_meeting("Fifth meeting", slug="fifth", services=[service])
    paper = make_publication("A paper", slug="a-paper")
    urls = ["/", "/meetings/", meeting.get_absolute_url(), service.get_absolute_url(), "/publications/"]
    urls += [paper.get_absolute_url(), "/presidencies/", "/search/?q=meeting", "/timeline/"]
    set_script_prefix("/iomeu/")
    try:
        for url in urls:
            response = client.get(url, SCRIPT_NAME="/iomeu")
            assert response.status_code == 200, url
            addresses = [attrs.get("href") or attrs.get("action") for _, attrs in parse(response).elements]
            outside = [a for a in addresses if a and a.startswith("/") and not a.startswith(("/iomeu/", "/static/"))]
            assert "/iomeu/meetings/" in addresses and not outside, url
    finally:
        clear_script_prefix()
