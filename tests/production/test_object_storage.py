"""The site with its media on a real S3 server (SeaweedFS on 127.0.0.1), configured as an app server is:
IOMEU_S3_BUCKET, IOMEU_S3_ENDPOINT_URL and the credentials in the environment of gunicorn with the production
settings. Everything is checked through the admin, the public addresses and the bucket itself."""

import io
import json
import re
import time
import urllib.parse

import botocore.exceptions
import pytest
from PIL import Image

from tests.core.admin_forms import form_data

from .conftest import BUCKET, S3_URL_SECONDS, SIGNED_DOWNLOAD_SECONDS, add_publication, pdf
from .servers import Browser


@pytest.fixture(scope="module")
def staff(s3_site):
    site, url = s3_site
    browser = Browser(url)
    browser.sign_in(site.staff_user, site.staff_password)
    return browser


@pytest.fixture(scope="module")
def visitor(s3_site):
    return Browser(s3_site[1])


@pytest.fixture(scope="module")
def uploaded(staff, object_store):
    """A published paper uploaded through the admin: (its PDF's bytes, the bucket's keys it added)."""
    before = object_store.keys(BUCKET)
    data = pdf("Readmission and reintegration partnerships in the Sahel corridor.", pages=3)
    response = add_publication(staff, "sahel-paper", data)
    assert response.status == 302, response.text[:3000]
    return data, object_store.keys(BUCKET) - before


@pytest.fixture(scope="module")
def draft(staff, object_store):
    before = object_store.keys(BUCKET)
    response = add_publication(staff, "draft-on-s3", pdf("A draft nobody outside may read."), status="draft")
    assert response.status == 302, response.text[:3000]
    return object_store.keys(BUCKET) - before


def unsigned(url):
    """The same object's address without the signature."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


# The store itself -------------------------------------------------------------------------------------------------


def test_the_store_refuses_a_wrong_secret_and_anonymous_requests(object_store, s3_site):
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        object_store.client(secret_key="not-the-secret").list_objects_v2(Bucket=BUCKET)
    assert refused.value.response["Error"]["Code"] in {"SignatureDoesNotMatch", "AccessDenied", "InvalidAccessKeyId"}

    some_key = sorted(object_store.keys(BUCKET, "private/pdfs/"))[0]  # a sample PDF the record loaded
    anonymous = Browser(object_store.endpoint).get(f"{object_store.endpoint}/{BUCKET}/{some_key}")
    assert anonymous.status == 403
    assert Browser(object_store.endpoint).get(f"{object_store.endpoint}/{BUCKET}/").status == 403


# Uploads ----------------------------------------------------------------------------------------------------------


def test_an_uploaded_pdf_is_stored_under_private_with_its_cover_page_count_and_text(uploaded, object_store, visitor):
    data, added = uploaded

    pdfs = [key for key in added if key.endswith(".pdf")]
    covers = [key for key in added if key.endswith(".png")]
    assert len(pdfs) == 1 and re.fullmatch(r"private/pdfs/[0-9a-f]{32}/sahel-paper\.pdf", pdfs[0])
    assert len(covers) == 1 and covers[0].startswith("private/covers/pages/")
    assert added == {pdfs[0], covers[0]}  # nothing under media/, the public prefix
    stored = object_store.client().get_object(Bucket=BUCKET, Key=pdfs[0])["Body"].read()
    assert stored == data
    cover = object_store.client().get_object(Bucket=BUCKET, Key=covers[0])["Body"].read()
    assert Image.open(io.BytesIO(cover)).format == "PNG"

    page = visitor.get("/publications/sahel-paper/").text
    assert "3 pages" in page
    found = visitor.get("/search/?q=reintegration+Sahel").text
    assert "/publications/sahel-paper/" in found


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_reaches_the_bucket(staff, object_store):
    before = object_store.keys(BUCKET)

    response = add_publication(staff, "not-a-pdf", b"<html><body>Hello</body></html>", filename="report.pdf")

    assert response.status == 200
    assert "errornote" in response.text or "errorlist" in response.text
    assert object_store.keys(BUCKET) == before
    assert staff.get("/publications/not-a-pdf/").status == 404


# Downloads --------------------------------------------------------------------------------------------------------


def test_a_download_redirects_to_a_signed_url_that_serves_the_same_bytes_and_ranges(uploaded, visitor, object_store):
    data, _ = uploaded

    response = visitor.get("/publications/sahel-paper/download/")

    assert response.status == 302
    location = response.header("Location")
    assert location.startswith(f"{object_store.endpoint}/{BUCKET}/private/pdfs/")
    assert f"X-Amz-Expires={SIGNED_DOWNLOAD_SECONDS}" in location and "X-Amz-Signature=" in location
    assert "no-store" in response.header("Cache-Control")  # the signature expires: nobody keeps the redirect
    whole = visitor.get(location)
    assert whole.status == 200 and whole.body == data
    assert whole.header("Content-Type") == "application/pdf"
    assert whole.header("Content-Disposition") == 'attachment; filename="sahel-paper.pdf"'
    part = visitor.get(location, Range="bytes=10-109")
    assert part.status == 206 and part.body == data[10:110]
    assert part.header("Content-Range") == f"bytes 10-109/{len(data)}"


def test_the_read_address_redirects_to_the_same_file_shown_inline(uploaded, visitor):
    response = visitor.get("/publications/sahel-paper/read/en/")

    assert response.status == 302
    shown = visitor.get(response.header("Location"))
    assert shown.body == uploaded[0]
    assert shown.header("Content-Disposition") == 'inline; filename="sahel-paper.pdf"'


def test_the_covers_rendition_comes_from_the_bucket_to_be_kept_for_a_year(uploaded, visitor):
    page = visitor.get("/publications/sahel-paper/").text
    cover = re.search(r'<img src="(/images/publication-[\w-]+/\d+/\w+/w\d+\.jpg)"', page).group(1)  # its rendition

    image = visitor.get(cover)

    assert image.status == 200 and image.body.startswith(b"\xff\xd8")
    assert "immutable" in image.header("Cache-Control") and "public" in image.header("Cache-Control")


def test_a_signed_download_url_stops_working_after_its_lifetime(uploaded, visitor):
    location = visitor.get("/publications/sahel-paper/download/").header("Location")
    assert visitor.get(location).status == 200

    time.sleep(SIGNED_DOWNLOAD_SECONDS + 1.5)

    assert visitor.get(location).status == 403
    assert visitor.get(unsigned(location)).status == 403


def test_a_drafts_file_is_never_redirected_to(draft, visitor, staff, object_store):
    for path in ("/", "/download/", "/read/", "/download/en/", "/cover/"):
        response = visitor.get(f"/publications/draft-on-s3{path}")
        assert response.status == 404, path
        assert response.header("Location") is None
    [key] = [key for key in draft if key.endswith(".pdf")]
    assert Browser(object_store.endpoint).get(f"{object_store.endpoint}/{BUCKET}/{key}").status == 403
    # Staff who may change publications preview it: the redirect is theirs only, never cached.
    preview = staff.get("/publications/draft-on-s3/download/")
    assert preview.status == 302 and "no-store" in preview.header("Cache-Control")


# Replaced and deleted files ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scenarios(s3_site):
    """What tests/production/storage_steps.py saw in the bucket as it replaced and deleted files."""
    site, _ = s3_site
    output = site.run_module("tests.production.storage_steps", "replaced-on-s3", "deleted-on-s3")
    return json.loads(output.strip().splitlines()[-1])


def test_a_replaced_file_leaves_the_bucket_after_the_commit_and_stays_when_the_save_rolls_back(scenarios):
    found = scenarios["replace"]
    first, rolled_back, replaced, seen = found["first"], found["rolled back"], found["replaced"], found["seen"]

    assert seen["created"] == dict.fromkeys(first, True)
    # The failed save: the row still names the first PDF and cover, which stay; what it wrote is gone again.
    assert seen["rolled back"] == {"row": first, **dict.fromkeys(first, True), **dict.fromkeys(rolled_back, False)}
    # The committed one: the first PDF and its cover left the bucket, the new ones are there.
    assert seen["replaced"] == {**dict.fromkeys(first, False), **dict.fromkeys(replaced, True)}


def test_a_deleted_publications_files_leave_the_bucket_after_the_commit_and_not_on_rollback(scenarios):
    found = scenarios["delete"]
    names, seen = found["names"], found["seen"]

    assert seen["created"] == dict.fromkeys(names, True)
    assert seen["rolled back"] == dict.fromkeys(names, True)
    assert seen["deleted"] == dict.fromkeys(names, False)


# Meeting photos ---------------------------------------------------------------------------------------------------


def jpeg(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def meetings(staff):
    """(change form path, public path) of the record's meetings, from the admin."""
    listing = staff.get("/admin/meetings/meeting/").text
    found = []
    for change in dict.fromkeys(re.findall(r'href="(/admin/meetings/meeting/\d+/change/)', listing)):
        view_on_site = re.search(r'href="(/admin/r/\d+/\d+/)"', staff.get(change).text).group(1)
        public = urllib.parse.urlsplit(staff.get(view_on_site).header("Location")).path
        found.append((change, public))
    return found


def add_photo(staff, change, image, **fields):
    """The meeting's change form posted with one more photo (and any other field changed)."""
    page = staff.get(change)
    data = form_data(page, "meeting_form")
    index = int(data["photos-TOTAL_FORMS"])
    data.update(
        {
            "photos-TOTAL_FORMS": str(index + 1),
            f"photos-{index}-alt_text": "Officials around the table",
            f"photos-{index}-caption": "",
            f"photos-{index}-credit": "",
            f"photos-{index}-order": "0",
            **fields,
        }
    )
    data.pop("_continue", None)
    response = staff.post(change, data, {f"photos-{index}-image": ("room.jpg", image, "image/jpeg")})
    assert response.status == 302, re.findall(r'class="errorlist[^>]*>(.*?)</ul>', response.text, re.S)


@pytest.fixture(scope="module")
def meeting_pages(staff):
    found = meetings(staff)
    assert len(found) >= 2
    return found[0], found[1]


PHOTOS = "private/images/meetings/"


def photo_source(html, alt="Officials around the table"):
    """The address a page's <img> with this alt text loads (the site's checked view)."""
    tag = re.search(rf'<img\b[^>]*alt="{alt}"[^>]*>', html).group(0)
    return re.search(r'src="([^"]+)"', tag).group(1).replace("&amp;", "&")


def test_a_published_meetings_photo_lives_privately_in_the_bucket_behind_the_checked_view(
    meeting_pages, staff, visitor, object_store
):
    (change, public), _ = meeting_pages
    before = object_store.keys(BUCKET, "private/images/")
    renditions_before = object_store.keys(BUCKET, "private/renditions/")

    add_photo(staff, change, jpeg((0, 51, 160)))

    [key] = object_store.keys(BUCKET, "private/images/") - before
    assert re.fullmatch(rf"{PHOTOS}[0-9a-f]{{32}}\.jpg", key)
    page = visitor.get(public)
    source = photo_source(page.text)
    assert source.startswith("/images/meeting-photo/")
    assert object_store.endpoint in page.header("Content-Security-Policy")  # the photo redirects to the store
    # The rendition comes from the bucket through the checked view, to be kept by browsers for a year.
    shown = visitor.get(source)
    assert shown.status == 200 and shown.body[:3] == b"\xff\xd8\xff"  # the JPEG rendition
    assert "immutable" in shown.header("Cache-Control")
    [rendition] = object_store.keys(BUCKET, "private/renditions/") - renditions_before  # made once, kept there
    assert visitor.get(source).body == shown.body
    assert object_store.keys(BUCKET, "private/renditions/") - renditions_before == {rendition}
    assert Browser(object_store.endpoint).get(f"{object_store.endpoint}/{BUCKET}/{rendition}").status == 403
    # The original (a large file) is sent by the store itself, at a signed URL that expires.
    original = re.sub(r"/[^/]+$", "/original", source)
    answer = visitor.get(original)
    assert answer.status == 302
    signed = answer.header("Location")
    assert signed.startswith(f"{object_store.endpoint}/{BUCKET}/private/images/") and "X-Amz-Signature=" in signed
    assert visitor.get(signed).status == 200
    assert visitor.get(unsigned(signed)).status == 403

    time.sleep(S3_URL_SECONDS + 1.5)
    assert visitor.get(signed).status == 403


def test_a_draft_meetings_photo_is_stored_but_unreachable(meeting_pages, staff, visitor, object_store):
    _, (change, public) = meeting_pages
    before = object_store.keys(BUCKET, "private/images/")

    add_photo(staff, change, jpeg((200, 30, 30)), status="draft")

    [key] = object_store.keys(BUCKET, "private/images/") - before
    assert visitor.get(public).status == 404
    # Staff see it (the admin's thumbnail); the public gets 404 at the same address.
    thumbnail = re.findall(r'/images/meeting-photo/\d+/[^"\s]+', staff.get(change).text)[-1].replace("&amp;", "&")
    assert staff.get(thumbnail).status == 200
    assert visitor.get(thumbnail).status == 404
    assert Browser(object_store.endpoint).get(f"{object_store.endpoint}/{BUCKET}/{key}").status == 403


def test_a_photo_link_handed_out_while_public_stops_working_once_the_meeting_is_a_draft(meeting_pages, staff, visitor):
    (change, public), _ = meeting_pages
    add_photo(staff, change, jpeg((10, 120, 10)))
    source = photo_source(visitor.get(public).text)
    assert visitor.get(source).status == 200
    data = form_data(staff.get(change), "meeting_form")
    data["status"] = "draft"
    staff.post(change, data)

    assert visitor.get(source).status == 404
