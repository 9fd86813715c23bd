"""The site speaks in the office's voice: no public page carries notes about the sources.

The record is loaded as `make run` loads it, then every page, feed and calendar a visitor can reach by following links
from the home page (and the public URL patterns that take no argument) is read.
"""

import re
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from tests.fuzz.public_urls import LinkParser, public_urls

pytestmark = pytest.mark.django_db

# What a researcher writes in the margin, not what an office publishes.
RESEARCH_NOTES = re.compile(r"the record holds|not recorded|the record does not", re.IGNORECASE)
SKIPPED = ("/admin/", "/media/", "/static/")
# Downloads of the same PDFs under every language and action: their text is the sample file's, tested elsewhere.
SKIPPED_PATTERNS = re.compile(r"/publications/[^/]+/(download|read|cover)/")


def crawl_everything(client, limit=400):
    """Every page of this site reachable by links from the home page, each fetched once."""
    seen, pages, queue = set(), {}, ["/"]
    queue += [url.example for url in public_urls(client) if url.example and not url.converters]
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIPPED) or SKIPPED_PATTERNS.search(url):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or response.streaming:
            continue
        content_type = response.get("Content-Type", "")
        body = response.content.decode("utf-8", "replace")
        pages[url] = body
        if "html" not in content_type:
            continue
        parser = LinkParser()
        parser.feed(body)
        for href in parser.links:
            parts = urlsplit(urljoin("http://testserver" + urlsplit(url).path, href))
            if parts.netloc == "testserver" and parts.scheme in {"http", ""}:
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def test_no_public_page_feed_or_calendar_carries_notes_about_the_sources(client):
    call_command("load_seed_content", stdout=StringIO())
    pages = crawl_everything(client)
    # The crawl reached the whole record: every meeting, publication and EU service, the feeds and the calendar.
    assert len([url for url in pages if url.startswith("/meetings/") and url.count("/") == 3]) >= 10
    assert len([url for url in pages if url.startswith("/publications/") and url.count("/") == 3]) >= 12
    assert "/about-this-record/" in pages and "/feeds/meetings/" in pages and "/meetings/calendar.ics" in pages
    offending = {url: RESEARCH_NOTES.findall(body) for url, body in pages.items() if RESEARCH_NOTES.search(body)}
    assert offending == {}
