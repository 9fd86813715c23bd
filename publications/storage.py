"""Where publication files live, how they are named, and how they are removed without losing anything.

PDFs and covers go to the private storage (STORAGES["private"], see iomeu.storage): no URL serves it, so a draft's
file cannot be fetched by guessing a media path. Only the views in publications/views.py hand files out, after
checking the publication.
"""

import contextlib
import contextvars
import logging
import os
import uuid

from django.db import DatabaseError, transaction
from django.utils.text import slugify

# get_private_storage: the storage of every publication file field; migrations name it from here.
from iomeu.storage import get_private_storage, is_remote

logger = logging.getLogger(__name__)

RESERVED_CHARACTERS = set('"\\/:*?<>|;')


def clean_stem(filename, fallback="document"):
    """A safe, readable file stem: no folders, no control characters, ASCII letters, digits and hyphens."""
    base = os.path.basename(str(filename).replace("\\", "/"))
    stem = os.path.splitext(base)[0]
    return slugify(stem)[:80].strip("-") or fallback


def unique_name(folder, filename, extension):
    """folder/<random hex>/<clean stem>.<extension>: never collides, and says what the file is."""
    return f"{folder}/{uuid.uuid4().hex}/{clean_stem(filename)}.{extension}"


def download_filename(filename, fallback):
    """The name a downloaded file gets: no folders, no control or reserved characters; letters of any script stay
    (Content-Disposition carries them in filename*)."""
    base = os.path.basename(str(filename or "").replace("\\", "/"))
    stem = os.path.splitext(base)[0] if base.lower().endswith(".pdf") else base
    stem = "".join(c for c in stem if c.isprintable() and c not in RESERVED_CHARACTERS)
    stem = " ".join(stem.split()).strip(" .") or fallback
    return f"{stem[:120]}.pdf"


# Files written during the current transaction, so that a rollback can remove them (Django has no on_rollback).
_new_files = contextvars.ContextVar("publications_new_files", default=None)


def note_new_file(name):
    written = _new_files.get()
    if written is not None:
        written.append(name)


@contextlib.contextmanager
def atomic_with_file_cleanup(using=None):
    """transaction.atomic() that also deletes the files saved inside it if it rolls back.

    Nested blocks hand their files to the enclosing block, so the outermost one decides.
    """
    outer = _new_files.get()
    written = []
    token = _new_files.set(written)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        for name in written:
            delete_if_unused(name)
        raise
    else:
        if outer is not None:
            outer.extend(written)
    finally:
        _new_files.reset(token)


def is_file_used(name):
    """True if any record, or a stored revision that staff may restore, still points at this stored name."""
    from iomeu.history import file_kept_by_history

    from .models import Publication, PublicationFile

    return (
        PublicationFile.objects.filter(file=name).exists()
        or PublicationFile.objects.filter(thumbnail=name).exists()
        or Publication.objects.filter(cover_image=name).exists()
        or file_kept_by_history(name)
    )


def delete_if_unused(name):
    """Delete a stored file no record points at; on any doubt keep it (an orphan is better than a lost file)."""
    if not name:
        return
    try:
        if is_file_used(name):
            return
        get_private_storage().delete(name)
        _remove_empty_folder(name)
    except (OSError, DatabaseError):
        logger.exception("Could not delete the unused file %s", name)


def delete_after_commit(name):
    """Remove a file once the transaction that stopped using it has committed, unless another record uses it."""
    if name:
        transaction.on_commit(lambda: delete_if_unused(name))


def _remove_empty_folder(name):
    private_storage = get_private_storage()
    if is_remote(private_storage):
        return  # object storage has no folders
    folder = os.path.dirname(private_storage.path(name))
    root = os.path.abspath(private_storage.location)
    if os.path.abspath(folder) != root:
        with contextlib.suppress(OSError):
            os.rmdir(folder)  # only succeeds when empty
