"""Helpers the record loaders share (`manage.py load_seed_content`; meetings/record.py, publications/record.py).

A loader brings each item of the record to what the record says, found by a stable natural key (a slug), and saves
only what differs: running it twice changes nothing, not even `updated_at`.
"""

import datetime
import json
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import timezone

CREATED, UPDATED, UNCHANGED, REMOVED = "created", "updated", "unchanged", "removed"


def read_json(path):
    """A record file kept in the repository, next to the loader that reads it."""
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"Cannot read the record file {path}: {error}") from error


def parse_date(value):
    return None if value is None else datetime.date.fromisoformat(value)


def noon_in_brussels(day):
    """A publication moment for an item of the record: noon on its day, site time, never in the future."""
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))
    return min(moment, timezone.now())


def lookup(mapping, key, what):
    """mapping[key], or a clear error naming the missing reference in the record file."""
    try:
        return mapping[key]
    except KeyError:
        raise CommandError(f"The record refers to an unknown {what}: {key!r}.") from None


class Tally:
    """What a loader created, updated, left alone and removed, per kind of item."""

    def __init__(self):
        self.counts = {}

    def add(self, label, outcome):
        self.counts.setdefault(label, Counter())[outcome] += 1

    def lines(self):
        for label, counts in self.counts.items():
            parts = [f"{counts[CREATED]} created", f"{counts[UPDATED]} updated", f"{counts[UNCHANGED]} unchanged"]
            if counts[REMOVED]:
                parts.append(f"{counts[REMOVED]} removed")
            yield f"  {label}: {', '.join(parts)}"

    def write(self, stdout, heading):
        stdout.write(heading)
        for line in self.lines():
            stdout.write(line)


def sync(model, key, values):
    """Create or update the row found by `key` so that it holds `values`; save only if something differs.

    Returns (object, outcome).
    """
    obj = model.objects.filter(**key).first()
    if obj is None:
        return create(model, {**key, **values}), CREATED
    return obj, update(obj, values, key)


def create(model, values):
    """A new row holding `values`, validated and saved."""
    obj = model(**values)
    _save_valid(obj, values)
    return obj


def update(obj, values, key=None):
    """Give an existing row `values`, saving only if something differs. Returns the outcome."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return UNCHANGED
    for name in changed:
        setattr(obj, name, values[name])
    _save_valid(obj, key or {"pk": obj.pk})
    return UPDATED


def _save_valid(obj, key):
    # Validated first, so that bad record data stops the load with a message naming the item.
    try:
        obj.full_clean()
    except ValidationError as error:
        raise CommandError(f"The record's {obj._meta.verbose_name} {key} is invalid: {error}") from error
    obj.save()


def set_related(manager, objects):
    """Make a many-to-many relation hold exactly `objects`; True if it changed."""
    wanted = {obj.pk for obj in objects}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    manager.set(objects)
    return True
