"""Publication covers are pictures like meeting photos: responsive renditions on public pages, reachable only while
the publication is public, whether made from the PDF's first page or uploaded."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from images import renditions
from images.pictures import Picture
from tests.publications import factories

from .test_private_photos import HIDDEN

pytestmark = pytest.mark.django_db


def with_page_cover(**fields):
    publication = factories.make_publication(**fields)
    factories.make_file(publication)
    return publication


def with_uploaded_cover(**fields):
    publication = factories.make_publication(**fields)
    publication.cover_image = ContentFile(factories.image_bytes((600, 800)), name="cover.png")
    publication.save()
    return publication


def picture_of(publication):
    return Picture(type(publication).objects.for_lists().get(pk=publication.pk).cover_holder)


def sources_of(html):
    return [part.split()[0] for part in html.split('srcset="')[1].split('"')[0].split(", ")]


@pytest.mark.parametrize("make", [with_page_cover, with_uploaded_cover])
def test_the_publication_page_and_its_card_show_the_cover_as_small_renditions_in_modern_formats(client, make):
    publication = make(title="Cover test")
    picture = picture_of(publication)
    page = client.get(publication.get_absolute_url()).content.decode()
    listing = client.get("/publications/").content.decode()
    # The page's 14rem cover and the card's 6rem one: renditions up to three times as wide, never wider.
    for html, alt, largest in ((page, 'alt="Cover of Cover test"', 672), (listing, 'alt=""', 288)):
        figure = html[html.index("<picture>") : html.index("</picture>")]
        assert alt in figure
        width, height = picture.display_size
        shown_width = int(figure.split(' width="')[1].split('"')[0])
        shown_height = int(figure.split(' height="')[1].split('"')[0])
        assert 'type="image/webp"' in figure and abs(shown_height - height * shown_width / width) <= 1
        widths = [int(url.split("/w")[-1].split(".")[0]) for url in sources_of(figure)]
        assert min(widths) == 160 and max(widths) < 2 * largest, widths
        for url in sources_of(figure):
            assert url.startswith("/images/publication-"), url
    assert 'sizes="6rem"' in listing
    original_size = len(picture.file.open("rb").read())
    response = client.get(picture.url("w160.webp"))
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert len(b"".join(response.streaming_content)) < original_size / 4  # what a 6rem card needs, not the PDF page


@pytest.mark.parametrize("make", [with_page_cover, with_uploaded_cover])
@pytest.mark.parametrize("state", HIDDEN)
def test_a_hidden_publications_cover_answers_404_to_the_public_and_200_to_its_staff(client, make, state):
    publication = make(**HIDDEN[state])
    picture = picture_of(publication)
    addresses = [picture.url("original")] + [
        picture.url(f"w{w}.{f}") for w in picture.widths for f in renditions.formats()
    ]
    for url in addresses:
        assert client.get(url).status_code == 404, url
    client.force_login(factories.make_staff(permissions=["publications.view_publication"]))
    for url in addresses:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"]


def test_a_cover_url_stops_working_once_the_publication_is_unpublished(client):
    publication = with_page_cover()
    url = picture_of(publication).url("w240.jpg")
    assert client.get(url).status_code == 200
    publication.expires_at = timezone.now()
    publication.save()
    assert client.get(url).status_code == 404
