"""Where originals are stored: the private storage (no media URL reaches it), under random names.

A name says nothing about the upload (no original file name, no date): images/<folder>/<32 random hex>.<ext>, the
extension taken from what the file is, not from what it was called. Each new upload gets a new name, so every URL
derived from it (renditions included) changes when the picture does.
"""

import uuid

from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

from core.security import new_images, strip_image_location
from core.storage import note_new_file

EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}


def random_name(folder, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in CONTENT_TYPES:
        extension = "jpg"
    return f"images/{folder}/{uuid.uuid4().hex}.{extension}"


def _format_extension(file):
    position = file.tell()
    try:
        file.seek(0)
        with Image.open(file) as image:
            return EXTENSIONS.get(image.format, "jpg")
    except (OSError, UnidentifiedImageError, ValueError):
        return "jpg"  # the field's validator refuses it before it gets here
    finally:
        file.seek(position)


def store_new_images(instance, in_use):
    """Store each newly chosen image of `instance` (without its location data) and note it for the rollback.

    Call it inside core.storage.atomic_with_file_cleanup() before saving the row: if the transaction then fails, the
    files go again unless `in_use(name)` (the surrounding block, e.g. the admin's whole save, decides).
    """
    for field_file in new_images(instance):
        content = field_file.file
        name = f"upload.{_format_extension(content)}"
        cleaned = strip_image_location(content)
        # Named: an unnamed file would leave the width and height fields empty.
        content = ContentFile(cleaned, name=name) if cleaned is not None else content
        content.seek(0)
        field_file.save(name, content, save=False)
        note_new_file(field_file.name, in_use)


def move_to_private(model, field_name, folder, *, using="default"):
    """For a data migration: move each row's file from the public media storage to the private one, under a new
    random name (the old name may be guessable). Rows whose file is already private, or missing, are left as
    they are."""
    from django.core.files.storage import storages

    public, private = storages["default"], storages["private"]
    for row in model._default_manager.using(using).exclude(**{field_name: ""}).iterator():
        name = getattr(row, field_name).name
        if private.exists(name) or not public.exists(name):
            continue
        with public.open(name, "rb") as content:
            stored = private.save(random_name(folder, name), content)
        model._default_manager.using(using).filter(pk=row.pk).update(**{field_name: stored})
        public.delete(name)


def move_to_public(model, field_name, *, using="default"):
    """The reverse of move_to_private (keeping the random names): the files go back to the public media."""
    from django.core.files.storage import storages

    public, private = storages["default"], storages["private"]
    for row in model._default_manager.using(using).exclude(**{field_name: ""}).iterator():
        name = getattr(row, field_name).name
        if not private.exists(name) or public.exists(name):
            continue
        with private.open(name, "rb") as content:
            public.save(name, content)
        private.delete(name)
