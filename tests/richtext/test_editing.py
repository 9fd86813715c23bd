"""Editors write with the editor; what saving removes they are told; public pages show what they wrote."""

import json
import re
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from core.models import Status
from meetings.models import Meeting
from pages.models import Page
from tests.core.admin_forms import form_data
from tests.meetings import factories
from tests.publications import factories as publication_factories

from .hostile import HOSTILE

pytestmark = pytest.mark.django_db

BODY = (
    "<h2>What was agreed</h2><p>The partners <strong>agreed</strong> on <em>three</em> points.</p>"
    '<ul><li>Return</li><li>Reintegration, see <a href="/meetings/">the meetings</a></li></ul>'
    '<ol><li>First</li></ol><h3>Sources</h3><blockquote><p>Quoted.</p></blockquote><p><a href="https://www.iom.int/">IOM</a></p>'
)
EVERYTHING_HOSTILE = "".join(html for html, _ in HOSTILE.values())
FORBIDDEN = {piece.lower() for _, pieces in HOSTILE.values() for piece in pieces if piece != "href"}


def change(client, meeting, **fields):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(client.get(url), form_id="meeting_form")
    data.update(fields)
    return client.post(url, data)


def test_the_admin_form_offers_the_editor_for_summary_and_body_with_its_own_assets(admin_client):
    meeting = factories.make_meeting()
    html = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    configs = {
        name: json.loads(unescape(config))
        for name, config in re.findall(r'<textarea name="(\w+)"[^>]*data-django-prose-editor-iomeu="([^"]+)"', html)
    }
    assert set(configs) == {"summary", "body"}
    assert configs["body"]["extensions"]["Heading"] == {"levels": [2, 3, 4]}
    assert {"BulletList", "OrderedList", "Blockquote", "Link", "Bold", "Italic"} <= set(configs["body"]["extensions"])
    assert "Heading" not in configs["summary"]["extensions"]
    importmap = html.split('<script type="importmap"')[1].split("</script>")[0]
    assert 'nonce="' in importmap and "/static/django_prose_editor/editor.js" in importmap
    assert re.search(r"<script src=\"/static/richtext/editor.js\" nonce=\"[^\"]+\" type=\"module\">", html)
    assert "cdn" not in html.lower()


def test_a_body_written_in_the_editor_shows_the_same_headings_lists_and_links_publicly(admin_client, client):
    meeting = factories.make_meeting()
    response = change(admin_client, meeting, body=BODY)
    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    page = client.get(meeting.get_absolute_url()).content.decode()
    prose = page[page.index('<div class="prose">') :]
    for piece in (
        "<h2>What was agreed</h2>",
        "<strong>agreed</strong>",
        "<em>three</em>",
        "<li>Return</li>",
        '<a href="/meetings/" rel="noopener noreferrer">the meetings</a>',
        "<ol><li>First</li></ol>",
        "<h3>Sources</h3>",
        "<blockquote><p>Quoted.</p></blockquote>",
        '<a href="https://www.iom.int/" rel="noopener noreferrer">IOM</a>',
    ):
        assert piece in prose


def test_saving_hostile_markup_removes_it_and_tells_the_editor_what(admin_client, client):
    meeting = factories.make_meeting()
    response = change(admin_client, meeting, body=f"<p>Kept text.</p>{EVERYTHING_HOSTILE}")
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning.startswith("Body: saving removed ")
    for told in ("a script", "the onerror event handler", "the style attribute", "an embedded frame", "SVG"):
        assert told in warning
    assert "javascript:alert(1)" in warning
    stored = Meeting.objects.get(pk=meeting.pk).body
    assert "Kept text." in stored
    for piece in FORBIDDEN:
        assert piece not in stored.lower()
    followed = admin_client.get(response["Location"]).content.decode()
    assert "saving removed" in followed  # shown on the next page


def test_an_empty_editor_does_not_pass_for_a_required_summary(admin_client):
    meeting = factories.make_meeting()
    response = change(admin_client, meeting, summary="<p></p>")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_a_page_text_is_edited_the_same_way(admin_client):
    page = Page.objects.create(title="About", slug="about", body="<p>Old</p>", status=Status.PUBLISHED)
    url = reverse("admin:pages_page_change", args=[page.pk])
    data = form_data(admin_client.get(url), form_id="page_form")
    data["body"] = '<h2>Contact</h2><p><a href="tel:+3222877000">Call</a><img src=x onerror=alert(1)></p>'
    response = admin_client.post(url, data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == '<h2>Contact</h2><p><a href="tel:+3222877000" rel="noopener noreferrer">Call</a></p>'
    assert any("onerror" in str(m) for m in get_messages(response.wsgi_request))


def hostile_everywhere():
    """A public meeting and publication whose texts were written straight into the database, past every form and
    save (the last line of defence is the render)."""
    meeting = factories.make_meeting(title="Hostile meeting")
    publication = publication_factories.make_publication(title="Hostile paper")
    html = f"<p>Words</p>{EVERYTHING_HOSTILE}"
    type(meeting).objects.filter(pk=meeting.pk).update(summary=html, body=html)
    type(publication).objects.filter(pk=publication.pk).update(summary=html, body=html)
    return meeting, publication


@pytest.mark.parametrize("which", ["meeting", "publication"])
def test_hostile_markup_never_reaches_a_public_page_or_its_json_ld_or_open_graph(client, which):
    meeting, publication = hostile_everywhere()
    item = meeting if which == "meeting" else publication
    page = client.get(item.get_absolute_url()).content.decode()
    body = page[page.index("<main") :] if "<main" in page else page
    for piece in FORBIDDEN - {"<svg", "<style"}:
        assert piece not in body.lower(), piece
    assert "<svg" not in body.lower()
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert "<" not in jsonld["description"] and jsonld["description"].startswith("Words")
    og = re.search(r'<meta property="og:description" content="([^"]*)"', page).group(1)
    assert og.startswith("Words") and "&lt;" not in og
    description = re.search(r'<meta name="description" content="([^"]*)"', page)
    if description:
        assert "&lt;" not in description.group(1)


def test_hostile_markup_never_reaches_the_feeds(client):
    hostile_everywhere()
    for url in ("/feeds/meetings/", "/feeds/publications/"):
        response = client.get(url)
        if response.status_code == 404:
            continue
        # From the first element on: the prolog names the feed's XSLT stylesheet (static/feeds/atom.xsl).
        feed = response.content.decode()
        feed = feed[feed.index("<feed") :]
        assert "Words" in feed
        for piece in FORBIDDEN | {"&lt;script", "&lt;p&gt;"}:
            assert piece not in feed.lower(), (url, piece)
