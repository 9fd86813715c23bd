from django.core.management.base import BaseCommand

from search import engine


class Command(BaseCommand):
    help = (
        "Rewrite the site search's entries for every item of the kinds it covers (meetings, publications, pages...). "
        "Saves keep the entries up to date; run this after bulk imports or a database restore."
    )

    def handle(self, *args, **options):
        engine.rebuild(self.stdout)
