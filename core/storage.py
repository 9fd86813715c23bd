"""The private storage (STORAGES["private"]: files no URL serves), and files on object storage: a redirect to a
short-lived signed URL instead of streaming them through Python; and the removal of files stored by a transaction
that rolls back (atomic_with_file_cleanup), for every app that stores files."""

import contextlib
import contextvars
import logging
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DatabaseError, transaction
from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

logger = logging.getLogger(__name__)


class PrivateStorage(FileSystemStorage):
    """A folder on the local disk whose files have no URL: only views that check who may see a file hand it out.

    Never put its location under MEDIA_ROOT or STATIC_ROOT.
    """

    def url(self, name):
        raise ValueError(f"{name} is a private file: link to the view that serves it instead.")


def get_private_storage():
    """STORAGES["private"]: publication files, and retired media (a callable, so migrations do not freeze it)."""
    return storages["private"]


RETIRED_PREFIX = "retired/"

# For files apps make from stored ones (e.g. images' renditions), registered from their AppConfig.ready(): functions
# that take the names the records hold and return a test, stored name -> bool, of the derived files to keep.
derived_file_keepers = []


def retired_name(name):
    """Where, in the private storage, a public media file is kept when no record uses it but a stored revision
    may bring it back: a deleted item's photo is no longer served at its old /media/ address, yet restoring the
    item from its history brings it back."""
    return f"{RETIRED_PREFIX}{name}"


def is_remote(storage):
    """True for storages with no local path (S3 and the like), whose files Django cannot stream by itself."""
    try:
        storage.path("probe")
    except NotImplementedError:
        return True
    return False


def signed_download_redirect(storage, name, filename=None, as_attachment=True, content_type="application/pdf"):
    """A 302 to a signed URL of the stored file that expires in IOMEU_SIGNED_DOWNLOAD_SECONDS; None for a storage
    on the local disk, whose files the view streams itself.

    Call it after the view's own checks (published, not a draft). The object store then answers with the same
    file name, disposition and type the view would have sent.
    """
    if not is_remote(storage):
        return None
    parameters = {"ResponseContentType": content_type}
    if filename:
        parameters["ResponseContentDisposition"] = content_disposition_header(as_attachment, filename)
    url = storage.url(name, parameters=parameters, expire=settings.IOMEU_SIGNED_DOWNLOAD_SECONDS)
    response = HttpResponseRedirect(url)
    # The signature expires: neither browsers nor the page cache may keep the redirect.
    add_never_cache_headers(response)
    return response


# Files written during the current transaction, so that a rollback can remove them (Django has no on_rollback).
_new_files = contextvars.ContextVar("new_files", default=None)


def note_new_file(name, in_use):
    """Remember a file saved in this transaction; if it rolls back, the file goes unless `in_use(name)`."""
    written = _new_files.get()
    if written is not None:
        written.append((name, in_use))


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
        for name, in_use in written:
            delete_if_unused(name, in_use)
        raise
    else:
        if outer is not None:
            outer.extend(written)
    finally:
        _new_files.reset(token)


def delete_if_unused(name, in_use):
    """Delete a stored file unless `in_use(name)` (e.g. publications.models.file_in_use: a record or a revision
    still points at it); on any doubt keep it (an orphan is better than a lost file)."""
    if not name:
        return
    try:
        if in_use(name):
            return
        get_private_storage().delete(name)
        _remove_empty_folder(name)
    except (OSError, DatabaseError):
        logger.exception("Could not delete the unused file %s", name)


def delete_after_commit(name, in_use):
    """Remove a file once the transaction that stopped using it has committed, unless `in_use(name)` then."""
    if name:
        transaction.on_commit(lambda: delete_if_unused(name, in_use))


def _remove_empty_folder(name):
    private_storage = get_private_storage()
    if is_remote(private_storage):
        return  # object storage has no folders
    folder = os.path.dirname(private_storage.path(name))
    root = os.path.abspath(private_storage.location)
    if os.path.abspath(folder) != root:
        with contextlib.suppress(OSError):
            os.rmdir(folder)  # only succeeds when empty
