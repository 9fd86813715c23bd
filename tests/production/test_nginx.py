"""Debian's nginx in front of gunicorn, configured from deploy/nginx.conf.template (the file the README shows):
Django checks and counts each download, nginx sends the bytes."""

import hashlib
import re
from pathlib import Path

import pytest

from publications.downloads import PDF_CONTENT_SECURITY_POLICY

from .servers import Browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def visitor(nginx_site):
    return Browser(nginx_site[1])


@pytest.fixture(scope="module")
def uploaded(nginx_site):
    """The PDF uploaded through the admin: its stored name (relative to the private folder) and bytes."""
    site, _ = nginx_site
    [path] = site.private_media_root.glob("pdfs/*/uploaded-paper.pdf")
    return path.relative_to(site.private_media_root).as_posix(), path.read_bytes()


DOWNLOAD = "/publications/uploaded-paper/download/"


def test_a_download_is_sent_by_nginx_with_the_headers_django_set(visitor, uploaded):
    _, data = uploaded

    response = visitor.get(DOWNLOAD)

    assert response.status == 200
    assert response.body == data
    assert response.header("X-Accel-Redirect") is None  # nginx's internal answer never reaches the visitor
    assert response.header("Content-Type") == "application/pdf"
    assert response.header("Content-Length") == str(len(data))
    assert response.header("Content-Disposition") == 'attachment; filename="uploaded-paper.pdf"'
    assert response.header("ETag") == f'"{hashlib.sha256(data).hexdigest()}"'
    assert re.fullmatch(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT", response.header("Last-Modified"))
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert response.header("Cache-Control") == "public, no-cache"
    assert response.header("Content-Security-Policy") == PDF_CONTENT_SECURITY_POLICY
    assert response.header("Cross-Origin-Resource-Policy") == "same-origin"
    assert response.header("Accept-Ranges") == "bytes"
    assert response.header("Strict-Transport-Security").startswith("max-age=")


def test_the_read_address_sends_the_same_file_inline(visitor, uploaded):
    response = visitor.get("/publications/uploaded-paper/read/")

    assert response.status == 200
    assert response.body == uploaded[1]
    assert response.header("Content-Disposition") == 'inline; filename="uploaded-paper.pdf"'


def test_nginx_answers_a_range_with_206_and_those_bytes(visitor, uploaded):
    _, data = uploaded

    response = visitor.get(DOWNLOAD, Range="bytes=100-199")

    assert response.status == 206
    assert response.body == data[100:200]
    assert response.header("Content-Range") == f"bytes 100-199/{len(data)}"
    assert response.header("ETag") == f'"{hashlib.sha256(data).hexdigest()}"'


def test_a_range_outside_the_file_answers_416(visitor, uploaded):
    response = visitor.get(DOWNLOAD, Range=f"bytes={len(uploaded[1]) + 10}-")

    assert response.status == 416


def test_a_stale_if_range_gets_the_whole_file(visitor, uploaded):
    response = visitor.get(DOWNLOAD, Range="bytes=0-9", **{"If-Range": '"an-older-version"'})

    assert response.status == 200
    assert response.body == uploaded[1]


def test_a_browser_that_has_the_file_gets_304_for_its_etag_or_its_date(visitor):
    first = visitor.get(DOWNLOAD)

    by_etag = visitor.get(DOWNLOAD, **{"If-None-Match": first.header("ETag")})
    by_date = visitor.get(DOWNLOAD, **{"If-Modified-Since": first.header("Last-Modified")})
    changed = visitor.get(DOWNLOAD, **{"If-None-Match": '"another-file"'})

    assert (by_etag.status, by_etag.body) == (304, b"")
    assert (by_date.status, by_date.body) == (304, b"")
    assert by_etag.header("ETag") == first.header("ETag")
    assert changed.status == 200


def test_the_private_folder_is_not_reachable_directly(visitor, uploaded):
    name, _ = uploaded

    for path in (f"/_private-media/{name}", "/_private-media/", "/private-media/" + name, "/media/" + name):
        assert visitor.get(path).status == 404, path


def test_a_drafts_file_is_not_sent_through_nginx(visitor):
    assert visitor.get("/publications/draft-paper/").status == 404
    assert visitor.get("/publications/draft-paper/download/").status == 404
    assert visitor.get("/publications/draft-paper/read/").status == 404
    assert visitor.get("/publications/draft-paper/cover/").status == 404


def test_the_covers_rendition_comes_through_nginx_as_an_image_with_its_own_policy(visitor):
    page = visitor.get("/publications/uploaded-paper/").text
    cover = re.search(r'<img src="(/images/publication-[\w-]+/\d+/\w+/w\d+\.jpg)"', page).group(1)  # its rendition

    response = visitor.get(cover)

    assert response.status == 200
    assert response.header("Content-Type") == "image/jpeg"
    assert response.body.startswith(b"\xff\xd8")
    assert response.header("Content-Security-Policy") == "default-src 'none'; frame-ancestors 'none'"


def test_static_files_come_through_nginx_compressed_and_cached_for_ever(visitor):
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', visitor.get("/").text).group(1)

    response = visitor.get(stylesheet, **{"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.header("Cache-Control") == "max-age=315360000, public, immutable"
    assert response.header("Content-Encoding") == "gzip"


def test_a_cached_page_comes_through_nginx_with_its_validators_and_answers_304(visitor):
    visitor.get("/meetings/")  # fills the page cache

    cached = visitor.get("/meetings/")
    again = visitor.get("/meetings/", **{"If-None-Match": cached.header("ETag")})

    assert cached.status == 200
    assert cached.header("X-Page-Cache") == "hit"
    assert cached.header("Cache-Control") == "no-cache"
    assert cached.header("ETag") and cached.header("Last-Modified")
    assert again.status == 304


def test_plain_http_is_redirected_to_https(nginx_site):
    response = Browser(nginx_site[1]).get("/meetings/", **{"X-Forwarded-Proto": "http"})

    assert response.status == 301
    assert response.header("Location") == "https://iomeu.test/meetings/"


def test_head_gets_the_headers_and_no_body(visitor, uploaded):
    response = visitor.request("HEAD", DOWNLOAD)

    assert response.status == 200
    assert response.body == b""
    assert response.header("Content-Length") == str(len(uploaded[1]))
    assert response.header("ETag") == f'"{hashlib.sha256(uploaded[1]).hexdigest()}"'
