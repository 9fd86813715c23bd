"""Helpers for the search, feed, page and home tests: publications with real PDFs, and reading XML."""

import datetime
import itertools
import xml.etree.ElementTree as ET  # noqa: S405 (parses our own responses)

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fpdf import FPDF

from core.models import Status
from publications.models import Presidency, Publication, PublicationFile, PublicationKind

_counter = itertools.count(1)

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def pdf_bytes(*pages):
    """A real PDF whose pages hold the given text."""
    document = FPDF()
    document.set_font("helvetica", size=12)
    for text in pages or ("Sample page.",):
        document.add_page()
        document.multi_cell(0, 8, text)
    return bytes(document.output())


def make_publication(title=None, pdf_text=None, kind="policy-paper", topics=(), **fields):
    number = next(_counter)
    title = title or f"Publication {number}"
    fields.setdefault("slug", f"publication-{number}")
    fields.setdefault("publication_date", datetime.date(2017, 2, 7))
    fields.setdefault("summary", f"Summary of {title}.")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - datetime.timedelta(days=1))
    publication = Publication.objects.create(title=title, kind=PublicationKind.objects.get(slug=kind), **fields)
    if topics:
        publication.topics.set(topics)
    if pdf_text is not None:
        upload = SimpleUploadedFile(f"{fields['slug']}.pdf", pdf_bytes(pdf_text), content_type="application/pdf")
        file = PublicationFile(publication=publication, file=upload)
        file.read_upload()
        file.save()
    return publication


def make_presidency(member_state="Malta", start=datetime.date(2017, 1, 1), end=datetime.date(2017, 6, 30)):
    return Presidency.objects.create(
        member_state=member_state, slug=f"{member_state.lower()}-{start.year}", start=start, end=end
    )


def xml(response):
    return ET.fromstring(response.content)  # noqa: S314 (our own response)
