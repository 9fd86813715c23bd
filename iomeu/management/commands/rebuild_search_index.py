from django.core.management.base import BaseCommand

from iomeu import search


class Command(BaseCommand):
    help = (
        "Rewrite the site search's entries for every meeting, publication, Presidency, EU service and page. "
        "Saves keep the entries up to date; run this after bulk imports or a database restore."
    )

    def handle(self, *args, **options):
        search.rebuild(self.stdout)
