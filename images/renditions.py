"""Renditions: resized copies of an original in modern formats, made on their first request and kept.

A rendition is named after its original's stored name and the focal point, so it is written once and its name
changes whenever the picture (each upload gets a new random name) or its focal point changes: browsers and shared
caches may keep it for a year. Renditions live in the same storage as the originals (the private one, local
folder or object store), under renditions/<original's key>/, and go with their original.

Renditions carry no metadata (EXIF, XMP, ICC, comments): they are new images made from the pixels.
"""

import hashlib
import io
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, features

logger = logging.getLogger(__name__)

# Widths of the resized (not cropped) renditions: srcset candidates, never wider than the original. Close enough
# together that a browser's pick is never far above what it shows (a phone's column at its pixel ratio, a
# publication card's 6rem cover at 1x and 2x).
WIDTHS = (160, 240, 320, 480, 640, 720, 800, 960, 1120, 1280, 1600)
# Cropped renditions (the focal point kept in view), by name: width and height.
CROPS = {"thumb": (160, 160), "card": (480, 320)}

QUALITY = {"avif": 55, "webp": 78, "jpg": 82}
CONTENT_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg"}
PIL_FORMATS = {"avif": "AVIF", "webp": "WEBP", "jpg": "JPEG"}


def formats():
    """Formats offered, best first; the last is the fallback every browser shows. AVIF only where Pillow has it."""
    found = ["webp", "jpg"]
    if features.check("avif"):
        found.insert(0, "avif")
    return tuple(found)


@dataclass(frozen=True)
class Spec:
    """What a rendition is: a width (resized) or a named crop, in a format. Its text is the URL's last part."""

    width: int
    height: int | None  # None: resized, the height follows the original's proportions
    image_format: str
    crop: str = ""

    def __str__(self):
        size = self.crop if self.crop else f"w{self.width}"
        return f"{size}.{self.image_format}"

    @property
    def content_type(self):
        return CONTENT_TYPES[self.image_format]


def parse(text, original_width):
    """The Spec a URL names ("w640.webp", "thumb.jpg"), or None when it is not one the site makes for this image.

    Only the fixed sizes (and the original's own width) are accepted, so nobody can fill the storage with
    renditions of sizes the pages never ask for.
    """
    size, _, image_format = text.partition(".")
    if image_format not in formats():
        return None
    if size in CROPS:
        width, height = CROPS[size]
        return Spec(width, height, image_format, crop=size)
    if size.startswith("w") and size[1:].isdigit():
        width = int(size[1:])
        if width in widths_for(original_width):
            return Spec(width, None, image_format)
    return None


def widths_for(original_width):
    """The srcset widths of an image: the fixed widths below its own, and its own width (never upscaled)."""
    if not original_width:
        return ()
    below = [width for width in WIDTHS if width < original_width]
    return (*below, min(original_width, WIDTHS[-1]))


def image_key(name):
    return hashlib.sha256(name.encode()).hexdigest()[:24]


def version(name, focal_x=None, focal_y=None):
    """Changes when the stored original or the focal point does: part of every URL of the image."""
    return hashlib.sha256(f"{name}|{focal_x}|{focal_y}".encode()).hexdigest()[:16]


def folder(name):
    return f"renditions/{image_key(name)}"


def rendition_name(name, spec, focal_x=None, focal_y=None):
    return f"{folder(name)}/{version(name, focal_x, focal_y)}-{spec}"


def render(original, spec, focal_x=None, focal_y=None):
    """The rendition's bytes, made from an open original file."""
    with Image.open(original) as image:
        image = ImageOps.exif_transpose(image)  # the pixels as the camera meant them; the EXIF is not copied
        if spec.crop:
            centering = ((focal_x if focal_x is not None else 50) / 100, (focal_y if focal_y is not None else 50) / 100)
            image = ImageOps.fit(image, (spec.width, spec.height), Image.Resampling.LANCZOS, centering=centering)
        elif image.width > spec.width:
            height = max(1, round(image.height * spec.width / image.width))
            image = image.resize((spec.width, height), Image.Resampling.LANCZOS)
        else:
            image = image.copy()
        has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
        if spec.image_format == "jpg" or not has_alpha:
            if has_alpha:
                background = Image.new("RGB", image.size, (255, 255, 255))
                background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
                image = background
            else:
                image = image.convert("RGB")
        else:
            image = image.convert("RGBA")
        image.info = {}  # nothing of the original's metadata goes along
        output = io.BytesIO()
        options = {"quality": QUALITY[spec.image_format]}
        if spec.image_format == "jpg":
            options.update(optimize=True, progressive=True)
        elif spec.image_format == "webp":
            options["method"] = 4
        elif spec.image_format == "avif":
            options["speed"] = 8  # ten times faster than the default, for about the same size
        image.save(output, format=PIL_FORMATS[spec.image_format], **options)
        return output.getvalue()


def get_or_create(storage, name, spec, focal_x=None, focal_y=None):
    """The stored name of the rendition, made now if it does not exist yet (a second request writes nothing)."""
    target = rendition_name(name, spec, focal_x, focal_y)
    if storage.exists(target):
        return target
    if not storage.exists(name):
        raise FileNotFoundError(f"The original {name} is missing.")
    with storage.open(name, "rb") as original:
        data = render(original, spec, focal_x, focal_y)
    stored = storage.save(target, ContentFile(data))
    if stored != target:
        # Another request made it in the meantime: keep theirs, drop ours.
        storage.delete(stored)
    return target


def renditions_of(names):
    """For core.storage.derived_file_keepers: a test that keeps the renditions of these originals."""
    keys = {image_key(name) for name in names}
    return lambda stored: stored.startswith("renditions/") and stored.split("/")[1] in keys


def delete_all(storage, name):
    """Remove every rendition of the original `name` (it was deleted, replaced or retired)."""
    if not name:
        return
    try:
        _, files = storage.listdir(folder(name))
    except (FileNotFoundError, NotADirectoryError):
        return
    for file in files:
        storage.delete(f"{folder(name)}/{file}")
    try:
        storage.delete(folder(name))  # the empty folder, on a local disk
    except OSError:
        logger.debug("Could not remove the folder of the renditions of %s", name)
