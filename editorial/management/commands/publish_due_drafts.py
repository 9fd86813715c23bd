from django.core.management.base import BaseCommand

from editorial.workflow import publish_due


class Command(BaseCommand):
    help = "Publish the approved drafts whose publication time has come (run it every minute from cron)."

    def handle(self, *args, **options):
        published = publish_due()
        for obj in published:
            self.stdout.write(f"Published: {obj}")
