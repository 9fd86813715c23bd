import importlib

from django.core.management.base import BaseCommand

from iomeu import search
from iomeu.models import SearchEntry
from meetings.models import Meeting
from publications.storage import atomic_with_file_cleanup

# Each app contributes a `load(stdout)` function in its `record` module, run in this order (publications refer to
# topics and services the meetings part creates; the pages' key figures refer to meetings). A part that does not
# exist yet is skipped.
LOADERS = ["meetings.record", "publications.record", "iomeu.record_pages"]


class Command(BaseCommand):
    help = (
        "Load the record (topics, EU services, people, meetings, publications) from the data files kept in the "
        "repository. Idempotent: items of the record are brought back to what the record says, nothing else changes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database already holds any meeting."
        )

    def handle(self, *args, **options):
        if options["if_empty"] and Meeting.objects.exists():
            self.stdout.write("The database already holds meetings: the record was not loaded.")
            if not SearchEntry.objects.exists():
                # A database filled before the search index existed: build it once.
                search.rebuild(self.stdout)
            return
        loaders = [module.load for module in map(_import_if_present, LOADERS) if module is not None]
        # One transaction: a failure in any part leaves the database as it was, and no sample file behind.
        with atomic_with_file_cleanup():
            for load in loaders:
                load(self.stdout)
        self.stdout.write(self.style.SUCCESS("The record is loaded."))


def _import_if_present(name):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name == name:
            return None
        raise
