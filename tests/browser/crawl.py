"""Find one page of each public page type by following links from the home page, as a visitor would.

A page type is a named URL pattern of the site (meetings:list, meetings:detail, ...). Links are resolved with the
site's own URL configuration before fetching, so only one page per type is fetched. Pages that are not HTML
(feeds, PDFs, sitemaps) are left out: the accessibility and HTML checks are for pages people read.
"""

import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

# Page states a visitor reaches by typing or by a filter, not by following a link.
EXTRA_STATES = {
    "not found (404)": "/this-page-does-not-exist/",
    "meeting list with a filter error": "/meetings/?year=1800&level=nonsense",
    "meeting list, second page": "/meetings/?page=2",
}


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        # A search form is a way in too: its GET action is a page (the search page).
        if tag == "form" and attrs.get("action") and attrs.get("method", "get").lower() == "get":
            self.links.append(attrs["action"])


def page_type(path):
    """The URL pattern name of a path of this site, or None for anything that is not a public page."""
    if path.startswith(("/admin/", "/media/", "/static/")):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name or match.route


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 (our own server on 127.0.0.1)
            return response.status, response.headers.get_content_type(), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read().decode("utf-8", "replace")


def links_of(base_url, path, body):
    """The paths on this site that a page links to (fragments and query strings left aside)."""
    parser = LinkParser()
    parser.feed(body)
    paths = []
    for href in parser.links:
        absolute = urlsplit(urljoin(base_url + path, href))
        if href.startswith("#"):
            continue  # a place on the same page
        if absolute.netloc == urlsplit(base_url).netloc and absolute.scheme in {"http", "https"}:
            paths.append(absolute.path)
    return paths


def discover(base_url, limit=200):
    """Map each public HTML page type reachable from the home page to one path of that type."""
    found, seen_types, queue, fetched = {}, set(), ["/"], 0
    while queue and fetched < limit:
        path = queue.pop(0)
        kind = page_type(path)
        if kind is None or kind in seen_types:
            continue
        seen_types.add(kind)
        status, content_type, body = fetch(base_url + path)
        fetched += 1
        if status != 200 or content_type != "text/html":
            continue
        found[kind] = path
        parser = LinkParser()
        parser.feed(body)
        for href in parser.links:
            absolute = urlsplit(urljoin(base_url + path, href))
            if absolute.netloc != urlsplit(base_url).netloc or absolute.query:
                continue
            if page_type(absolute.path) not in seen_types:
                queue.append(absolute.path)
    return found


def all_page_states(base_url):
    """Every public page type found by following links, and the states reached by typing or filtering."""
    states = {kind: path for kind, path in discover(base_url).items()}
    states.update(EXTRA_STATES)
    return states
