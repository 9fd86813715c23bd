"""Prepare the database the browser tests' server uses: migrate, load the record, add a staff account.

Run as `python -m tests.browser.seed` with DJANGO_SETTINGS_MODULE=tests.browser.settings, DATABASE_URL and
IOMEU_BROWSER_MEDIA_ROOT set (server.py does this). The record loader is the real one; on top of it this adds
only what the journeys need and the record cannot give: enough meetings to page through, a meeting with a
photo (the record has none), and a staff account.
"""

import datetime
import io
import os

import django


def ensure_pages_of_meetings():
    """The meeting list shows a page at a time; the visitor journey pages through the expert meetings."""
    from core.dates import DatePrecision
    from meetings.models import Meeting
    from meetings.views import MeetingListView

    minimum = MeetingListView.paginate_by + 1
    missing = minimum - Meeting.objects.published().filter(level=Meeting.Level.EXPERT).count()
    for number in range(1, missing + 1):
        Meeting.objects.create(
            title=f"Expert meeting on data for migration policy, session {number}",
            slug=f"browser-test-expert-meeting-{number}",
            level=Meeting.Level.EXPERT,
            date=datetime.date(2012, (number % 12) + 1, 1),
            date_precision=DatePrecision.MONTH,
            summary="An expert meeting added by the browser tests so that the list has more than one page.",
            status="published",
        )


def ensure_meeting_with_everything():
    """A published meeting with participants, a quote and a photo, so every part of the detail page is checked."""
    from django.core.files.base import ContentFile

    from meetings.models import EUService, Meeting, MeetingPhoto, Participation, Person, Quote

    meeting = Meeting.objects.published().filter(quotes__isnull=False, participations__isnull=False).first()
    if meeting is None:
        host, _ = EUService.objects.get_or_create(
            slug="dg-home", defaults={"acronym": "DG HOME", "full_name": "Migration and Home Affairs"}
        )
        meeting = Meeting.objects.create(
            title="Senior Officials Meeting (browser test)",
            slug="browser-test-senior-officials-meeting",
            level=Meeting.Level.SENIOR_OFFICIALS,
            date=datetime.date(2019, 6, 4),
            host=host,
            summary="A meeting added by the browser tests.",
            status="published",
        )
        meeting.services.add(host)
        person, _ = Person.objects.get_or_create(slug="browser-test-person", defaults={"name": "Ana Example"})
        Participation.objects.create(meeting=meeting, person=person)
        Quote.objects.create(meeting=meeting, speaker=person, text="Cooperation works when it is written down.")
    if not meeting.photos.exists():
        MeetingPhoto.objects.create(
            meeting=meeting,
            image=ContentFile(sample_photo_jpeg(), name="sample-photo.jpg"),
            alt_text="A plain blue rectangle standing in for a photo (sample)",
            caption="Sample image: the record has no photographs.",
            credit="Sample",
        )


def sample_photo_jpeg(size=(1600, 1000)):
    """Photo-sized and photo-like (smooth colour with grain), as staff upload them: the renditions and the
    Lighthouse image audits need a real one."""
    from PIL import Image

    smooth = Image.merge(
        "RGB",
        [
            Image.linear_gradient("L").resize(size),
            Image.radial_gradient("L").resize(size),
            Image.linear_gradient("L").rotate(90).resize(size),
        ],
    )
    # Enough grain that sizes matter (a 720-pixel AVIF of it is about 24 kB, the original about 900 kB).
    grain = Image.merge("RGB", [Image.effect_noise(size, 64) for _ in range(3)])
    buffer = io.BytesIO()
    Image.blend(smooth, grain, 0.35).save(buffer, format="JPEG", quality=92)
    return buffer.getvalue()


def ensure_rich_text_meeting():
    """A published meeting whose body the rich-text journey rewrites with the keyboard."""
    from django.core.files.base import ContentFile

    from meetings.models import Meeting, MeetingPhoto

    meeting, created = Meeting.objects.get_or_create(
        slug="browser-test-rich-text",
        defaults={
            "title": "Expert meeting on written records (rich text)",
            "level": Meeting.Level.EXPERT,
            "date": datetime.date(2018, 3, 1),
            "summary": "<p>A meeting whose record staff rewrite in the browser tests.</p>",
            "body": "<p>To be rewritten.</p>",
            "status": "published",
        },
    )
    if created:
        # Also the page the Lighthouse image audits load: a meeting with a photo, at a known address.
        MeetingPhoto.objects.create(
            meeting=meeting,
            image=ContentFile(sample_photo_jpeg(), name="records.jpg"),
            alt_text="Delegates reading the written record (sample image)",
            credit="© IOM (sample)",
        )


def ensure_journey_person():
    """A person the staff journey picks as participant and speaker, with the position held at the time."""
    from meetings.models import Person, Position

    person, created = Person.objects.get_or_create(slug="journey-jo-example", defaults={"name": "Jo Example"})
    if created:
        Position.objects.create(
            person=person, title="Head of Unit", organisation="European Commission", start=datetime.date(2020, 1, 1)
        )


REVIEW_MEETINGS = {
    "review-journey-approve": "Heads of Unit meeting on return (review journey)",
    "review-journey-send-back": "Heads of Unit meeting on visas (review journey)",
}


def ensure_review_journey():
    """Two published meetings an Editor changes and a Publisher reviews, and a person to add to them."""
    from meetings.models import Meeting, Participation, Person

    jo = Person.objects.get(slug="journey-jo-example")
    Person.objects.get_or_create(slug="review-journey-rita", defaults={"name": "Rita Reviewson"})
    for number, (slug, title) in enumerate(REVIEW_MEETINGS.items(), start=1):
        meeting, created = Meeting.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "level": Meeting.Level.HEADS_OF_UNIT,
                "date": datetime.date(2015, number, 10),
                "summary": "The summary the public sees before the review.",
                "status": "published",
            },
        )
        if created:
            Participation.objects.create(meeting=meeting, person=jo)


def ensure_role_user(username, role, password):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    if not user_model.objects.filter(username=username).exists():
        user = user_model.objects.create_user(
            username=username, email=f"{username}@example.org", password=password, is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))


def ensure_staff(username, password):
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    if not user_model.objects.filter(username=username).exists():
        user_model.objects.create_superuser(username=username, email=f"{username}@example.org", password=password)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.browser.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_seed_content", verbosity=0)
    ensure_pages_of_meetings()
    ensure_meeting_with_everything()
    ensure_journey_person()
    ensure_rich_text_meeting()
    ensure_review_journey()
    ensure_staff(os.environ["IOMEU_BROWSER_STAFF_USER"], os.environ["IOMEU_BROWSER_STAFF_PASSWORD"])
    ensure_role_user("journey-editor", "Editors", os.environ["IOMEU_BROWSER_STAFF_PASSWORD"])
    ensure_role_user("journey-publisher", "Publishers", os.environ["IOMEU_BROWSER_STAFF_PASSWORD"])


if __name__ == "__main__":
    main()
