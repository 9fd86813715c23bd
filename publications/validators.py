"""Checking uploaded PDFs, and reading what the site records about them (pages, text, first-page cover).

PDFium (through pypdfium2) parses the files. It is not thread-safe, so every call into it holds one lock.
pypdf walks the document's structure for what could run in a browser's PDF viewer (scripts, actions, attachments).
"""

import dataclasses
import hashlib
import io
import re
import threading

import pypdf
import pypdfium2 as pdfium
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from pypdf.generic import ArrayObject, DictionaryObject

PDF_SIGNATURE = b"%PDF-"
# HTML at the start of a PDF makes a PDF+HTML polyglot, which a browser may render as a web page.
HTML_WINDOW = 1024  # bytes after the signature
HTML_MARKUP = re.compile(rb"<(?:!doctype|html|head|body|script|svg|iframe|object|embed|img|meta|style|base)\b", re.I)
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
    head = upload.read(len(PDF_SIGNATURE) + HTML_WINDOW)
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


# Actions a click may start that run scripts, start programs, send data or open other files.
REFUSED_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "an action that starts a program or opens a file",
    "/SubmitForm": "an action that sends form data to an address",
    "/ImportData": "an action that imports data from another file",
    "/GoToE": "a link into a file embedded in the PDF",
    "/GoToR": "a link that opens another file",
    "/RichMediaExecute": "an action that runs embedded media",
    "/Rendition": "an action that plays media (and can run JavaScript)",
}
# Links to these kinds of address run code or reach the reader's own files; http(s), mailto and the like are fine.
REFUSED_URI_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")

ACTIVE_CONTENT_ADVICE = (
    "PDFs on the site may not run scripts or actions that start programs, send data or open other files. "
    "Export it again without scripts (for example 'Print to PDF' or 'Save as PDF' from Word) and upload that file."
)
EMBEDDED_FILES_ADVICE = (
    "PDFs on the site may not carry other files inside them. Remove the attachments, or export the document "
    "again (for example 'Print to PDF' or 'Save as PDF' from Word), and upload that file."
)


def _get(dictionary, key):
    """The value of `key` in a PDF dictionary, indirect references followed (None if absent or not a dictionary)."""
    if not isinstance(dictionary, DictionaryObject):
        return None
    value = dictionary.get(key)
    return None if value is None else value.get_object()


def _action_problem(action, automatic):
    """What the action (and the actions chained after it by /Next) does that is refused, or None.

    An automatic action (on opening the document or a page, or a field's or annotation's /AA) may only go to a
    place in the document; an action started by a click may also open a web address and the like.
    """
    for item in _tree(action, "/Next"):
        kind = str(_get(item, "/S") or "")
        # Browsers ignore spaces and control characters in an address: "java\tscript:" is "javascript:".
        uri = re.sub(r"[\x00-\x20]", "", str(_get(item, "/URI") or "")).lower()
        if kind == "/URI" and uri.startswith(REFUSED_URI_SCHEMES):
            scheme = uri.split(":")[0]
            return "JavaScript" if scheme == "javascript" else f"a link to a {scheme}: address"
        if kind in REFUSED_ACTIONS and not (kind == "/GoToR" and _get(item, "/F") is None):
            return REFUSED_ACTIONS[kind]
        if automatic and kind != "/GoTo":
            return f"an action of type {kind[1:] or 'unknown'} that runs by itself"
    return None


def _additional_actions_problem(owner):
    """What the /AA (additional actions: on open, close, mouse-over, keystroke...) of `owner` does, or None."""
    actions = _get(owner, "/AA")
    if not isinstance(actions, DictionaryObject):
        return None
    for action in actions.values():
        if problem := _action_problem(action, automatic=True):
            return problem
    return None


def _has_entries(name_tree):
    """Whether a PDF name tree (such as /Names /JavaScript) holds anything."""
    return isinstance(name_tree, DictionaryObject) and bool(_get(name_tree, "/Names") or _get(name_tree, "/Kids"))


def _tree(first, children_key, next_key=None):
    """Every node of a PDF tree (form fields by /Kids, bookmarks by /First and /Next, actions by /Next), each once."""
    pending, seen = [first], set()
    while pending:
        node = pending.pop()
        node = None if node is None else node.get_object()
        if isinstance(node, ArrayObject):
            pending.extend(node)
            continue
        if not isinstance(node, DictionaryObject) or id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        pending.extend(node.get(key) for key in (children_key, next_key) if key and key in node)


def find_active_content(source):
    """What in the PDF (a path or bytes) could run or carry other files, as (code, description), or None.

    pypdf resolves names written with #hex escapes, compressed object streams and indirect objects, so each check
    reads the document as a PDF viewer does.
    """
    reader = pypdf.PdfReader(source if isinstance(source, str) else io.BytesIO(source))
    if reader.is_encrypted and not reader.decrypt(""):  # openable without a password: PDFium has checked
        raise pypdf.errors.FileNotDecryptedError("the PDF cannot be decrypted without a password")
    catalog = reader.root_object

    open_action = _get(catalog, "/OpenAction")  # a destination array ([page /Fit]) is normal; an action is checked
    if isinstance(open_action, DictionaryObject) and (problem := _action_problem(open_action, automatic=True)):
        return "active_content", f"{problem} (when the document is opened)"
    if problem := _additional_actions_problem(catalog):
        return "active_content", f"{problem} (in the document's automatic actions)"
    names = _get(catalog, "/Names")
    if _has_entries(_get(names, "/JavaScript")):
        return "active_content", "JavaScript (in its document-level scripts)"
    if _has_entries(_get(names, "/EmbeddedFiles")):
        return "embedded_files", "files attached to the document"
    form = _get(catalog, "/AcroForm")
    if _get(form, "/XFA") is not None:
        return "active_content", "an XFA form, which can run scripts"
    for field in _tree(_get(form, "/Fields"), "/Kids"):
        if problem := _additional_actions_problem(field) or _action_problem(field.get("/A"), automatic=False):
            return "active_content", f"{problem} (in a form field)"
    outlines = _get(catalog, "/Outlines")
    for bookmark in _tree(_get(outlines, "/First"), "/First", "/Next"):
        if problem := _action_problem(bookmark.get("/A"), automatic=False):
            return "active_content", f"{problem} (in a bookmark)"

    for number, page in enumerate(reader.pages, 1):
        if problem := _additional_actions_problem(page):
            return "active_content", f"{problem} (in the automatic actions of page {number})"
        for annotation in _get(page, "/Annots") or []:
            annotation = annotation.get_object()
            if not isinstance(annotation, DictionaryObject):
                continue
            subtype = _get(annotation, "/Subtype")
            if subtype in ("/FileAttachment", "/RichMedia"):
                what = "a file attached" if subtype == "/FileAttachment" else "embedded media"
                return "embedded_files", f"{what} (on page {number})"
            if problem := _action_problem(annotation.get("/A"), automatic=False):
                return "active_content", f"{problem} (in a link or form field on page {number})"
            if problem := _additional_actions_problem(annotation):
                return "active_content", f"{problem} (in a link or form field on page {number})"
    return None


def validate_pdf_upload(upload):
    """Accept only a complete, readable PDF within the size limit; otherwise say what is wrong with the file.

    The validator of PublicationFile.file: a file already stored was checked when it came, so only a new one is.
    """
    if isinstance(upload, FieldFile):
        if upload._committed:
            return
        upload = upload.file  # the upload itself: a large one has a temporary file PDFium can read in place
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
    if HTML_MARKUP.search(head, len(PDF_SIGNATURE)):
        raise ValidationError(
            "This PDF also contains web-page code (HTML) at its start, so a browser could open it as a web page. "
            "Export the document again as a PDF (for example 'Print to PDF' or 'Save as PDF' from Word) "
            "and upload that file.",
            code="html_polyglot",
        )
    try:
        finding = find_active_content(_source_of(upload))
    except Exception as error:  # any failure: a file whose contents cannot be checked is refused, not let through
        raise ValidationError(
            "This PDF cannot be checked for scripts and attachments: part of it is damaged. "
            "Export or download it again and upload the new file.",
            code="unreadable",
        ) from error
    if finding:
        code, what = finding
        advice = EMBEDDED_FILES_ADVICE if code == "embedded_files" else ACTIVE_CONTENT_ADVICE
        raise ValidationError(f"This PDF contains {what}. {advice}", code=code)


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
