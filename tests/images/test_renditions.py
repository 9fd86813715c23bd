"""Renditions: smaller, modern formats, no metadata, made once and kept, renamed when the picture changes."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, features

from images import renditions
from images.pictures import Picture
from tests.meetings import factories

from .photos import make_photo, photo_bytes

pytestmark = pytest.mark.django_db


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content)


def stored_files(root):
    return sorted(os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names)


@pytest.mark.parametrize("image_format", renditions.formats())
def test_a_rendition_is_smaller_than_the_original_resized_and_carries_no_metadata(client, image_format):
    photo = make_photo(factories.make_meeting())
    original = open(photo.image.path, "rb").read()
    assert Image.open(io.BytesIO(original)).getexif()  # the upload's copyright and camera stay on the original
    for width in (640, 1600):
        data = fetch(client, Picture(photo).url(f"w{width}.{image_format}"))
        assert len(data) < len(original)
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == renditions.PIL_FORMATS[image_format]
            assert image.size == (width, width * 1000 // 1600)
            assert not image.getexif()
            assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info)


def test_avif_is_offered_exactly_when_pillow_can_write_it():
    assert ("avif" in renditions.formats()) == features.check("avif")
    assert renditions.formats()[-2:] == ("webp", "jpg")


def test_a_rendition_is_made_once_and_a_second_request_writes_nothing(client, private_root, monkeypatch):
    photo = make_photo(factories.make_meeting())
    url = Picture(photo).url("w960.webp")
    first = fetch(client, url)
    files = stored_files(private_root)
    times = {path: os.stat(path).st_mtime_ns for path in files}
    assert len(files) == 2  # the original and this rendition

    def no_second_rendering(*args, **kwargs):
        raise AssertionError("the rendition was made again")

    monkeypatch.setattr(renditions, "render", no_second_rendering)
    assert fetch(client, url) == first
    assert stored_files(private_root) == files
    assert {path: os.stat(path).st_mtime_ns for path in files} == times


def test_a_new_image_gets_new_addresses_and_the_old_ones_answer_404(client):
    photo = make_photo(factories.make_meeting())
    old = Picture(photo).url("w640.webp")
    fetch(client, old)
    photo.image = SimpleUploadedFile("new.jpg", photo_bytes((900, 600)))
    photo.save()
    new = Picture(photo).url("w640.webp")
    assert new != old
    assert client.get(old).status_code == 404
    with Image.open(io.BytesIO(fetch(client, new))) as image:
        assert image.size == (640, 427)


def test_moving_the_focal_point_changes_the_addresses_of_the_crops(client):
    photo = make_photo(factories.make_meeting())
    before = Picture(photo).crop_url("card")
    photo.focal_x, photo.focal_y = 10, 20
    photo.save()
    assert Picture(photo).crop_url("card") != before
    assert client.get(before).status_code == 404


@pytest.mark.parametrize(("focal_x", "colour"), [(0, (200, 0, 0)), (100, (0, 0, 200))])
def test_a_cropped_rendition_keeps_the_focal_point_in_view(client, focal_x, colour):
    # Left half red, right half blue; a square crop of a wide image shows only one of them.
    data = photo_bytes((1200, 400), halves=[(200, 0, 0), (0, 0, 200)])
    photo = make_photo(factories.make_meeting(), data=data, focal_x=focal_x, focal_y=50)
    with Image.open(io.BytesIO(fetch(client, Picture(photo).crop_url("thumb")))) as image:
        assert image.size == renditions.CROPS["thumb"]
        red, green, blue = image.convert("RGB").getpixel((80, 80))
        assert abs(red - colour[0]) < 40 and abs(blue - colour[2]) < 40


@pytest.mark.parametrize("variant", ["w333.webp", "w3200.webp", "w640.gif", "w640.png", "huge.jpg", "original.jpg"])
def test_sizes_and_formats_the_site_does_not_make_answer_404(client, variant):
    photo = make_photo(factories.make_meeting(), data=photo_bytes((800, 500)))
    assert client.get(Picture(photo).url(variant)).status_code == 404


def test_an_address_with_another_version_answers_404(client):
    photo = make_photo(factories.make_meeting(), data=photo_bytes((800, 500)))
    url = Picture(photo).url("w640.webp")
    version = Picture(photo).version
    assert client.get(url.replace(version, "0" * 16)).status_code == 404
    assert client.get(url.replace(f"/{photo.pk}/", f"/{photo.pk + 1}/")).status_code == 404


def test_a_small_photo_is_never_enlarged(client):
    photo = make_photo(factories.make_meeting(), data=photo_bytes((500, 300)))
    assert Picture(photo).widths == (160, 240, 320, 480, 500)
    with Image.open(io.BytesIO(fetch(client, Picture(photo).url("w500.jpg")))) as image:
        assert image.size == (500, 300)
    assert client.get(Picture(photo).url("w640.jpg")).status_code == 404


def test_deleting_a_photo_removes_its_renditions(client, private_root, django_capture_on_commit_callbacks):
    photo = make_photo(factories.make_meeting())
    fetch(client, Picture(photo).url("w640.webp"))
    fetch(client, Picture(photo).crop_url("thumb"))
    assert len(stored_files(private_root)) == 3
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert stored_files(private_root) == []


def test_a_damaged_original_answers_404_not_500(client, caplog):
    photo = make_photo(factories.make_meeting(), data=photo_bytes((800, 500)))
    with open(photo.image.path, "r+b") as stored:
        stored.truncate(200)  # damaged on the disk after its upload was checked
    assert client.get(Picture(photo).url("w640.webp")).status_code == 404
    assert "Could not make the rendition" in caplog.text


def test_a_missing_original_answers_404_at_every_address_not_500(client):
    photo = make_photo(factories.make_meeting(), data=photo_bytes((800, 500)))
    kept = Picture(photo).url("w320.jpg")
    assert client.get(kept).status_code == 200  # this rendition is made and kept
    os.remove(photo.image.path)  # lost from the disk

    assert client.get(Picture(photo).url("original")).status_code == 404
    assert client.get(Picture(photo).url("w640.webp")).status_code == 404  # cannot be made any more
    assert client.get(kept).status_code == 200  # the kept one still shows


def test_every_address_of_a_picture_is_the_one_reverse_gives():
    photo = make_photo(factories.make_meeting(), data=photo_bytes((800, 500)))
    picture = Picture(photo)
    for variant in ("original", "w320.webp", "w160.avif", "thumb.jpg"):
        kwargs = {"kind": "meeting-photo", "pk": photo.pk, "version": picture.version, "variant": variant}
        assert picture.url(variant) == reverse("images:image", kwargs=kwargs)
