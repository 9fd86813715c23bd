"""How pages and the admin show photos: <picture> with srcset and sizes, alt text or decorative, credit, thumbnails."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from images import renditions
from images.files import move_to_private
from images.pictures import Picture
from meetings.models import MeetingPhoto
from tests.core.admin_forms import form_data
from tests.meetings import factories

from .photos import make_photo, photo_bytes

pytestmark = pytest.mark.django_db


def photos_section(client, meeting):
    html = client.get(meeting.get_absolute_url()).content.decode()
    return html[html.index('id="photos-heading"') :]


def test_the_meeting_page_shows_a_responsive_picture_with_its_alt_text_size_and_credit(client):
    meeting = factories.make_meeting()
    photo = make_photo(meeting, caption="The opening session", credit="© IOM 2018")
    html = photos_section(client, meeting)
    for image_format in renditions.formats()[:-1]:
        assert f'<source type="{renditions.CONTENT_TYPES[image_format]}" srcset="' in html
    img = re.search(r"<img [^>]*>", html).group(0)
    assert 'alt="Officials around a table"' in img
    assert 'width="1600" height="1000"' in img
    assert 'loading="lazy"' in img and 'sizes="' in img
    srcset = re.search(r'srcset="([^"]+)"', img).group(1)
    assert [candidate.split()[-1] for candidate in srcset.split(", ")] == [f"{w}w" for w in renditions.WIDTHS]
    assert Picture(photo).url("w1600.jpg") in srcset
    assert "/media/" not in html
    assert "The opening session" in html and '<span class="credit">© IOM 2018</span>' in html
    for url in re.findall(r"(/images/[^ \"]+)", html):
        assert client.get(url).status_code == 200


def test_a_decorative_photo_has_an_empty_alt(client):
    meeting = factories.make_meeting()
    make_photo(meeting, alt_text="", decorative=True)
    img = re.search(r"<img [^>]*>", photos_section(client, meeting)).group(0)
    assert 'alt=""' in img


def test_alt_text_as_staff_typed_it_is_escaped_and_intact(client):
    meeting = factories.make_meeting()
    make_photo(meeting, alt_text='The "Brussels" <team> & guests')
    html = photos_section(client, meeting)
    img = re.search(r"<img [^>]*>", html).group(0)
    assert 'alt="The &quot;Brussels&quot; &lt;team&gt; &amp; guests"' in img
    assert "<team>" not in html


def test_a_photo_needs_alt_text_unless_it_is_decorative():
    meeting = factories.make_meeting()
    photo = MeetingPhoto(meeting=meeting, image="images/meetings/x.jpg", width=4, height=3, alt_text="  ")
    with pytest.raises(ValidationError) as error:
        photo.full_clean(exclude=["image"])
    assert "decorative" in str(error.value.message_dict["alt_text"])
    photo.decorative = True
    photo.full_clean(exclude=["image"])  # no error: a decorative photo needs none
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingPhoto.objects.create(meeting=meeting, image="images/meetings/y.jpg", width=4, height=3, alt_text="")


def test_the_focal_point_is_a_percentage():
    photo = MeetingPhoto(
        meeting=factories.make_meeting(), image="images/meetings/x.jpg", width=4, height=3, alt_text="A", focal_x=120
    )
    with pytest.raises(ValidationError) as error:
        photo.full_clean(exclude=["image"])
    assert "focal_x" in error.value.message_dict


def test_the_admin_shows_thumbnails_in_the_list_and_the_form_and_never_a_media_link(admin_client):
    meeting = factories.make_draft()
    photo = make_photo(meeting)
    thumb = Picture(photo).crop_url("thumb")
    changelist = admin_client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    assert thumb in changelist
    form = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    assert thumb in form
    assert "/media/" not in form
    assert admin_client.get(thumb).status_code == 200  # staff see a draft's thumbnail


def test_the_admin_refuses_a_photo_without_alt_text_and_says_how_to_fix_it(admin_client):
    meeting = factories.make_meeting()
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(admin_client.get(url), form_id="meeting_form")
    data.update({"photos-TOTAL_FORMS": "1", "photos-0-alt_text": "", "photos-0-order": "0"})
    data["photos-0-image"] = SimpleUploadedFile("room.jpg", photo_bytes((60, 40)), "image/jpeg")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "tick “decorative”" in response.content.decode()
    assert not MeetingPhoto.objects.exists()
    data["photos-0-image"] = SimpleUploadedFile("room.jpg", photo_bytes((60, 40)), "image/jpeg")
    data["photos-0-decorative"] = "on"
    assert admin_client.post(url, data).status_code == 302
    assert MeetingPhoto.objects.get().alt == ""


def test_photos_uploaded_before_this_release_move_out_of_the_public_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    public = storages["default"]
    public.save("meetings/photos/2026/meeting.jpg", SimpleUploadedFile("x", photo_bytes((40, 30))))
    meeting = factories.make_meeting()
    MeetingPhoto.objects.bulk_create(
        [MeetingPhoto(meeting=meeting, image="meetings/photos/2026/meeting.jpg", alt_text="Old", width=40, height=30)]
    )
    move_to_private(MeetingPhoto, "image", "meetings")
    photo = MeetingPhoto.objects.get()
    assert re.fullmatch(r"images/meetings/[0-9a-f]{32}\.jpg", photo.image.name)
    assert storages["private"].exists(photo.image.name)
    assert not public.exists("meetings/photos/2026/meeting.jpg")


def test_the_publications_admin_list_shows_each_cover_as_a_thumbnail(admin_client):
    from tests.publications import factories as publication_factories

    publication = publication_factories.make_draft(title="Draft with a cover", slug="draft-with-a-cover")
    publication_factories.make_file(publication)
    publication = type(publication).objects.for_lists().get(pk=publication.pk)
    changelist = admin_client.get(reverse("admin:publications_publication_changelist")).content.decode()
    assert f'<img src="{publication.cover_url()}"'.replace("&", "&amp;") in changelist
    assert admin_client.get(publication.cover_url()).status_code == 200
