from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the record (meetings, services, people, publications) into the database. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database already has content.")

    def handle(self, *args, **options):
        self.stdout.write("The record loader is not written yet.")
