import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.validators import validate_image_file


def upload_of(image_format, **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, format=image_format, **save_options)
    return SimpleUploadedFile(f"photo.{image_format.lower()}", buffer.getvalue())


def test_a_phone_camera_jpeg_with_several_frames_is_accepted():
    second_frame = Image.new("RGB", (40, 30), "white")
    upload = upload_of("MPO", save_all=True, append_images=[second_frame])
    assert Image.open(io.BytesIO(upload.read())).format == "MPO"
    validate_image_file(upload)


def test_a_bmp_is_refused_with_the_formats_we_take():
    with pytest.raises(ValidationError, match="JPEG, PNG, WebP or GIF"):
        validate_image_file(upload_of("BMP"))
