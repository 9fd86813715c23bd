import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.models import Status
from meetings.models import EUService, Meeting, MeetingPhoto, Position, Quote

from . import factories

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_meeting_with_the_same_edition_at_the_same_level():
    factories.make_meeting(edition=3, level=Meeting.Level.SENIOR_OFFICIALS)
    with pytest.raises(IntegrityError), transaction.atomic():
        # bulk_create skips save() and model validation: only the database stands in the way.
        Meeting.objects.bulk_create(
            [
                Meeting(
                    title="Duplicate",
                    slug="duplicate",
                    level=Meeting.Level.SENIOR_OFFICIALS,
                    edition=3,
                    date=datetime.date(2021, 1, 1),
                    summary="x",
                )
            ]
        )


def test_the_same_edition_number_may_exist_at_two_levels_and_unknown_editions_may_repeat():
    factories.make_meeting(edition=1, level=Meeting.Level.SENIOR_OFFICIALS)
    factories.make_meeting(edition=1, level=Meeting.Level.HEADS_OF_UNIT)
    factories.make_meeting(edition=None, level=Meeting.Level.EXPERT)
    factories.make_meeting(edition=None, level=Meeting.Level.EXPERT)
    assert Meeting.objects.count() == 4


def test_model_validation_explains_a_duplicate_edition_to_editors():
    factories.make_meeting(edition=4)
    duplicate = Meeting(title="Again", slug="again", level="senior", edition=4, date=datetime.date(2017, 1, 1))
    duplicate.summary = "x"
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already a meeting with this edition number at this level" in str(error.value)


def test_the_database_refuses_edition_zero_and_unknown_levels():
    for bad in [{"edition": 0}, {"level": "plenary"}, {"date_precision": "week"}]:
        fields = {"title": "Bad", "slug": "bad", "level": "senior", "date": datetime.date(2020, 1, 1), "summary": "x"}
        fields.update(bad)
        with pytest.raises(IntegrityError), transaction.atomic():
            Meeting.objects.bulk_create([Meeting(**fields)])


def test_a_quote_needs_a_speaker():
    meeting = factories.make_meeting()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.bulk_create([Quote(meeting=meeting, speaker_id=None, text="Words")])


@pytest.mark.parametrize("text", ["", "   "])
def test_a_quote_needs_text(text):
    meeting = factories.make_meeting()
    speaker = factories.make_person()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.create(meeting=meeting, speaker=speaker, text=text)


@pytest.mark.parametrize("alt_text", ["", "  "])
def test_a_photo_needs_alt_text(alt_text):
    meeting = factories.make_meeting()
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingPhoto.objects.create(
            meeting=meeting, image="meetings/photos/x.jpg", width=8, height=6, alt_text=alt_text
        )


def test_a_position_cannot_end_before_it_starts():
    person = factories.make_person()
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(
            person=person,
            title="Director General",
            organisation="IOM",
            start=datetime.date(2020, 1, 1),
            end=datetime.date(2019, 1, 1),
        )
    # Open-ended and undated positions are fine.
    Position.objects.create(person=person, title="Adviser", organisation="IOM", start=datetime.date(2020, 1, 1))
    Position.objects.create(person=person, title="Observer", organisation="IOM")


def test_a_service_cannot_be_its_own_predecessor():
    service = factories.make_service()
    with pytest.raises(IntegrityError), transaction.atomic():
        EUService.objects.filter(pk=service.pk).update(predecessor=service)


@pytest.mark.parametrize(
    ("precision", "entered", "stored", "shown", "iso"),
    [
        ("day", datetime.date(2025, 4, 4), datetime.date(2025, 4, 4), "4 April 2025", "2025-04-04"),
        ("month", datetime.date(2019, 11, 23), datetime.date(2019, 11, 1), "November 2019", "2019-11"),
        ("year", datetime.date(2024, 3, 20), datetime.date(2024, 1, 1), "2024", "2024"),
    ],
)
def test_a_date_is_stored_and_shown_only_as_precisely_as_it_is_known(precision, entered, stored, shown, iso):
    meeting = factories.make_meeting(date=entered, date_precision=precision)
    meeting.refresh_from_db()
    assert meeting.date == stored
    assert meeting.date_display == shown
    assert meeting.date_iso == iso


def test_a_year_precision_meeting_changed_to_day_precision_keeps_the_day_the_editor_enters():
    meeting = factories.make_meeting(date=datetime.date(2024, 3, 20), date_precision="year")
    meeting.date, meeting.date_precision = datetime.date(2024, 2, 9), "day"
    meeting.save()
    meeting.refresh_from_db()
    assert meeting.date_display == "9 February 2024"


def test_published_excludes_drafts_future_and_expired_meetings():
    now = datetime.datetime.now(datetime.UTC)
    visible = factories.make_meeting()
    factories.make_draft()
    factories.make_meeting(published_at=now + datetime.timedelta(days=1))
    factories.make_meeting(expires_at=now - datetime.timedelta(minutes=1))
    assert list(Meeting.objects.published()) == [visible]
    assert visible.is_public


def test_a_person_holds_the_position_of_the_day(record):
    swing, pope = record["swing"], record["pope"]
    assert swing.position_on(datetime.date(2018, 5, 14)).title == "Director General"
    assert swing.position_on(datetime.date(2019, 1, 1)) is None
    assert pope.position_on(datetime.date(2022, 6, 1)).title.startswith("Deputy Director General")
    assert pope.position_on(datetime.date(2024, 4, 4)).title == "Director General"


def test_a_service_knows_its_whole_line_from_any_member():
    first = factories.make_service("DG A")
    second = factories.make_service("DG B", predecessor=first)
    third = factories.make_service("DG C", predecessor=second)
    for member in (first, second, third):
        assert member.lineage() == [first, second, third]
    alone = factories.make_service("DG ALONE")
    assert alone.lineage() == [alone]


def test_new_meetings_start_as_drafts():
    meeting = Meeting(title="t", slug="t", level="senior", date=datetime.date(2020, 1, 1), summary="s")
    assert meeting.status == Status.DRAFT


@pytest.mark.parametrize(
    "precision, day",
    [("year", datetime.date(2024, 3, 1)), ("year", datetime.date(2024, 1, 15)), ("month", datetime.date(2024, 3, 9))],
)
def test_the_database_refuses_a_date_more_exact_than_its_precision_even_when_save_is_skipped(precision, day):
    meeting = factories.make_meeting(date=datetime.date(2024, 1, 1), date_precision=precision)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(date=day)


def test_a_title_held_only_later_in_a_year_precision_meetings_year_is_shown_for_it():
    person = factories.make_person(
        "António Vitorino",
        positions=[("Director General", "IOM", datetime.date(2018, 10, 1), datetime.date(2023, 9, 30))],
    )
    meeting = factories.make_meeting(date=datetime.date(2018, 6, 4), date_precision="year")
    assert meeting.date == datetime.date(2018, 1, 1)
    assert meeting.period_end == datetime.date(2018, 12, 31)
    assert str(person.position_on(meeting.date, meeting.period_end)) == "Director General, IOM"
    assert person.position_on(meeting.date) is None
