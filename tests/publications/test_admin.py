"""The admin pages staff use for publications, and uploads through them."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publications.models import DownloadCount, Presidency, Publication, PublicationFile, PublicationKind, Series
from publications.storage import get_private_storage
from tests.core.admin_forms import form_data

from . import factories
from .admin_posts import post_new_publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(published_with_file):
    publication, file = published_with_file
    presidency = factories.make_presidency()
    series = factories.make_series("Partnerships in Action")
    DownloadCount.objects.create(file=file, month=datetime.date(2025, 3, 1), count=41)
    return {
        "publication": publication,
        "publicationkind": factories.kind(),
        "presidency": presidency,
        "series": series,
        "downloadcount": DownloadCount.objects.get(),
    }


MODELS = ["publication", "publicationkind", "presidency", "series", "downloadcount"]


@pytest.mark.parametrize("model", MODELS)
def test_every_changelist_opens(admin_client, records, model):
    response = admin_client.get(reverse(f"admin:publications_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", ["publication", "publicationkind", "presidency", "series"])
def test_every_add_and_change_page_opens(admin_client, records, model):
    assert admin_client.get(reverse(f"admin:publications_{model}_add")).status_code == 200
    change = reverse(f"admin:publications_{model}_change", args=[records[model].pk])
    assert admin_client.get(change).status_code == 200


def test_download_counts_are_read_only(admin_client, records):
    assert admin_client.get(reverse("admin:publications_downloadcount_add")).status_code == 403
    count = records["downloadcount"]
    response = admin_client.get(reverse("admin:publications_downloadcount_change", args=[count.pk]))
    assert response.status_code == 200
    assert b'name="count"' not in response.content


def test_the_changelist_filters_search_and_shows_languages(admin_client, records):
    url = reverse("admin:publications_publication_changelist")
    response = admin_client.get(url, {"q": "Agenda on Migration"})
    assert b"Elements for an EU Agenda on Migration" in response.content
    assert b'<td class="field-languages">EN</td>' in response.content
    assert admin_client.get(url, {"kind__id__exact": records["publicationkind"].pk}).status_code == 200
    assert admin_client.get(url, {"year": "2020"}).status_code == 200


def test_the_change_page_shows_the_files_details_links_and_monthly_downloads(admin_client, records):
    publication = records["publication"]
    response = admin_client.get(reverse("admin:publications_publication_change", args=[publication.pk]))
    html = response.content.decode()
    file = publication.files.get()
    assert "3 pages" in html
    assert file.read_url() in html and file.get_absolute_url() in html
    assert "March 2025: 41" in html
    assert file.file.name in html  # the current file is named...
    assert "/media/" + file.file.name not in html  # ...but never linked as a media URL


def test_an_editor_adds_a_publication_with_its_pdf_in_one_go(admin_client):
    response = post_new_publication(admin_client, factories.pdf_upload("Elements agenda.pdf", pages=2))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    publication = Publication.objects.get(slug="elements-agenda")
    file = publication.files.get()
    assert (file.page_count, file.language, file.filename) == (2, "en", "Elements agenda.pdf")
    assert Path(get_private_storage().path(file.file.name)).exists()
    assert publication.created_by.username == "admin"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),  # Django's own check for empty uploads comes first
        (b"<html><body>Report</body></html>", "web page (HTML)"),
        (factories.image_bytes(), "PNG image"),
    ],
)
def test_a_bad_upload_in_the_admin_is_refused_with_its_reason_and_nothing_is_saved(admin_client, content, message):
    before = {path for path in Path(get_private_storage().location).rglob("*") if path.is_file()}
    upload = SimpleUploadedFile("report.pdf", content, content_type="application/pdf")
    response = post_new_publication(admin_client, upload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Publication.objects.exists() and not PublicationFile.objects.exists()
    assert {path for path in Path(get_private_storage().location).rglob("*") if path.is_file()} == before


def test_a_save_that_fails_after_the_upload_leaves_no_file_behind(admin_client, monkeypatch):
    before = {path for path in Path(get_private_storage().location).rglob("*") if path.is_file()}

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("publications.admin.PublicationAdmin.log_addition", fail)
    with pytest.raises(RuntimeError):
        post_new_publication(admin_client, factories.pdf_upload())
    assert not Publication.objects.exists()
    assert {path for path in Path(get_private_storage().location).rglob("*") if path.is_file()} == before


def change_publication(client, publication, **changes):
    url = reverse("admin:publications_publication_change", args=[publication.pk])
    data = form_data(client.get(url), "publication_form")
    data.update(changes)
    return client.post(url, data)


def test_a_pdf_replaced_in_the_admin_is_read_again(admin_client, published_with_file):
    publication, file = published_with_file
    new_pdf = factories.pdf_upload("Second edition.pdf", pages=5, text="Labour mobility")
    assert change_publication(admin_client, publication, **{"files-0-file": new_pdf}).status_code == 302
    file.refresh_from_db()
    assert file.page_count == 5 and "Labour mobility" in file.text
    assert file.file.name.endswith("/second-edition.pdf")


def test_a_pdf_removed_in_the_admin_is_deleted(admin_client, published_with_file):
    publication, _ = published_with_file
    assert change_publication(admin_client, publication, **{"files-0-DELETE": "on"}).status_code == 302
    assert not publication.files.exists()


def test_a_large_cover_is_scaled_down_and_stored_as_png(admin_client):
    cover = SimpleUploadedFile("big cover.jpg", factories.image_bytes((2000, 3000), "JPEG"), content_type="image/jpeg")
    response = post_new_publication(admin_client, factories.pdf_upload(), cover_image=cover)
    assert response.status_code == 302
    publication = Publication.objects.get(slug="elements-agenda")
    assert (publication.cover_width, publication.cover_height) == (800, 1200)
    # A random name that says nothing of the upload ("big cover.jpg").
    assert re.fullmatch(r"covers/uploaded/[0-9a-f]{32}\.png", publication.cover_image.name)


def test_a_cover_over_the_pixel_limit_is_refused_before_it_is_scaled(admin_client, settings):
    settings.IOMEU_MAX_IMAGE_PIXELS = 1_000_000
    cover = SimpleUploadedFile("big cover.jpg", factories.image_bytes((2000, 3000), "JPEG"), content_type="image/jpeg")
    response = post_new_publication(admin_client, factories.pdf_upload(), cover_image=cover)
    assert response.status_code == 200
    assert "the limit is 1,000,000 pixels" in response.content.decode()
    assert not Publication.objects.exists()


def test_kinds_presidencies_and_series_are_managed_in_the_admin(admin_client):
    admin_client.post(
        reverse("admin:publications_publicationkind_add"),
        {"name": "Fact sheet", "plural_name": "Fact sheets", "slug": "fact-sheet", "description": "", "order": "7"},
    )
    assert PublicationKind.objects.filter(slug="fact-sheet").exists()
    response = admin_client.post(
        reverse("admin:publications_presidency_add"),
        {"member_state": "Slovakia", "slug": "slovakia-2016", "start": "2016-12-31", "end": "2016-07-01"},
    )
    assert "A Presidency must end after it starts." in response.content.decode()
    assert not Presidency.objects.exists()
    admin_client.post(
        reverse("admin:publications_series_add"),
        {"title": "Partnerships in Action", "slug": "partnerships-in-action", "description": ""},
    )
    assert Series.objects.filter(slug="partnerships-in-action").exists()


@pytest.mark.parametrize("year", ["abc", "-1", "99999999999", "²", "0", "2018\x00"])
def test_a_bad_year_in_the_publications_changelist_is_not_a_500(admin_client, records, year):
    response = admin_client.get(reverse("admin:publications_publication_changelist"), {"year": year})
    assert response.status_code in {200, 302}


def test_the_publications_changelist_filters_by_year(admin_client, records):
    publication = Publication.objects.first()
    year = publication.publication_date.year
    response = admin_client.get(reverse("admin:publications_publication_changelist"), {"year": str(year)})
    assert publication in response.context["cl"].result_list
    other = admin_client.get(reverse("admin:publications_publication_changelist"), {"year": str(year - 30)})
    assert publication not in other.context["cl"].result_list
