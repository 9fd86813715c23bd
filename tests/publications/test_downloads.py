"""Downloads: headers, conditional and range requests, drafts, counting, X-Accel-Redirect, memory."""

import datetime
import os
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.http import http_date

from publications.models import DownloadCount
from publications.storage import get_private_storage

from . import factories

pytestmark = pytest.mark.django_db


def download_url(publication, language=None, read=False):
    name = ("read" if read else "download") + ("_language" if language else "")
    kwargs = {"slug": publication.slug, **({"language": language} if language else {})}
    return reverse(f"publications:{name}", kwargs=kwargs)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def total_downloads():
    return sum(DownloadCount.objects.values_list("count", flat=True))


def test_the_main_file_downloads_as_a_pdf_attachment_with_its_headers(client, published_with_file):
    publication, file = published_with_file
    response = client.get(download_url(publication))
    data = body(response)
    assert response.status_code == 200
    assert data == Path(get_private_storage().path(file.file.name)).read_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(data))
    assert response["Content-Disposition"] == 'attachment; filename="paper.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["ETag"] == f'"{file.sha256}"'
    assert response["Last-Modified"] == http_date(int(file.file_updated_at.timestamp()))
    assert response["Accept-Ranges"] == "bytes"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "sandbox" not in response["Content-Security-Policy"]  # a sandbox stops Chromium's PDF viewer


def test_reading_in_the_browser_sends_the_same_file_inline(client, published_with_file):
    publication, _ = published_with_file
    response = client.get(download_url(publication, read=True))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="paper.pdf"'


def test_each_language_has_its_own_address(client, published_with_file):
    publication, english = published_with_file
    french = factories.make_file(publication, language="fr", data=factories.pdf_bytes(text="Version française"))
    response = client.get(download_url(publication, "fr"))
    assert response["ETag"] == f'"{french.sha256}"' != f'"{english.sha256}"'
    assert client.get(download_url(publication, "fr", read=True)).status_code == 200
    assert client.get(download_url(publication, "es")).status_code == 404
    assert client.get(download_url(publication, "xx")).status_code == 404


def test_without_english_the_first_file_is_the_main_one(client):
    publication = factories.make_publication()
    spanish = factories.make_file(publication, language="es")
    assert client.get(download_url(publication))["ETag"] == f'"{spanish.sha256}"'


def test_a_non_ascii_file_name_is_sent_as_rfc_6266_filename_star(client, published_with_file):
    publication, file = published_with_file
    file.filename = "Migração e mobilidade.pdf"
    file.save()
    disposition = client.get(download_url(publication))["Content-Disposition"]
    assert disposition == f"attachment; filename*=utf-8''{quote('Migração e mobilidade.pdf')}"


def test_a_matching_etag_gets_304(client, published_with_file):
    publication, file = published_with_file
    response = client.get(download_url(publication), headers={"If-None-Match": f'"{file.sha256}"'})
    assert response.status_code == 304
    assert response["ETag"] == f'"{file.sha256}"'
    assert not response.content


def test_an_unchanged_file_since_a_date_gets_304(client, published_with_file):
    publication, file = published_with_file
    later = http_date(int(file.file_updated_at.timestamp()) + 60)
    assert client.get(download_url(publication), headers={"If-Modified-Since": later}).status_code == 304
    earlier = http_date(int(file.file_updated_at.timestamp()) - 3600)
    assert client.get(download_url(publication), headers={"If-Modified-Since": earlier}).status_code == 200


def test_head_gives_the_headers_without_the_file(client, published_with_file):
    publication, file = published_with_file
    response = client.head(download_url(publication))
    assert response.status_code == 200
    assert response["Content-Length"] == str(file.size)
    assert response["Content-Type"] == "application/pdf"
    assert response["ETag"] == f'"{file.sha256}"'
    assert body(response) == b""


def test_a_single_range_gets_206_with_content_range(client, published_with_file):
    publication, file = published_with_file
    whole = Path(get_private_storage().path(file.file.name)).read_bytes()
    response = client.get(download_url(publication, read=True), headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(whole)}"
    assert response["Content-Length"] == "100"
    assert body(response) == whole[100:200]


def test_open_ended_and_suffix_ranges_are_served(client, published_with_file):
    publication, file = published_with_file
    whole = Path(get_private_storage().path(file.file.name)).read_bytes()
    size = len(whole)
    tail = client.get(download_url(publication), headers={"Range": f"bytes={size - 10}-"})
    assert (tail.status_code, body(tail)) == (206, whole[-10:])
    suffix = client.get(download_url(publication), headers={"Range": "bytes=-20"})
    assert suffix["Content-Range"] == f"bytes {size - 20}-{size - 1}/{size}"
    assert body(suffix) == whole[-20:]
    beyond_end = client.get(download_url(publication), headers={"Range": f"bytes=0-{size * 2}"})
    assert (beyond_end.status_code, len(body(beyond_end))) == (206, size)


@pytest.mark.parametrize("header", ["bytes=999999999-", "bytes=50-10", "bytes=-0"])
def test_a_range_outside_the_file_gets_416(client, published_with_file, header):
    publication, file = published_with_file
    response = client.get(download_url(publication), headers={"Range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{file.size}"


@pytest.mark.parametrize("header", ["bytes=0-10,20-30", "items=0-10", "bytes=abc"])
def test_a_range_we_do_not_serve_gets_the_whole_file(client, published_with_file, header):
    publication, file = published_with_file
    response = client.get(download_url(publication), headers={"Range": header})
    assert response.status_code == 200
    assert len(body(response)) == file.size


def test_a_stale_if_range_gets_the_whole_file(client, published_with_file):
    publication, file = published_with_file
    stale = client.get(download_url(publication), headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert stale.status_code == 200
    fresh = client.get(download_url(publication), headers={"Range": "bytes=0-9", "If-Range": f'"{file.sha256}"'})
    assert fresh.status_code == 206


def test_downloads_are_counted_once_per_reader_and_without_personal_data(client, published_with_file):
    publication, file = published_with_file
    url = download_url(publication, read=True)
    body(client.get(url))  # counted
    body(client.get(url, headers={"Range": "bytes=0-99"}))  # a viewer's first request: counted
    body(client.get(url, headers={"Range": "bytes=100-199"}))  # the same viewer reading on: not counted
    client.head(url)  # not counted
    client.get(url, headers={"If-None-Match": f'"{file.sha256}"'})  # 304: not counted
    response = client.get(download_url(publication))  # counted
    assert total_downloads() == 3
    assert DownloadCount.objects.get().month == datetime.date.today().replace(day=1)
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_drafts_and_their_files_are_404_for_the_public_at_every_address(
    client, staff_without_permission, draft_with_file
):
    publication, _ = draft_with_file
    urls = [
        publication.get_absolute_url(),
        download_url(publication),
        download_url(publication, "en"),
        download_url(publication, read=True),
        download_url(publication, "en", read=True),
        reverse("publications:cover", kwargs={"slug": publication.slug}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.head(url).status_code == 404, url
    client.force_login(staff_without_permission)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert total_downloads() == 0


def test_a_scheduled_or_expired_publication_is_not_downloadable(client, published_with_file):
    publication, _ = published_with_file
    publication.published_at = publication.published_at + datetime.timedelta(days=30)
    publication.save()
    assert client.get(download_url(publication)).status_code == 404


def test_staff_who_may_change_publications_preview_a_draft_file_uncached_and_uncounted(client, editor, draft_with_file):
    publication, _ = draft_with_file
    client.force_login(editor)
    response = client.get(download_url(publication))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert total_downloads() == 0


def test_files_are_stored_where_no_url_serves_them(published_with_file):
    _, file = published_with_file
    path = Path(get_private_storage().path(file.file.name)).resolve()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    with pytest.raises(ValueError, match="private"):
        file.file.url  # noqa: B018


def test_a_guessed_media_path_of_a_draft_file_is_404(client, draft_with_file):
    _, file = draft_with_file
    assert client.get(f"{settings.MEDIA_URL}{file.file.name}").status_code == 404
    assert client.get(f"/private-media/{file.file.name}").status_code == 404


def test_a_missing_stored_file_is_404_not_500(client, published_with_file):
    publication, file = published_with_file
    os.remove(get_private_storage().path(file.file.name))
    assert client.get(download_url(publication)).status_code == 404


def test_behind_nginx_django_sends_headers_and_x_accel_redirect_only(client, settings, published_with_file):
    settings.IOMEU_X_ACCEL_REDIRECT_PREFIX = "/_private-media/"
    publication, file = published_with_file
    response = client.get(download_url(publication))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_private-media/{file.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="paper.pdf"'
    assert response["ETag"] == f'"{file.sha256}"'
    assert total_downloads() == 1


def test_the_cover_is_served_for_a_published_item(client, published_with_file):
    publication, _ = published_with_file
    response = client.get(publication.cover_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert body(response).startswith(b"\x89PNG")
    assert client.get(publication.cover_url(), headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_only_get_and_head_are_allowed(client, published_with_file):
    publication, _ = published_with_file
    assert client.post(download_url(publication)).status_code == 405


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads the process's memory from /proc (Linux)")
def test_streaming_a_200_mb_file_does_not_grow_the_process(client, published_with_file):
    publication, file = published_with_file
    size = 200 * 1024 * 1024
    with open(get_private_storage().path(file.file.name), "r+b") as handle:
        handle.truncate(size)  # sparse: quick to make, 200 MB to read
    response = client.get(download_url(publication))
    assert response.streaming and response["Content-Length"] == str(size)
    before, peak, received = rss_bytes(), 0, 0
    for chunk in response.streaming_content:
        received += len(chunk)
        peak = max(peak, rss_bytes())
    response.close()
    assert received == size
    assert peak - before < 8 * 1024 * 1024, f"grew by {(peak - before) / 1e6:.1f} MB"
