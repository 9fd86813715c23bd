"""Small factories for the publications tests: each makes one valid object, published by default."""

import datetime
import io
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fpdf import FPDF
from PIL import Image

from core.models import Status, Topic
from publications.models import Presidency, Publication, PublicationFile, PublicationKind, Series

_counter = itertools.count(1)


def _next():
    return next(_counter)


def pdf_bytes(pages=2, text="Migration and mobility", title="A test paper"):
    """A real PDF made with fpdf2, with `text` on every page."""
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_font("helvetica", size=14)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 10, f"{text} - page {number}")
    return bytes(pdf.output())


def pdf_upload(name="paper.pdf", data=None, **kwargs):
    return SimpleUploadedFile(name, pdf_bytes(**kwargs) if data is None else data, content_type="application/pdf")


def image_bytes(size=(60, 80), image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 51, 160)).save(buffer, format=image_format)
    return buffer.getvalue()


def kind(slug="policy-paper"):
    """One of the six kinds the data migration makes."""
    return PublicationKind.objects.get(slug=slug)


def make_topic(name=None):
    name = name or f"Topic {_next()}"
    return Topic.objects.create(name=name, slug=name.lower().replace(" ", "-"))


def make_presidency(member_state="Malta", start=datetime.date(2017, 1, 1), end=datetime.date(2017, 6, 30), **fields):
    fields.setdefault("slug", f"{member_state.lower()}-{start.year}-{_next()}")
    return Presidency.objects.create(member_state=member_state, start=start, end=end, **fields)


def make_series(title=None, **fields):
    title = title or f"Series {_next()}"
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    return Series.objects.create(title=title, **fields)


def make_publication(title=None, topics=(), meetings=(), **fields):
    number = _next()
    title = title or f"Publication {number}"
    fields.setdefault("slug", f"publication-{number}")
    fields.setdefault("kind", kind())
    fields.setdefault("publication_date", datetime.date(2020, 6, 15))
    fields.setdefault("summary", f"Summary of {title}.")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - datetime.timedelta(days=1))
    publication = Publication.objects.create(title=title, **fields)
    if topics:
        publication.topics.set(topics)
    if meetings:
        publication.meetings.set(meetings)
    return publication


def make_draft(**fields):
    fields.setdefault("status", Status.DRAFT)
    return make_publication(**fields)


def make_file(publication, language="en", data=None, name="paper.pdf", **fields):
    """A PublicationFile saved the way the admin saves one: checked, then size, pages, text and cover read from it."""
    file = PublicationFile(publication=publication, language=language, **fields)
    file.file = ContentFile(pdf_bytes() if data is None else data, name=name)
    file.full_clean()
    file.read_upload()
    file.save()
    return file


def make_staff(username="editor", permissions=()):
    """A staff user with the given 'app_label.codename' permissions."""
    user = get_user_model().objects.create_user(username=username, password="a-long-test-password", is_staff=True)
    for dotted in permissions:
        app_label, codename = dotted.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user
