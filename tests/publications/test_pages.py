"""Public pages: the publication list and its filters, a publication, the Presidencies, meeting pages."""

import datetime
import re

import pytest
from django.urls import reverse

from meetings.models import Meeting
from publications.models import Publication, PublicationFile, PublicationKind
from tests.meetings import factories as meeting_factories
from tests.meetings.page import elements, links, unlabelled_controls, visible_text

from . import factories

pytestmark = pytest.mark.django_db

LIST = reverse("publications:list")


@pytest.fixture
def shelf(db):
    """A few publications shaped like the record's."""
    climate = factories.make_topic("Climate and migration")
    malta = factories.make_presidency("Malta", datetime.date(2017, 1, 1), datetime.date(2017, 6, 30), slug="malta-2017")
    luxembourg = factories.make_presidency(
        "Luxembourg", datetime.date(2015, 7, 1), datetime.date(2015, 12, 31), slug="luxembourg-2015"
    )
    series = factories.make_series("Partnerships in Action", slug="partnerships-in-action")
    recommendations = factories.kind("presidency-recommendations")
    malta_recs = factories.make_publication(
        "IOM Recommendations to the Maltese Presidency",
        slug="malta-recommendations",
        kind=recommendations,
        presidency=malta,
        publication_date=datetime.date(2017, 1, 1),
        date_precision="year",
        quote="Joint efforts are crucial to protect the safety, dignity and human rights of all migrants.",
    )
    lux_recs = factories.make_publication(
        "IOM recommendations to the Luxembourg Presidency",
        slug="luxembourg-recommendations",
        kind=recommendations,
        presidency=luxembourg,
        publication_date=datetime.date(2015, 1, 1),
        date_precision="year",
        topics=[climate],
        quote="IOM wishes to highlight the links between human mobility, environmental and climate change.",
    )
    first = factories.make_publication(
        "Partnerships in Action (first edition)",
        slug="partnerships-first",
        kind=factories.kind("cooperation-report"),
        series=series,
        edition=1,
        publication_date=datetime.date(2016, 1, 1),
        date_precision="year",
    )
    second = factories.make_publication(
        "Addressing the Valletta Summit Priorities Together",
        slug="valletta-priorities",
        kind=factories.kind("cooperation-report"),
        series=series,
        edition=2,
        publication_date=datetime.date(2017, 2, 7),
        body="The report follows the five priority domains agreed at Valletta.",
    )
    draft = factories.make_draft(
        title="Unpublished recommendations", slug="unpublished", presidency=malta, kind=recommendations
    )
    factories.make_file(malta_recs, data=factories.pdf_bytes(pages=4, text="Safety and dignity of migrants"))
    factories.make_file(malta_recs, language="fr", data=factories.pdf_bytes(pages=4, text="Sécurité et dignité"))
    factories.make_file(lux_recs)
    factories.make_file(second, data=factories.pdf_bytes(pages=12, text="Trust Fund for Africa"))
    factories.make_file(draft)
    return {
        "malta": malta_recs,
        "luxembourg": lux_recs,
        "first": first,
        "second": second,
        "draft": draft,
        "climate": climate,
    }


PAGES = [
    reverse("publications:list"),
    reverse("publications:detail", kwargs={"slug": "malta-recommendations"}),
    reverse("publications:detail", kwargs={"slug": "valletta-priorities"}),
    reverse("publications:presidencies"),
]


@pytest.mark.parametrize("url", PAGES)
def test_every_public_page_is_an_accessible_html_page(client, shelf, url):
    response = client.get(url)
    assert response.status_code == 200
    assert len(elements(response, "h1")) == 1, "one h1 per page"
    assert elements(response, "main", id="main")
    assert unlabelled_controls(response) == []
    for image in elements(response, "img"):
        assert "alt" in image, image  # decorative covers next to their title have alt=""
    html = response.content.decode()
    scripts = elements(response, "script")
    assert all(script.get("type") == "application/ld+json" for script in scripts), "no script but JSON-LD data"
    assert " style=" not in html


def test_the_list_shows_published_items_newest_first(client, shelf):
    response = client.get(LIST)
    titles = [publication.title for publication in response.context["publications"]]
    assert titles == [
        "Addressing the Valletta Summit Priorities Together",
        "IOM Recommendations to the Maltese Presidency",
        "Partnerships in Action (first edition)",
        "IOM recommendations to the Luxembourg Presidency",
    ]
    text = visible_text(response)
    assert "4 publications" in text
    assert "Unpublished recommendations" not in text
    assert "7 February 2017" in text and "PDF in English, French" in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=presidency-recommendations", {"malta-recommendations", "luxembourg-recommendations"}),
        ("year=2017", {"malta-recommendations", "valletta-priorities"}),
        ("topic=climate-and-migration", {"luxembourg-recommendations"}),
        ("presidency=malta-2017", {"malta-recommendations"}),
        ("series=partnerships-in-action", {"partnerships-first", "valletta-priorities"}),
        ("language=fr", {"malta-recommendations"}),
        ("q=valletta", {"valletta-priorities"}),
        ("q=Trust+Fund+for+Africa", {"valletta-priorities"}),  # found in the PDF's text
        ("q=unpublished", set()),
        ("kind=presidency-recommendations&year=2015", {"luxembourg-recommendations"}),
    ],
)
def test_the_filters_narrow_the_list(client, shelf, query, expected):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert {publication.slug for publication in response.context["publications"]} == expected


@pytest.mark.parametrize(
    "query",
    [
        "kind=no-such-kind",
        "year=1800",
        "year=abc",
        "topic=%00",
        "presidency=<script>",
        "language=de",
        "q=" + "x" * 5000,
        "q=%00nul",
        "series=..%2F..",
    ],
)
def test_bad_filter_input_gives_an_empty_result_not_an_error(client, shelf, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert list(response.context["publications"]) == []
    assert elements(response, "p", **{"class": "error"}) or "0 publications" in visible_text(response)


@pytest.mark.parametrize("page", ["abc", "0", "99999", "-1"])
def test_a_page_that_does_not_exist_is_404(client, shelf, page):
    assert client.get(f"{LIST}?page={page}").status_code == 404


def test_pagination_keeps_the_filters(client):
    speech = factories.kind("speech")
    for day in range(1, 26):
        factories.make_publication(kind=speech, publication_date=datetime.date(2020, 1, day))
    response = client.get(f"{LIST}?kind=speech")
    assert len(response.context["publications"]) == 20
    assert "?kind=speech&page=2" in links(response)
    assert len(client.get(f"{LIST}?kind=speech&page=2").context["publications"]) == 5


def test_the_detail_page_shows_the_publication_and_links_each_file(client, shelf):
    malta = shelf["malta"]
    response = client.get(malta.get_absolute_url())
    text = visible_text(response)
    assert "IOM Recommendations to the Maltese Presidency" in text
    assert "2017" in text and "not recorded" not in text  # the year, shown as it is known, with no comment
    assert "Joint efforts are crucial" in text
    assert "the Presidency of the Council of the EU held by Malta" in text and "January-June 2017" in text
    assert "Malta Presidency" not in text
    english, french = PublicationFile.objects.filter(publication=malta).order_by("language")
    page_links = links(response)
    for file in (english, french):
        assert file.read_url() in page_links and file.get_absolute_url() in page_links
    assert "English PDF," in text and "4 pages" in text and "French" in text
    cover = [image for image in elements(response, "img") if image.get("alt") == f"Cover of {malta.title}"]
    assert cover and cover[0]["src"].startswith(f"/images/publication-page-cover/{english.pk}/")
    assert client.get(cover[0]["src"]).status_code == 200


def test_the_detail_page_shows_series_editions_related_items_and_meetings(client, shelf):
    second, first = shelf["second"], shelf["first"]
    meeting = meeting_factories.make_meeting("Fifth Senior Officials Meeting", slug="som5")
    hidden = meeting_factories.make_draft(title="Draft meeting", slug="draft-meeting")
    second.meetings.set([meeting, hidden])
    second.related.add(shelf["luxembourg"], shelf["draft"])
    response = client.get(second.get_absolute_url())
    text = visible_text(response)
    assert "Partnerships in Action , edition 2" in text or "Partnerships in Action, edition 2" in text
    assert first.get_absolute_url() in links(response)
    assert meeting.get_absolute_url() in links(response)
    assert shelf["luxembourg"].get_absolute_url() in links(response)
    assert "Draft meeting" not in text and "Unpublished recommendations" not in text
    # Related is symmetrical: the Luxembourg page links back.
    assert second.get_absolute_url() in links(client.get(shelf["luxembourg"].get_absolute_url()))


def test_a_draft_is_404_for_the_public_and_a_preview_for_editors(client, editor, shelf):
    url = shelf["draft"].get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert "Draft" in visible_text(response)
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_presidencies_page_lists_each_presidency_with_its_recommendation_and_quote(client, shelf):
    response = client.get(reverse("publications:presidencies"))
    text = visible_text(response)
    assert text.index("Luxembourg") < text.index("Malta")
    assert "January-June 2017" in text and "July-December 2015" in text
    assert "Joint efforts are crucial" in text and "links between human mobility" in text
    assert shelf["malta"].get_absolute_url() in links(response)
    assert "Unpublished recommendations" not in text
    kind = factories.kind(PublicationKind.PRESIDENCY_RECOMMENDATIONS)
    assert kind.get_absolute_url() in links(response)


def test_a_meeting_page_lists_its_press_releases_and_related_papers(client, shelf):
    meeting = meeting_factories.make_meeting(
        "Fifth Senior Officials Meeting", slug="som5", level=Meeting.Level.SENIOR_OFFICIALS
    )
    release = factories.make_publication(
        "A Critical Year for Unity", kind=factories.kind("press-release"), meetings=[meeting]
    )
    shelf["second"].meetings.add(meeting)
    shelf["draft"].meetings.add(meeting)
    response = client.get(meeting.get_absolute_url())
    text = visible_text(response)
    assert "Press release" in text and release.get_absolute_url() in links(response)
    assert "Related papers" in text and shelf["second"].get_absolute_url() in links(response)
    assert "Unpublished recommendations" not in text


def make_many(count):
    topic = factories.make_topic()
    presidency = factories.make_presidency("Malta", datetime.date(2017, 1, 1), datetime.date(2017, 6, 30))
    template = factories.make_file(factories.make_publication())
    publications = Publication.objects.bulk_create(
        Publication(
            title=f"Paper {number}",
            slug=f"paper-{number}",
            kind=factories.kind("policy-paper"),
            publication_date=datetime.date(2019, 1, 1) + datetime.timedelta(days=number),
            summary="A paper.",
            status="published",
            presidency=presidency,
            published_at=template.publication.published_at,
        )
        for number in range(count)
    )
    PublicationFile.objects.bulk_create(
        PublicationFile(
            publication=publication,
            language=language,
            file=template.file.name,
            thumbnail=template.thumbnail.name,
            size=template.size,
            page_count=template.page_count,
            sha256=template.sha256,
        )
        for publication in publications
        for language in ("en", "fr")
    )
    for publication in publications:
        publication.topics.add(topic)
    return publications


@pytest.mark.parametrize("count", [5, 200])
def test_the_list_needs_the_same_number_of_queries_for_5_or_200_publications(client, assert_max_page_queries, count):
    make_many(count)
    # One query for the footer's EU partner links and one for each filter's counted options (six), then the page.
    with assert_max_page_queries(10):
        response = client.get(LIST)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 200])
def test_the_presidencies_page_needs_the_same_number_of_queries_for_5_or_200_publications(
    client, assert_max_page_queries, count
):
    make_many(count)
    with assert_max_page_queries(6):
        response = client.get(reverse("publications:presidencies"))
    assert len(response.context["presidencies"][0].recommendations) == count


@pytest.mark.parametrize("count", [5, 200])
def test_a_detail_page_needs_the_same_number_of_queries_however_many_it_links(client, assert_max_page_queries, count):
    publications = make_many(count)
    main = publications[0]
    main.related.add(*publications[1:])
    series = factories.make_series()
    for edition, publication in enumerate(publications, start=1):
        publication.series, publication.edition = series, edition
    Publication.objects.bulk_update(publications, ["series", "edition"])
    for number in range(min(count, 50)):
        meeting_factories.make_meeting(slug=f"meeting-q-{number}").publications.add(main)
    with assert_max_page_queries(10):
        response = client.get(main.get_absolute_url())
    assert response.status_code == 200
    text = visible_text(response)
    assert f"edition {count}" in text  # every edition listed, and each related item with its kind
    assert text.count("Policy paper") >= count


def test_paging_through_publications_of_the_same_day_shows_each_exactly_once(client, db):
    made = {factories.make_publication(publication_date=datetime.date(2019, 5, 6)).slug for _ in range(45)}

    shown = []
    for number in (1, 2, 3):
        response = client.get(LIST, {"page": number})
        shown += [publication.slug for publication in response.context["publications"]]

    assert sorted(shown) == sorted(made)


def test_the_filters_offer_only_options_with_results_and_their_counts(client, shelf):
    html = client.get(LIST).content.decode()
    for name in ("kind", "year", "topic", "presidency", "series", "language"):
        select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
        offered = re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select)
        assert offered, name
        for value, text in offered:
            count = int(re.search(r"\((\d+)\)$", text).group(1))
            assert count > 0, (name, value)
            listed = client.get(LIST, {name: value}).context["paginator"].count
            assert listed == count, (name, value)
    languages = re.search(r'<select name="language"[^>]*>(.*?)</select>', html, re.S).group(1)
    if not PublicationFile.objects.filter(language="es").exists():
        assert 'value="es"' not in languages  # no Spanish PDF: Spanish is not offered
