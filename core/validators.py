"""Validation of uploaded images, shared by every model that stores a photo or a cover."""

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

# MPO is how Pillow reads the JPEGs many phone cameras write (a JPEG with extra frames).
ACCEPTED_IMAGE_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}


def validate_image_file(upload):
    """Accept only a real JPEG, PNG, WebP or GIF image with a bounded number of pixels."""
    if getattr(upload, "_committed", False):
        # Already stored, so checked when it was uploaded; re-saving a form must not reopen it (it may be closed).
        return
    limit = settings.IOMEU_MAX_IMAGE_PIXELS
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            width, height = image.size
            image_format = image.format
            if width * height > limit:
                raise ValidationError(
                    f"This image is {width}×{height} pixels; the limit is {limit:,} pixels. Upload a smaller image.",
                    code="too_many_pixels",
                )
            image.verify()
        # verify() checks structure only; decoding the pixels catches files cut off part-way.
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "This file is not an image we can read (JPEG, PNG, WebP or GIF). It may be damaged or of another type.",
            code="not_an_image",
        ) from error
    finally:
        upload.seek(0)
    if image_format not in ACCEPTED_IMAGE_FORMATS:
        raise ValidationError(
            f"{image_format} images are not accepted; upload a JPEG, PNG, WebP or GIF.", code="image_format"
        )
