"""Delete stored files that nothing names any more: no record, no revision staff may restore, no pending draft.

Saves remove their new files when they fail (core.storage.atomic_with_file_cleanup), but some leftovers no code
can catch: an outer transaction.atomic() of a script that rolls back after a save succeeded inside it, or a
process killed between storing a file and committing its row. Run this from cron (daily, as the README says).
Files younger than --min-age-hours are left alone: a save may still be on its way to its commit.
"""

import datetime

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models
from django.utils import timezone

from core.history import file_kept_by_history
from core.storage import RETIRED_PREFIX, derived_file_keepers, get_private_storage


def stored_names(storage, folder=""):
    """Every file in the storage, walking its folders (prefixes on object storage)."""
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from stored_names(storage, f"{folder}/{sub}" if folder else sub)


def names_in_records():
    """The stored names every file field of every model holds now."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names.update(
                    model._default_manager.exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
                )
    names.discard(None)
    return names


class Command(BaseCommand):
    help = "Delete files in the private storage that no record, revision or draft names (older than a day)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age-hours", type=float, default=24, help="Keep files younger than this (default: 24)."
        )
        parser.add_argument("--dry-run", action="store_true", help="List what would be deleted; delete nothing.")

    def handle(self, *, min_age_hours, dry_run, **options):
        storage = get_private_storage()
        in_records = names_in_records()
        derived = [keeper(in_records) for keeper in derived_file_keepers]
        cutoff = timezone.now() - datetime.timedelta(hours=min_age_hours)
        orphans = [
            name
            for name in stored_names(storage)
            if name not in in_records
            and not any(keeps(name) for keeps in derived)
            and not file_kept_by_history(name.removeprefix(RETIRED_PREFIX))
            and storage.get_modified_time(name) <= cutoff
        ]
        for name in orphans:
            if not dry_run:
                storage.delete(name)
            self.stdout.write(f"{'Would delete' if dry_run else 'Deleted'} {name}")
        self.stdout.write(
            f"{len(orphans)} orphaned file{'s' if len(orphans) != 1 else ''}{' found' if dry_run else ' deleted'}."
        )
