"""Photo-like test images and meeting photos stored from them."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from meetings.models import MeetingPhoto


def photo_bytes(size=(1600, 1000), image_format="JPEG", halves=None):
    """A camera-like JPEG: noisy pixels (so that it does not compress to nothing) and EXIF with a copyright.

    halves: two colours, left and right, to tell where a crop was taken from.
    """
    if halves:
        image = Image.new("RGB", size, halves[0])
        image.paste(Image.new("RGB", (size[0] // 2, size[1]), halves[1]), (size[0] // 2, 0))
    else:
        image = Image.merge("RGB", [Image.effect_noise(size, 40 + 10 * band) for band in range(3)])
    exif = Image.Exif()
    exif[ExifTags.Base.Copyright] = "IOM 2018"
    exif[ExifTags.Base.Make] = "Camera"
    output = io.BytesIO()
    image.save(output, format=image_format, exif=exif, quality=95)
    return output.getvalue()


def make_photo(meeting, name="meeting.jpg", data=None, **fields):
    fields.setdefault("alt_text", "Officials around a table")
    upload = SimpleUploadedFile(name, data or photo_bytes(), content_type="image/jpeg")
    return MeetingPhoto.objects.create(meeting=meeting, image=upload, **fields)
