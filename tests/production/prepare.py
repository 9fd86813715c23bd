"""Prepare a site's database in one process (each start of Django with the production settings costs seconds):
migrate, load the record unless --empty, and make the staff account (a superuser).

    python -m tests.production.prepare USERNAME [--empty]      (the password in IOMEU_TEST_STAFF_PASSWORD)
"""

import argparse
import os

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("username")
    parser.add_argument("--empty", action="store_true", help="do not load the record")
    args = parser.parse_args()
    call_command("migrate", interactive=False, verbosity=0)
    if not args.empty:
        call_command("load_seed_content", verbosity=0)
    get_user_model().objects.create_superuser(
        args.username, "staff@iomeu.test", os.environ["IOMEU_TEST_STAFF_PASSWORD"]
    )


if __name__ == "__main__":
    main()
