"""Every way an upload can be wrong is refused with a message naming the problem, and nothing is stored."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF

from publications.forms import PublicationAdminForm, PublicationFileForm
from publications.models import PublicationFile
from publications.storage import get_private_storage

from . import factories

pytestmark = pytest.mark.django_db


def stored_files():
    return {path for path in Path(get_private_storage().location).rglob("*") if path.is_file()}


def file_form(upload, publication):
    return PublicationFileForm(
        data={"language": "en", "filename": ""},
        files={"file": upload},
        instance=PublicationFile(publication=publication),
    )


def refusal(upload):
    """The error the file form gives for this upload; asserts the form refuses it and stores nothing."""
    publication = factories.make_publication()
    before = stored_files()
    form = file_form(upload, publication)
    assert not form.is_valid()
    assert stored_files() == before
    assert not PublicationFile.objects.exists()
    return " ".join(form.errors["file"])


def test_a_real_pdf_is_accepted_and_read():
    publication = factories.make_publication()
    form = file_form(factories.pdf_upload("Report 2017.pdf", pages=4), publication)
    assert form.is_valid(), form.errors
    file = form.save(commit=False)
    file.read_upload()  # as the admin does
    file.save()
    assert file.page_count == 4
    assert file.filename == "Report 2017.pdf"
    assert Path(get_private_storage().path(file.file.name)).exists()


def test_an_empty_file_is_refused():
    assert "empty" in refusal(SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"))


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IOMEU_MAX_PDF_BYTES = 1000
    message = refusal(factories.pdf_upload("big.pdf", pages=3))
    assert "the limit is 1000" in message


def test_a_web_page_renamed_pdf_is_refused():
    page = b"<!DOCTYPE html><html><head><title>Report</title></head><body>Not a PDF</body></html>"
    message = refusal(SimpleUploadedFile("report.pdf", page, content_type="application/pdf"))
    assert "web page (HTML)" in message and "not a PDF" in message


def test_a_png_image_renamed_pdf_is_refused():
    message = refusal(SimpleUploadedFile("scan.pdf", factories.image_bytes(), content_type="application/pdf"))
    assert "PNG image" in message


def test_a_jpeg_image_renamed_pdf_is_refused():
    jpeg = factories.image_bytes(image_format="JPEG")
    assert "JPEG image" in refusal(SimpleUploadedFile("photo.pdf", jpeg, content_type="application/pdf"))


def test_a_file_of_unknown_type_is_refused_as_not_a_pdf():
    message = refusal(SimpleUploadedFile("notes.pdf", b"just some text\n" * 10, content_type="application/pdf"))
    assert "does not start with the PDF signature" in message


def test_a_truncated_pdf_is_refused():
    data = factories.pdf_bytes(pages=3)
    message = refusal(SimpleUploadedFile("cut.pdf", data[: len(data) // 2], content_type="application/pdf"))
    assert "truncated" in message


def test_a_file_that_starts_like_a_pdf_but_does_not_parse_is_refused():
    data = b"%PDF-1.7\n" + b"\x00garbage" * 200 + b"\n%%EOF\n"
    assert "cannot be read" in refusal(SimpleUploadedFile("broken.pdf", data, content_type="application/pdf"))


def test_a_password_protected_pdf_is_refused():
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 10, "secret")
    pdf.set_encryption(owner_password="owner", user_password="user")
    message = refusal(SimpleUploadedFile("locked.pdf", bytes(pdf.output()), content_type="application/pdf"))
    assert "password" in message


def test_a_cover_that_is_not_an_image_is_refused():
    form = PublicationAdminForm(
        data={}, files={"cover_image": SimpleUploadedFile("cover.png", b"<html></html>", content_type="image/png")}
    )
    form.is_valid()
    assert "not an image" in " ".join(form.errors["cover_image"])


def test_a_file_made_outside_a_form_is_held_to_the_same_rule():
    """The rule is the model field's validator: the record loader's full_clean() refuses what the admin refuses."""
    file = PublicationFile(publication=factories.make_publication(), file=ContentFile(b"<html></html>", "page.pdf"))
    with pytest.raises(ValidationError) as refused:
        file.full_clean()
    assert "web page (HTML)" in " ".join(refused.value.message_dict["file"])


def test_a_stored_pdf_is_not_checked_again_when_its_publication_is_edited(published_with_file, settings):
    _, file = published_with_file
    settings.IOMEU_MAX_PDF_BYTES = 10  # the limit changed since the upload
    file.full_clean()
