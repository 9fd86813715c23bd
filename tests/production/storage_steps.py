"""Saves the object-storage tests make inside a site's own environment (its settings, database and bucket):

    python -m tests.production.storage_steps SLUG_TO_REPLACE SLUG_TO_DELETE

Each scenario saves through the models as the record loader or a script does (no revision keeps the files), and
after each step looks in the bucket with a client of its own (boto3, not the site's storage) for the objects
concerned; it prints the stored names and what it saw as JSON, for the test to judge.
"""

import argparse
import json
import os

import django

django.setup()

import boto3  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import transaction  # noqa: E402

from core.models import Status  # noqa: E402
from publications.models import Publication, PublicationFile, PublicationKind  # noqa: E402
from publications.storage import atomic_with_file_cleanup  # noqa: E402
from tests.publications.factories import pdf_bytes  # noqa: E402


class RolledBack(Exception):
    pass


def bucket_has(names):
    """For each stored name of the private storage: is its object in the bucket?"""
    client = boto3.client("s3", endpoint_url=os.environ["IOMEU_S3_ENDPOINT_URL"], region_name="us-east-1")
    keys = {
        item["Key"]
        for item in client.list_objects_v2(Bucket=settings.IOMEU_S3_BUCKET, Prefix="private/").get("Contents", [])
    }
    return {name: f"private/{name}" in keys for name in names}


def stored(file):
    return [file.file.name, file.thumbnail.name]


def upload(slug, version):
    return SimpleUploadedFile(f"{slug}-{version}.pdf", pdf_bytes(text=f"{slug} {version}"), "application/pdf")


def create(slug):
    publication = Publication.objects.create(
        title=slug,
        slug=slug,
        kind=PublicationKind.objects.get(slug="policy-paper"),
        publication_date="2026-11-01",
        summary="Made by tests/production/storage_steps.py.",
        status=Status.PUBLISHED,
    )
    file = PublicationFile(publication=publication, file=upload(slug, "first"))
    file.read_upload()
    file.save()
    return publication, file


def replace_once(file, version, roll_back):
    """Give the file a new PDF as the admin saves one: inside atomic_with_file_cleanup, which removes the files
    written in it if it fails. Returns the names it wrote."""
    try:
        with atomic_with_file_cleanup():
            file.file = upload(file.publication.slug, version)
            file.read_upload()
            file.save()
            written = stored(file)
            if roll_back:
                raise RolledBack
    except RolledBack:
        pass
    return written


def replace(slug):
    _, file = create(slug)
    first = stored(file)
    seen = {"created": bucket_has(first)}
    rolled_back = replace_once(file, "second", roll_back=True)
    file = PublicationFile.objects.get(pk=file.pk)
    seen["rolled back"] = {"row": stored(file), **bucket_has(first + rolled_back)}
    replaced = replace_once(file, "third", roll_back=False)
    seen["replaced"] = bucket_has(first + replaced)
    return {"first": first, "rolled back": rolled_back, "replaced": replaced, "seen": seen}


def delete(slug):
    publication, file = create(slug)
    names = stored(file)
    seen = {"created": bucket_has(names)}
    try:
        with transaction.atomic():
            publication.delete()
            raise RolledBack
    except RolledBack:
        pass
    seen["rolled back"] = bucket_has(names)
    Publication.objects.get(slug=slug).delete()
    seen["deleted"] = bucket_has(names)
    return {"names": names, "seen": seen}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("replaced", help="the slug of a publication to make, then give a new PDF")
    parser.add_argument("deleted", help="the slug of a publication to make, then delete")
    args = parser.parse_args()
    # Both scenarios in one process: each start of Django with the production settings costs seconds.
    print(json.dumps({"replace": replace(args.replaced), "delete": delete(args.deleted)}))


if __name__ == "__main__":
    main()
