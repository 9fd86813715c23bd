"""Where publication files live, how they are named, and how they are removed without losing anything.

PDFs and covers go to the private storage (STORAGES["private"], see core.storage): no URL serves it, so a draft's
file cannot be fetched by guessing a media path. Only the views in publications/views.py hand files out, after
checking the publication.
"""

import logging
import os
import uuid

from django.utils.text import slugify

# get_private_storage: the storage of every publication file field; migrations name it from here. The rollback
# cleanup is shared by every app that stores files (meeting photos too): it lives in core.storage.
from core.storage import (  # noqa: F401 (re-exported for this app's callers and its migrations)
    atomic_with_file_cleanup,
    delete_after_commit,
    delete_if_unused,
    get_private_storage,
    note_new_file,
)

logger = logging.getLogger(__name__)

RESERVED_CHARACTERS = set('"\\/:*?<>|;')


def clean_stem(filename, fallback="document"):
    """A safe, readable file stem: no folders, no control characters, ASCII letters, digits and hyphens."""
    base = os.path.basename(str(filename).replace("\\", "/"))
    stem = os.path.splitext(base)[0]
    return slugify(stem)[:80].strip("-") or fallback


def random_name(folder, extension):
    """folder/<32 random hex>.<extension>: a picture's name says nothing of the upload (covers; images.files)."""
    return f"{folder}/{uuid.uuid4().hex}.{extension}"


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
