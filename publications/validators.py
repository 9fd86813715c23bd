"""Checking uploaded PDFs, and reading what the site records about them (pages, text, first-page cover).

PDFium (through pypdfium2) parses the files. It is not thread-safe, so every call into it holds one lock.
"""

import dataclasses
import hashlib
import io
import threading

import pypdfium2 as pdfium
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

PDF_SIGNATURE = b"%PDF-"
# A complete PDF ends with %%EOF; readers look for it in the last kilobyte. Allow some trailing bytes.
EOF_MARKER, EOF_WINDOW = b"%%EOF", 2048
COVER_WIDTH = 480  # pixels: the cover thumbnail's width
MAX_TEXT_CHARACTERS = 2_000_000  # extracted text kept for search, per file

_pdfium_lock = threading.Lock()

# What a file that is not a PDF usually turns out to be, from its first bytes.
KNOWN_SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (such as a WebP image)"),
    (b"PK\x03\x04", "a ZIP archive or an Office document (Word, Excel, PowerPoint)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
]


@dataclasses.dataclass
class PDFDetails:
    page_count: int
    text: str
    cover: object  # a PIL image of the first page


def _head_and_tail(upload, size):
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(0, size - EOF_WINDOW))
    tail = upload.read(EOF_WINDOW)
    upload.seek(0)
    return head, tail


def _describe(head):
    for signature, description in KNOWN_SIGNATURES:
        if head.startswith(signature):
            return description
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")):
        return "a web page (HTML)"
    if text.startswith(b"<?xml") or text.startswith(b"<svg"):
        return "an XML or SVG file"
    return None


def _open_document(source):
    """A PdfDocument from a path or from bytes (call with the lock held)."""
    return pdfium.PdfDocument(source)


def _source_of(upload):
    """What PDFium reads: the temporary file of a large upload, or the bytes of a small one."""
    if hasattr(upload, "temporary_file_path"):
        return upload.temporary_file_path()
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def validate_pdf_upload(upload):
    """Accept only a complete, readable PDF within the size limit; otherwise say what is wrong with the file."""
    limit = settings.IOMEU_MAX_PDF_BYTES
    size = upload.size
    if not size:
        raise ValidationError("The file is empty (0 bytes). Choose the PDF again.", code="empty")
    if size > limit:
        raise ValidationError(
            f"This file is {filesizeformat(size)}; the limit is {filesizeformat(limit)}. "
            "Upload a smaller PDF (for example, exported with reduced image quality).",
            code="too_large",
        )
    head, tail = _head_and_tail(upload, size)
    if not head.startswith(PDF_SIGNATURE):
        what = _describe(head)
        if what:
            message = f"This file is {what}, not a PDF, even if its name ends in .pdf. Upload the PDF itself."
        else:
            message = "This file is not a PDF: it does not start with the PDF signature (%PDF-). Upload a PDF."
        raise ValidationError(message, code="not_pdf")
    if EOF_MARKER not in tail:
        raise ValidationError(
            "This PDF is incomplete (truncated): it does not end the way every PDF ends. "
            "The upload or the download it came from may have been cut off; upload the complete file.",
            code="truncated",
        )
    with _pdfium_lock:
        try:
            document = _open_document(_source_of(upload))
        except pdfium.PdfiumError as error:
            if "password" in str(error).lower():
                raise ValidationError(
                    "This PDF is protected by a password. Upload a version without a password.", code="encrypted"
                ) from error
            raise ValidationError(
                "This file starts like a PDF but cannot be read: it is damaged or incomplete. "
                "Export or download it again and upload the new file.",
                code="unreadable",
            ) from error
        try:
            page_count = len(document)
            if page_count:
                document[0].close()  # the first page must load: the cover is made from it
        except pdfium.PdfiumError as error:
            raise ValidationError(
                "This PDF's first page cannot be read: the file is damaged. Upload a repaired copy.", code="unreadable"
            ) from error
        finally:
            document.close()
    if page_count == 0:
        raise ValidationError("This PDF has no pages. Upload the complete document.", code="no_pages")


def read_pdf(source):
    """Page count, text and first-page cover of a PDF (a path or bytes) already known to be valid."""
    with _pdfium_lock:
        document = _open_document(source)
        try:
            texts, length = [], 0
            for index in range(len(document)):
                if length >= MAX_TEXT_CHARACTERS:
                    break
                page = document[index]
                try:
                    textpage = page.get_textpage()
                    text = textpage.get_text_bounded()
                    textpage.close()
                finally:
                    page.close()
                texts.append(text)
                length += len(text)
            first = document[0]
            try:
                scale = COVER_WIDTH / first.get_width()
                cover = first.render(scale=scale).to_pil().convert("RGB")
            finally:
                first.close()
            page_count = len(document)
        finally:
            document.close()
    # PostgreSQL text cannot hold NUL characters; PDF text occasionally carries them.
    text = "\n\n".join(texts).replace("\x00", "")[:MAX_TEXT_CHARACTERS]
    return PDFDetails(page_count=page_count, text=text, cover=cover)


def cover_png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def sha256_and_size(file):
    """Hash a file object in chunks (never whole in memory)."""
    digest, size = hashlib.sha256(), 0
    file.seek(0)
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    return digest.hexdigest(), size
