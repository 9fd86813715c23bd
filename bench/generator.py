"""Realistic generated content for benchmarks and load tests: `generate()`, run by `python -m bench.load_data`.

Import it once Django is set up. Generated items are marked by slugs starting with "load-" and numbered: `generate()`
makes the database hold exactly the requested number of them, adding the missing ones or removing the extra ones, so
a second run with the same sizes changes nothing, and sizes of 0 remove everything it ever made. The same number always
gives the same item (fixed random seeds). Rows go in with bulk inserts; the content is shaped like the record:
services hosting and attending meetings, participants, quotes, topics, publications of every kind with PDF files in
several languages (a few real sample PDFs shared by many rows), Presidencies, series, related meetings and
publications, a few drafts and scheduled items.
"""

import datetime
import functools
import hashlib
import os
import random
import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from core import dates
from core.cache import invalidate_pages
from core.dates import DatePrecision
from core.models import Status, Topic
from meetings.models import EUService, Meeting, Participation, Person, Position, Quote
from publications.models import Presidency, Publication, PublicationFile, PublicationKind, Series
from publications.samples import sample_pdf
from publications.storage import get_private_storage
from search import engine as search

PREFIX = "load-"
MEETING_SLUG = f"{PREFIX}meeting-"
PUBLICATION_SLUG = f"{PREFIX}publication-"
LARGE_SLUG = f"{PREFIX}large-file"
SAMPLE_FILES = 6
BATCH = 1000
FIRST_DAY = datetime.date(2000, 1, 1)
DAYS = (datetime.date(2025, 12, 31) - FIRST_DAY).days

TOPICS = [
    "Return and reintegration",
    "Labour migration",
    "Climate change and migration",
    "Migration and development",
    "Counter-trafficking",
    "Border management",
    "Migrant health",
    "Diaspora engagement",
    "Resettlement",
    "Legal pathways",
    "Data and evidence",
    "Humanitarian response",
    "Displacement",
    "Integration and social cohesion",
    "Protection of migrant children",
    "Remittances",
    "Smuggling of migrants",
    "Migration governance",
    "Regional mobility",
    "Disaster risk reduction",
    "Urban migration",
    "Gender and migration",
    "Skills partnerships",
    "Search and rescue",
]
PLACES = ["Brussels", "Geneva", "Luxembourg", "Valletta", "Bratislava", "Vienna", "Tunis", "Dakar", "Nairobi", "Rabat"]
STATES = ["Malta", "Slovakia", "Luxembourg", "Estonia", "Bulgaria", "Austria", "Romania", "Finland", "Croatia", "Spain"]
FIRST_NAMES = ["Anna", "Marco", "Sofia", "Jan", "Amina", "Pierre", "Elena", "Tomas", "Leila", "Karl", "Ines", "Omar"]
LAST_NAMES = ["Rossi", "Novak", "Dubois", "Schmidt", "Haddad", "Costa", "Nielsen", "Popescu", "Kowalski", "Ferreira"]
WORDS = (
    "migration mobility partnership cooperation policy return reintegration labour skills protection health border "
    "governance evidence data displacement climate resilience integration community development remittances "
    "diaspora pathways resettlement asylum capacity dialogue region programme framework strategy assessment"
).split()
HEADINGS = [
    "Recommendations on {topic}",
    "{topic}: priorities for the coming years",
    "Towards a common approach to {topic}",
    "{topic} in EU external action",
    "Lessons learned on {topic}",
    "Contribution on {topic}",
]
LEVEL_WEIGHTS = [(Meeting.Level.SENIOR_OFFICIALS, 1), (Meeting.Level.HEADS_OF_UNIT, 4), (Meeting.Level.EXPERT, 5)]


def _choice_weighted(rng, pairs):
    return rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]


def _sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng, count, sentences=5):
    return "\n\n".join(" ".join(_sentence(rng) for _ in range(sentences)) for _ in range(count))


def _day(rng):
    return FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))


def _noon(day):
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _number(slug, prefix):
    try:
        return int(slug[len(prefix) :])
    except ValueError:
        return None


def _status(rng, now, day):
    """Mostly published at noon on the item's day; a few drafts; a few scheduled a year ahead."""
    roll = rng.random()
    if roll < 0.03:
        return Status.DRAFT, _noon(day)
    if roll < 0.04:
        return Status.PUBLISHED, now + datetime.timedelta(days=365)
    return Status.PUBLISHED, min(_noon(day), now)


def generate(meetings, publications, large_file_mb=0, progress=None):
    """Make the database hold exactly `meetings` generated meetings and `publications` generated publications, and
    with `large_file_mb` one publication whose PDF is that many MB; return a one-line summary. `progress`, if given,
    is called with a line of text as the work advances."""
    if min(meetings, publications, large_file_mb) < 0:
        raise ValueError("Sizes must be 0 or more.")
    return _Generator(progress).run(meetings, publications, large_file_mb)


class _Generator:
    def __init__(self, progress):
        self.progress = progress
        self.now = timezone.now()

    def run(self, meetings, publications, large_file_mb):
        started = time.monotonic()
        with transaction.atomic():
            removed = self.remove_extra(Meeting, MEETING_SLUG, meetings) + self.remove_extra(
                Publication, PUBLICATION_SLUG, publications
            )
            if large_file_mb == 0 and meetings == publications == 0:
                removed += Publication.objects.filter(slug=LARGE_SLUG).delete()[1].get("publications.Publication", 0)
            created_meetings = created_publications = []
            if meetings or publications or large_file_mb:
                self.reference_data()
                created_meetings = self.create_meetings(meetings)
                created_publications = self.create_publications(publications)
                if large_file_mb:
                    self.large_file(large_file_mb)
            if meetings == publications == large_file_mb == 0:
                self.remove_reference_data()
            self.index_for_search(Meeting, created_meetings)
            self.index_for_search(Publication, created_publications)
        # Fresh planner statistics, as a database that grew slowly has: after a bulk insert they are stale. On
        # PostgreSQL VACUUM too, as autovacuum would: the lists then count and page from their indexes alone.
        if connection.vendor in ("postgresql", "sqlite"):
            with connection.cursor() as cursor:
                vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block  # (not in a test)
                cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        invalidate_pages()
        return (
            f"Generated content: {Meeting.objects.filter(slug__startswith=MEETING_SLUG).count()} meetings, "
            f"{Publication.objects.filter(slug__startswith=PUBLICATION_SLUG).count()} publications "
            f"({len(created_meetings)} and {len(created_publications)} added, {removed} removed) "
            f"in {time.monotonic() - started:.1f} s."
        )

    def note(self, message):
        if self.progress:
            self.progress(message)

    # Sizes ---------------------------------------------------------------------------------------------------------

    def remove_extra(self, model, prefix, size):
        extra = [
            pk
            for pk, slug in model.objects.filter(slug__startswith=prefix).values_list("pk", "slug")
            if (_number(slug, prefix) or 0) >= size
        ]
        for start in range(0, len(extra), BATCH):
            model.objects.filter(pk__in=extra[start : start + BATCH]).delete()
        return len(extra)

    def missing(self, model, prefix, size):
        present = {
            _number(slug, prefix)
            for slug in model.objects.filter(slug__startswith=prefix).values_list("slug", flat=True)
        }
        return [number for number in range(size) if number not in present]

    # Reference data: topics, services, people, Presidencies, series, sample files ------------------------------------

    def reference_data(self):
        for name in TOPICS:
            Topic.objects.get_or_create(slug=f"{PREFIX}{slugify(name)}", defaults={"name": f"{name} (generated)"})
        self.topics = list(Topic.objects.filter(slug__startswith=PREFIX).order_by("pk"))

        for number in range(20):
            EUService.objects.get_or_create(
                slug=f"{PREFIX}service-{number:02d}",
                defaults={
                    "acronym": f"DG GEN{number:02d}",
                    "full_name": f"Generated Directorate-General {number:02d}",
                    "joined_framework_on": datetime.date(2012, 7, 1) + datetime.timedelta(days=90 * number),
                },
            )
        self.services = list(EUService.objects.filter(slug__startswith=PREFIX).order_by("pk"))

        existing_people = set(Person.objects.filter(slug__startswith=PREFIX).values_list("slug", flat=True))
        people, positions = [], []
        for number in range(300):
            slug = f"{PREFIX}person-{number:03d}"
            if slug in existing_people:
                continue
            rng = random.Random(f"person-{number}")
            people.append(Person(slug=slug, name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {number}"))
        Person.objects.bulk_create(people)
        for person in people:
            rng = random.Random(person.slug)
            start = _day(rng)
            positions.append(
                Position(
                    person=person,
                    title=rng.choice(["Director", "Head of Unit", "Policy Officer", "Deputy Director General"]),
                    organisation=rng.choice(["IOM", "European Commission", "EEAS"]),
                    start=start,
                    end=None if rng.random() < 0.5 else start + datetime.timedelta(days=rng.randrange(200, 2000)),
                )
            )
        Position.objects.bulk_create(positions)
        self.people = list(Person.objects.filter(slug__startswith=PREFIX).order_by("pk"))

        self.presidencies = {}
        for year in range(2000, 2026):
            for half, (start, end) in enumerate(
                [
                    (datetime.date(year, 1, 1), datetime.date(year, 6, 30)),
                    (datetime.date(year, 7, 1), datetime.date(year, 12, 31)),
                ]
            ):
                presidency = Presidency.objects.filter(start=start).first() or Presidency.objects.create(
                    start=start,
                    end=end,
                    slug=f"{PREFIX}presidency-{year}-{half + 1}",
                    member_state=STATES[(year * 2 + half) % len(STATES)],
                )
                self.presidencies[(year, half)] = presidency

        for number in range(4):
            Series.objects.get_or_create(
                slug=f"{PREFIX}series-{number}", defaults={"title": f"Generated series {number}"}
            )
        self.series = list(Series.objects.filter(slug__startswith=PREFIX).order_by("pk"))
        kinds = list(PublicationKind.objects.order_by("pk"))
        self.recommendations = next((k for k in kinds if k.slug == PublicationKind.PRESIDENCY_RECOMMENDATIONS), None)
        self.other_kinds = [kind for kind in kinds if kind != self.recommendations]
        if self.recommendations is None or not self.other_kinds:
            raise RuntimeError("The publication kinds are missing: run `manage.py migrate` first.")
        self.samples = [self.sample_file(number) for number in range(SAMPLE_FILES)]

    def sample_file(self, number):
        """A real sample PDF and its first-page cover, stored once and shared by many generated files."""
        sample = _sample(number)
        for name, data in ((sample["file"], sample.pop("pdf")), (sample["thumbnail"], sample.pop("png"))):
            if not get_private_storage().exists(name):
                get_private_storage().save(name, ContentFile(data))
        return sample

    def remove_reference_data(self):
        Series.objects.filter(slug__startswith=PREFIX, publications__isnull=True).delete()
        Presidency.objects.filter(slug__startswith=PREFIX, publications__isnull=True).delete()
        Person.objects.filter(slug__startswith=PREFIX, participations__isnull=True, quotes__isnull=True).delete()
        EUService.objects.filter(slug__startswith=PREFIX, hosted_meetings__isnull=True).delete()
        Topic.objects.filter(slug__startswith=PREFIX).delete()

    # Meetings ------------------------------------------------------------------------------------------------------

    def create_meetings(self, size):
        numbers = self.missing(Meeting, MEETING_SLUG, size)
        created = []
        for start in range(0, len(numbers), BATCH):
            batch = [self.meeting(number) for number in numbers[start : start + BATCH]]
            Meeting.objects.bulk_create([meeting for meeting, _ in batch])
            services, topics, participations, quotes = [], [], [], []
            for meeting, rng in batch:
                attending = {meeting.host, *rng.sample(self.services, rng.randint(1, 5))}
                services += [Meeting.services.through(meeting_id=meeting.pk, euservice_id=s.pk) for s in attending]
                topics += [
                    Meeting.topics.through(meeting_id=meeting.pk, topic_id=topic.pk)
                    for topic in rng.sample(self.topics, rng.randint(1, 3))
                ]
                people = rng.sample(self.people, rng.randint(2, 8))
                participations += [
                    Participation(meeting=meeting, person=person, order=order) for order, person in enumerate(people)
                ]
                quotes += [
                    Quote(meeting=meeting, speaker=person, text=_sentence(rng, 20), order=order)
                    for order, person in enumerate(people[: rng.randint(0, 2)])
                ]
            Meeting.services.through.objects.bulk_create(services)
            Meeting.topics.through.objects.bulk_create(topics)
            Participation.objects.bulk_create(participations)
            Quote.objects.bulk_create(quotes)
            created += [meeting.pk for meeting, _ in batch]
            self.note(f"{len(created)} meetings added")
        return created

    def meeting(self, number):
        rng = random.Random(f"meeting-{number}")
        level = _choice_weighted(rng, LEVEL_WEIGHTS)
        day = _day(rng)
        topic = rng.choice(TOPICS)
        status, published_at = _status(rng, self.now, day)
        meeting = Meeting(
            slug=f"{MEETING_SLUG}{number:06d}",
            title=f"{Meeting.Level(level).label} on {topic.lower()}, {day.year} (no. {number})",
            level=level,
            date=day,
            date_precision=DatePrecision.DAY,
            location=rng.choice(PLACES),
            host=rng.choice(self.services),
            summary=_sentence(rng, 30),
            body=_paragraphs(rng, rng.randint(2, 5)),
            status=status,
            published_at=published_at,
        )
        return meeting, rng

    # Publications --------------------------------------------------------------------------------------------------

    def create_publications(self, size):
        numbers = self.missing(Publication, PUBLICATION_SLUG, size)
        meeting_list = list(
            Meeting.objects.filter(slug__startswith=MEETING_SLUG).order_by("pk").values_list("pk", flat=True)
        )
        publication_pks = {
            _number(slug, PUBLICATION_SLUG): pk
            for pk, slug in Publication.objects.filter(slug__startswith=PUBLICATION_SLUG).values_list("pk", "slug")
        }
        created = []
        for start in range(0, len(numbers), BATCH):
            batch = [self.publication(number) for number in numbers[start : start + BATCH]]
            Publication.objects.bulk_create([publication for publication, _, _ in batch])
            files, topics, meetings, related = [], [], [], []
            for publication, rng, number in batch:
                publication_pks[number] = publication.pk
                files += self.files(publication, rng, number)
                topics += [
                    Publication.topics.through(publication_id=publication.pk, topic_id=topic.pk)
                    for topic in rng.sample(self.topics, rng.randint(1, 3))
                ]
                for meeting_pk in rng.sample(meeting_list, min(len(meeting_list), rng.choice([0, 0, 1, 1, 2]))):
                    meetings.append(Publication.meetings.through(publication_id=publication.pk, meeting_id=meeting_pk))
                for other in rng.sample(range(number), min(number, rng.randint(0, 3))):
                    if other in publication_pks:
                        pair = (publication.pk, publication_pks[other])
                        for one, two in (pair, pair[::-1]):
                            related.append(Publication.related.through(from_publication_id=one, to_publication_id=two))
            PublicationFile.objects.bulk_create(files)
            Publication.topics.through.objects.bulk_create(topics)
            Publication.meetings.through.objects.bulk_create(meetings, ignore_conflicts=True)
            Publication.related.through.objects.bulk_create(related, ignore_conflicts=True)
            created += [publication.pk for publication, _, _ in batch]
            self.note(f"{len(created)} publications added")
        return created

    def publication(self, number):
        rng = random.Random(f"publication-{number}")
        # As in the record: one recommendation per Council Presidency at most, every other kind much more often.
        recommendation = number % 200 == 1
        kind = self.recommendations if recommendation else rng.choice(self.other_kinds)
        day = _day(rng)
        precision = _choice_weighted(rng, [(DatePrecision.DAY, 90), (DatePrecision.MONTH, 7), (DatePrecision.YEAR, 3)])
        topic = rng.choice(TOPICS)
        status, published_at = _status(rng, self.now, day)
        publication = Publication(
            slug=f"{PUBLICATION_SLUG}{number:06d}",
            title=f"{rng.choice(HEADINGS).format(topic=topic)} ({day.year}, no. {number})",
            kind=kind,
            publication_date=dates.normalised(day, precision),
            date_precision=precision,
            summary=" ".join(_sentence(rng) for _ in range(3)),
            quote=_sentence(rng, 18) if rng.random() < 0.3 else "",
            body=_paragraphs(rng, rng.randint(3, 6)),
            status=status,
            published_at=published_at,
        )
        if recommendation:
            publication.presidency = self.presidencies[(day.year, 0 if day.month <= 6 else 1)]
        if number % 50 == 0:
            # (series, edition) is unique: each block of 50 numbers goes to one series in turn.
            publication.series = self.series[(number // 50) % len(self.series)]
            publication.edition = number // (50 * len(self.series)) + 1
        return publication, rng, number

    def files(self, publication, rng, number):
        languages = ["en"] + (["fr"] if rng.random() < 0.2 else []) + (["es"] if rng.random() < 0.1 else [])
        rows = []
        for language in languages:
            sample = self.samples[(number + len(rows)) % len(self.samples)]
            rows.append(
                PublicationFile(
                    publication=publication,
                    language=language,
                    filename=f"{publication.slug}-{language}.pdf",
                    file_updated_at=publication.published_at,
                    **sample,
                )
            )
        return rows

    def large_file(self, megabytes):
        """One publication whose English PDF is `megabytes` MB: a valid one-page PDF padded with a binary stream."""
        name = f"{PREFIX}samples/large-{megabytes}mb.pdf"
        if not get_private_storage().exists(name):
            path = get_private_storage().path(name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _write_large_pdf(path, megabytes * 1024 * 1024)
        size = get_private_storage().size(name)
        publication, _ = Publication.objects.get_or_create(
            slug=LARGE_SLUG,
            defaults={
                "title": f"Generated publication with a {megabytes} MB PDF",
                "kind": PublicationKind.objects.order_by("pk").first(),
                "publication_date": datetime.date(2020, 1, 1),
                "summary": "A generated publication whose file is large, for download tests.",
                "status": Status.PUBLISHED,
                "published_at": self.now - datetime.timedelta(days=1),
            },
        )
        PublicationFile.objects.filter(publication=publication).exclude(file=name).delete()
        if not PublicationFile.objects.filter(publication=publication).exists():
            PublicationFile.objects.bulk_create(
                [
                    PublicationFile(
                        publication=publication,
                        language="en",
                        file=name,
                        filename=f"large-{megabytes}mb.pdf",
                        size=size,
                        page_count=1,
                        sha256=_sha256(get_private_storage(), name),
                    )
                ]
            )

    def index_for_search(self, model, pks):
        for kind in search.registered_kinds():
            if kind.model is model:
                for start in range(0, len(pks), 500):
                    search.index(kind, pks[start : start + 500])
                    self.note(f"{min(start + 500, len(pks))} {kind.key} indexed for search")


@functools.cache
def _sample_read(number):
    """Sample PDF number `number`, read as an upload is (PublicationFile.read_upload) but not stored."""
    rng = random.Random(f"sample-{number}")
    title = f"Generated sample publication {number}"
    content = sample_pdf(title, summary=_sentence(rng, 30), body=_paragraphs(rng, 2), pages=2 + number % 4)
    sample = PublicationFile(file=ContentFile(content, name="sample.pdf"))
    sample.read_upload()
    return content, sample


def _sample(number):
    """The bytes and the stored details of sample PDF number `number` (made once per process), under the shared
    names many generated rows point at."""
    content, sample = _sample_read(number)
    sample.thumbnail.seek(0)
    return {
        "pdf": content,
        "png": sample.thumbnail.read(),
        "file": f"{PREFIX}samples/sample-{number:02d}.pdf",
        "thumbnail": f"{PREFIX}samples/sample-{number:02d}.png",
        **{
            name: getattr(sample, name)
            for name in ("size", "sha256", "page_count", "text", "thumbnail_width", "thumbnail_height")
        },
    }


def _sha256(storage, name):
    digest = hashlib.sha256()
    with storage.open(name) as stored:
        for chunk in iter(lambda: stored.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_large_pdf(path, size):
    """A valid PDF of about `size` bytes, written in chunks (never whole in memory)."""
    text = b"BT /F1 24 Tf 72 760 Td (Generated large sample file) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    padding = max(size - 2048, 0)
    offsets = []
    with open(path, "wb") as out:
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        for number, body in enumerate(objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n<< /Length %d >>\nstream\n" % (len(objects) + 1, padding))
        chunk = 1024 * 1024
        for written in range(0, padding, chunk):
            out.write(os.urandom(min(chunk, padding - written)))
        out.write(b"\nendstream\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))
