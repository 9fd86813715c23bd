"""Small factories for the meetings tests: each makes one valid, published-by-default object."""

import datetime
import io
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from core.models import Status, Topic
from meetings.models import EUService, Meeting, MeetingPhoto, Participation, Person, Position, Quote

_counter = itertools.count(1)


def _next():
    return next(_counter)


def make_topic(name=None, **fields):
    name = name or f"Topic {_next()}"
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Topic.objects.create(name=name, **fields)


def make_service(acronym=None, **fields):
    acronym = acronym or f"DG T{_next()}"
    fields.setdefault("slug", acronym.lower().replace(" ", "-"))
    fields.setdefault("full_name", f"Directorate-General {acronym}")
    return EUService.objects.create(acronym=acronym, **fields)


def make_person(name=None, positions=(), **fields):
    """positions: (title, organisation, start, end) tuples."""
    name = name or f"Person {_next()}"
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    person = Person.objects.create(name=name, **fields)
    for title, organisation, start, end in positions:
        Position.objects.create(person=person, title=title, organisation=organisation, start=start, end=end)
    return person


def make_meeting(title=None, services=(), topics=(), participants=(), **fields):
    number = _next()
    title = title or f"Meeting {number}"
    fields.setdefault("slug", f"meeting-{number}")
    fields.setdefault("level", Meeting.Level.SENIOR_OFFICIALS)
    fields.setdefault("date", datetime.date(2020, 6, 15))
    fields.setdefault("summary", f"Summary of {title}.")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - datetime.timedelta(days=1))
    meeting = Meeting.objects.create(title=title, **fields)
    if services:
        meeting.services.set(services)
    if topics:
        meeting.topics.set(topics)
    for order, person in enumerate(participants):
        Participation.objects.create(meeting=meeting, person=person, order=order)
    return meeting


def make_draft(**fields):
    fields.setdefault("status", Status.DRAFT)
    return make_meeting(**fields)


def make_quote(meeting, speaker, text="Migration is a shared responsibility.", **fields):
    return Quote.objects.create(meeting=meeting, speaker=speaker, text=text, **fields)


def make_photo_row(meeting, **fields):
    """A photo row pointing at a file name, without writing a file (for pages that only print its URL)."""
    fields.setdefault("image", f"meetings/photos/2020/sample-{_next()}.jpg")
    fields.setdefault("width", 800)
    fields.setdefault("height", 600)
    fields.setdefault("alt_text", "Officials around a table")
    return MeetingPhoto.objects.create(meeting=meeting, **fields)


def image_bytes(size=(8, 6), image_format="PNG", noise=False):
    """noise: a photo-like image whose data does not compress to a few bytes (to cut it in half)."""
    buffer = io.BytesIO()
    image = Image.effect_noise(size, 60).convert("RGB") if noise else Image.new("RGB", size, (0, 51, 160))
    image.save(buffer, format=image_format)
    return buffer.getvalue()


def image_upload(name="photo.png", size=(8, 6), image_format="PNG"):
    return SimpleUploadedFile(name, image_bytes(size, image_format), content_type=f"image/{image_format.lower()}")


def make_staff(username="editor", permissions=()):
    """A staff user with the given 'app_label.codename' permissions."""
    user = get_user_model().objects.create_user(username=username, password="a-long-test-password", is_staff=True)
    for dotted in permissions:
        app_label, codename = dotted.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user
