"""Files nothing names any more are deleted by delete_orphaned_files; everything a record, a revision or a draft
names stays, with the renditions of live pictures."""

import datetime
import os
from io import StringIO

import pytest
import reversion
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import transaction

from images.pictures import Picture
from tests.meetings import factories

from .photos import make_photo, photo_bytes

pytestmark = pytest.mark.django_db


class RolledBack(Exception):
    pass


def age(name, hours):
    """Make a stored file look `hours` old (the sweep leaves young files alone: a save may still be under way)."""
    path = storages["private"].path(name)
    then = (datetime.datetime.now() - datetime.timedelta(hours=hours)).timestamp()
    os.utime(path, (then, then))


def sweep(*args):
    out = StringIO()
    call_command("delete_orphaned_files", *args, stdout=out)
    return out.getvalue()


def test_a_photo_left_by_a_scripts_rolled_back_transaction_is_deleted_and_live_files_are_kept(client):
    meeting = factories.make_meeting()
    live = make_photo(meeting, data=photo_bytes((700, 440)))
    rendition = client.get(Picture(live).url("w320.webp"))
    assert rendition.status_code == 200
    with pytest.raises(RolledBack), transaction.atomic():  # a script's own block, not the admin's
        left = make_photo(meeting, data=photo_bytes((500, 300))).image.name
        raise RolledBack
    storage = storages["private"]
    assert storage.exists(left), "a plain rolled-back transaction leaves the file (what the sweep is for)"
    for name in [live.image.name, left]:
        age(name, 48)

    listed = sweep("--dry-run")
    assert f"Would delete {left}" in listed and live.image.name not in listed
    assert storage.exists(left)

    report = sweep()
    assert f"Deleted {left}" in report and "1 orphaned file deleted." in report
    assert not storage.exists(left)
    assert storage.exists(live.image.name)
    assert client.get(Picture(live).url("w320.webp")).status_code == 200  # its rendition was kept


def test_files_a_revision_may_restore_and_young_files_are_kept():
    storage = storages["private"]
    photo = make_photo(factories.make_meeting())
    in_history = storage.save("images/meetings/in-history.jpg", ContentFile(photo_bytes((60, 40))))
    with reversion.create_revision():  # a revision that names a file no record names any more
        photo.image.name = in_history
        reversion.add_to_revision(photo)
    young = storage.save("images/meetings/being-saved.jpg", ContentFile(photo_bytes((60, 40))))
    age(in_history, 48)

    assert "0 orphaned files deleted." in sweep()
    assert storage.exists(in_history) and storage.exists(young)
    assert "1 orphaned file deleted." in sweep("--min-age-hours", "0")  # the young one, once old enough
    assert storage.exists(in_history) and not storage.exists(young)
