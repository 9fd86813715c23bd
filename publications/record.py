"""The publications half of the record: Council Presidencies, the series, publications and their sample PDFs.

The data is publications/record.json (in the repository). `load(stdout)` is called by `manage.py
load_seed_content` after the meetings part. Each item of the record is found by its slug and brought back to what
the record says, saving only what differs, so running it twice changes nothing. Files: a publication of the record
without an English PDF gets a generated sample; a PDF already there (a sample, or the real file staff uploaded) is
never replaced.
"""

import datetime
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.utils import timezone

from core.models import Status, Topic
from meetings.models import Meeting
from richtext.sanitise import from_plain_text
from richtext.text import to_text

from .models import Presidency, Publication, PublicationFile, PublicationKind, Series
from .samples import sample_pdf
from .storage import atomic_with_file_cleanup

DATA_FILE = Path(__file__).resolve().with_name("record.json")
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def load(stdout):
    data = read_record()
    tally = {}
    with atomic_with_file_cleanup():
        topics = {slug: _topic(slug, name) for slug, name in data["topics"].items()}
        series = {item["slug"]: _sync(Series, item["slug"], item, tally, "series") for item in data["series"]}
        presidencies = {
            item["slug"]: _sync(
                Presidency,
                item["slug"],
                {**item, "start": _date(item["start"]), "end": _date(item["end"])},
                tally,
                "Council Presidencies",
            )
            for item in data["presidencies"]
        }
        kinds = {kind.slug: kind for kind in PublicationKind.objects.all()}
        publications, missing_meetings = {}, []
        for item in data["publications"]:
            publication = _publication(item, kinds, series, presidencies, tally)
            publication.topics.set([topics[slug] for slug in item["topics"]])
            meetings = [_meeting(level, edition) for level, edition in item["meetings"]]
            missing_meetings += [
                f"{level} {edition}" for (level, edition), m in zip(item["meetings"], meetings, strict=True) if not m
            ]
            publication.meetings.add(*[meeting for meeting in meetings if meeting])
            publications[item["slug"]] = publication
            _sample_file(publication, tally)
        for item in data["publications"]:
            publications[item["slug"]].related.add(*[publications[slug] for slug in item["related"]])
    stdout.write("Publications record:")
    for label, counts in tally.items():
        stdout.write(f"  {label}: " + ", ".join(f"{counts.get(o, 0)} {o}" for o in (CREATED, UPDATED, UNCHANGED)))
    if missing_meetings:
        stdout.write(f"  not linked (meeting not in the database): {', '.join(missing_meetings)}")


def read_record():
    try:
        return json.loads(DATA_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"Cannot read the record file {DATA_FILE}: {error}") from error


def _date(value):
    return datetime.date.fromisoformat(value)


def _count(tally, label, outcome):
    tally.setdefault(label, {}).setdefault(outcome, 0)
    tally[label][outcome] += 1


def _sync(model, slug, values, tally, label):
    """The row with this slug, holding `values` (only the model's own fields); saved only if something differs."""
    names = {field.name for field in model._meta.concrete_fields}
    values = {name: value for name, value in values.items() if name in names and name != "slug"}
    obj = model.objects.filter(slug=slug).first()
    if obj is None:
        obj, outcome = model(slug=slug, **values), CREATED
    else:
        changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
        if not changed:
            _count(tally, label, UNCHANGED)
            return obj
        for name, value in changed.items():
            setattr(obj, name, value)
        outcome = UPDATED
    try:
        obj.full_clean()
    except ValidationError as error:
        raise CommandError(f"The record's {model._meta.verbose_name} {slug!r} is invalid: {error}") from error
    obj.save()
    _count(tally, label, outcome)
    return obj


def _topic(slug, name):
    topic = Topic.objects.filter(slug=slug).first() or Topic.objects.filter(name=name).first()
    return topic or Topic.objects.create(slug=slug, name=name)


def _meeting(level, edition):
    return Meeting.objects.filter(level=level, edition=edition).first()


def _publication(item, kinds, series, presidencies, tally):
    day = _date(item["date"])
    try:
        kind = kinds[item["kind"]]
    except KeyError:
        raise CommandError(f"The record refers to an unknown publication kind: {item['kind']!r}.") from None
    values = {
        "title": item["title"],
        "kind": kind,
        "publication_date": day,
        "date_precision": item["date_precision"],
        "summary": from_plain_text(item["summary"], "summary"),
        "quote": item["quote"],
        "quote_source": item["quote_source"],
        "body": from_plain_text(item["body"]),
        "presidency": presidencies[item["presidency"]] if item.get("presidency") else None,
        "series": series[item["series"]] if item.get("series") else None,
        "edition": item.get("edition"),
        "status": Status.PUBLISHED,
        "published_at": _noon_in_brussels(day),
        "expires_at": None,
    }
    return _sync(Publication, item["slug"], values, tally, "publications")


def _noon_in_brussels(day):
    """A publication moment for an item of the record: noon on its day, site time, never in the future."""
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))
    return min(moment, timezone.now())


def _sample_file(publication, tally):
    if publication.files.filter(language=PublicationFile.Language.ENGLISH).exists():
        _count(tally, "sample PDFs", UNCHANGED)
        return
    data = sample_pdf(
        publication.title,
        kind=publication.kind.name,
        date=publication.date_display,
        summary=to_text(publication.summary),
        quote=publication.quote,
        body=to_text(publication.body),
    )
    file = PublicationFile(
        publication=publication,
        language=PublicationFile.Language.ENGLISH,
        filename=f"SAMPLE - {publication.title}.pdf",
    )
    file.file = ContentFile(data, name=f"{publication.slug}-sample.pdf")
    try:
        file.full_clean()  # the rules of an upload in the admin
    except ValidationError as error:
        raise CommandError(f"The sample PDF of {publication.slug!r} is invalid: {error}") from error
    file.read_upload()
    file.save()
    _count(tally, "sample PDFs", CREATED)
