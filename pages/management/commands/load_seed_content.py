from django.core.management.base import BaseCommand

from meetings import record as meetings_record
from meetings.models import Meeting
from pages import record as pages_record
from publications import record as publications_record
from publications.storage import atomic_with_file_cleanup
from search import engine
from search.models import SearchEntry

# Each app's record loader, in this order: publications refer to topics and services the meetings part creates; the
# pages' key figures refer to meetings.
LOADERS = [meetings_record.load, publications_record.load, pages_record.load]


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
                engine.rebuild(self.stdout)
            return
        # One transaction: a failure in any part leaves the database as it was, and no sample file behind.
        with atomic_with_file_cleanup():
            for load in LOADERS:
                load(self.stdout)
        self.stdout.write(self.style.SUCCESS("The record is loaded."))
