"""Uploaded images lose their location data before they are stored.

Photos from phones carry GPS coordinates in EXIF (and sometimes XMP): where a participant lives or stayed. Every
new image stored through an ``ImageField`` of a content app passes through ``strip_location_before_save``; other
code (e.g. a generated cover) can call ``strip_image_location`` on a file directly.
"""

import io
import logging

from django.core.files.base import ContentFile
from django.db import models
from PIL import ExifTags, Image

from .roles import CONTENT_APPS

logger = logging.getLogger(__name__)

# Formats whose metadata we rewrite; GIF carries no EXIF.
_SAVE_OPTIONS = {
    "JPEG": {"quality": "keep", "subsampling": "keep"},
    "PNG": {},
    "WEBP": {"quality": 95},
}


def has_location(image):
    return ExifTags.IFD.GPSInfo in image.getexif() or bool(image.info.get("xmp") or image.info.get("XML:com.adobe.xmp"))


def strip_image_location(file):
    """The image's bytes without GPS EXIF data and XMP, or None when it has none (or is not an image we rewrite).

    Other EXIF tags (orientation, camera, copyright) and the colour profile are kept; JPEG pixels are not
    re-compressed (quality "keep").
    """
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            if image_format not in _SAVE_OPTIONS or not has_location(image):
                return None
            exif = image.getexif()
            exif.pop(ExifTags.IFD.GPSInfo, None)
            options = dict(_SAVE_OPTIONS[image_format])
            if image.info.get("icc_profile"):
                options["icc_profile"] = image.info["icc_profile"]
            if getattr(image, "is_animated", False):
                options["save_all"] = True
            output = io.BytesIO()
            image.save(output, format=image_format, exif=exif, **options)
            return output.getvalue()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        # Not a readable image: the field's validator refuses it; nothing to strip here.
        logger.warning("Could not check an uploaded image for location data.", exc_info=True)
        return None
    finally:
        file.seek(position)


def strip_location_before_save(sender, instance, raw=False, **kwargs):
    """pre_save: replace each new, not yet stored image of a content model by its copy without location data."""
    if raw or sender._meta.app_label not in CONTENT_APPS:
        return
    for field in sender._meta.concrete_fields:
        if not isinstance(field, models.ImageField):
            continue
        field_file = getattr(instance, field.attname)
        if not field_file or field_file._committed:
            continue
        cleaned = strip_image_location(field_file.file)
        if cleaned is not None:
            field_file.file = ContentFile(cleaned, name=field_file.name)


def axes_username(request, credentials):
    """The username django-axes records for a failed sign-in, cut to the 255 characters its column holds.

    A longer username is never a real account; without the cut PostgreSQL refuses the insert (a 500).
    """
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username[:255]
