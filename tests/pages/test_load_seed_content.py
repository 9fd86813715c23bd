"""`manage.py load_seed_content`: the record the site starts with, loaded once, the same every time."""

import datetime
import html
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from core.dates import DatePrecision
from core.models import Topic
from meetings import record
from meetings.models import EUService, Meeting, Participation, Person, Position, Quote
from pages.management.commands import load_seed_content
from publications import record as publications_record

pytestmark = pytest.mark.django_db

SENIOR = Meeting.Level.SENIOR_OFFICIALS
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def load(*args):
    out = StringIO()
    call_command("load_seed_content", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(db):
    return load()


def senior(edition):
    return Meeting.objects.get(level=SENIOR, edition=edition)


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def snapshot():
    """Every row the loader writes, with the values that matter."""
    return {
        "topics": list(Topic.objects.order_by("pk").values()),
        "services": list(EUService.objects.order_by("pk").values()),
        "people": list(Person.objects.order_by("pk").values()),
        "positions": list(Position.objects.order_by("pk").values()),
        "meetings": list(Meeting.objects.order_by("pk").values()),
        "meeting services": list(Meeting.services.through.objects.order_by("pk").values()),
        "meeting topics": list(Meeting.topics.through.objects.order_by("pk").values()),
        "participants": list(Participation.objects.order_by("pk").values()),
        "quotes": list(Quote.objects.order_by("pk").values()),
    }


def test_the_senior_officials_meetings_on_record_are_loaded_with_their_dates_as_far_as_known(loaded):
    expected = {
        1: (datetime.date(2013, 5, 3), "day"),
        2: (datetime.date(2014, 10, 1), "day"),
        3: (datetime.date(2016, 2, 16), "day"),
        4: (datetime.date(2017, 1, 1), "year"),
        5: (datetime.date(2018, 4, 4), "day"),
        6: (datetime.date(2019, 6, 4), "day"),
        9: (datetime.date(2022, 10, 7), "day"),
        10: (datetime.date(2024, 1, 1), "year"),
        11: (datetime.date(2025, 4, 4), "day"),
    }
    loaded_meetings = {m.edition: (m.date, m.date_precision) for m in Meeting.objects.filter(level=SENIOR)}
    assert loaded_meetings == expected


def test_the_seventh_and_eighth_meetings_are_left_out_for_lack_of_a_date_and_the_ninth_says_so(loaded, client):
    assert not Meeting.objects.filter(level=SENIOR, edition__in=[7, 8]).exists()
    text = page_text(client, senior(9).get_absolute_url())
    assert "The seventh and eighth Senior Officials Meetings were held between June 2019 and October 2022" in text
    # How the meetings are counted is said once, on About this record, not argued on the meeting's page.
    assert "eighth of its kind" not in text
    assert "eighth of its kind" in page_text(client, "/about-this-record/")


def test_the_heads_of_unit_meeting_of_9_december_2015_is_the_fourth_of_its_level(loaded):
    meeting = Meeting.objects.get(level=Meeting.Level.HEADS_OF_UNIT)
    assert (meeting.edition, meeting.date, meeting.location) == (4, datetime.date(2015, 12, 9), "Brussels")


def test_the_tenth_meeting_is_shown_as_2024_and_never_with_a_day(loaded, client):
    tenth = senior(10)
    assert tenth.date_precision == DatePrecision.YEAR
    detail = client.get(tenth.get_absolute_url()).content.decode()
    assert '<time datetime="2024">2024</time>' in detail
    for url in [tenth.get_absolute_url(), "/meetings/", "/meetings/participation/", "/dgs/dg-near/", "/dgs/dg-intpa/"]:
        text = page_text(client, url)
        assert "2024" in text, url
        assert not re.search(rf"\b\d{{1,2}} ({MONTHS}) 2024\b", text), url
        assert not re.search(rf"\b({MONTHS}) 2024\b", text), url


def test_the_four_founders_joined_in_july_2012_and_dg_near_on_16_february_2016(loaded):
    joined = dict(EUService.objects.values_list("acronym", "joined_framework_on"))
    for founder in ["DG HOME", "DG DEVCO", "DG ECHO", "EEAS"]:
        assert joined[founder] == datetime.date(2012, 7, 1), founder
    assert joined["DG NEAR"] == datetime.date(2016, 2, 16)
    assert EUService.objects.get(acronym="EEAS").kind == EUService.Kind.EEAS


def test_dg_intpa_succeeded_dg_devco_in_january_2021_and_both_pages_show_the_line(loaded, client):
    intpa = EUService.objects.get(acronym="DG INTPA")
    devco = EUService.objects.get(acronym="DG DEVCO")
    assert intpa.predecessor == devco
    assert intpa.succeeded_predecessor_on == datetime.date(2021, 1, 1)
    assert [service.acronym for service in devco.lineage()] == ["DG DEVCO", "DG INTPA"]
    assert "Successor DG INTPA , from January 2021" in page_text(client, devco.get_absolute_url())
    assert "Predecessor DG DEVCO , until January 2021" in page_text(client, intpa.get_absolute_url())


def test_dg_near_has_one_full_name_and_about_this_record_gives_the_other_two_spellings(loaded, client):
    near = EUService.objects.get(acronym="DG NEAR")
    assert near.full_name == "Directorate-General for Neighbourhood and Enlargement Negotiations"
    assert "spell" not in near.description and "three ways" not in near.description
    about = page_text(client, "/about-this-record/")
    assert "Directorate-General for European Neighbourhood and Enlargement Negotiations" in about
    assert "Directorate-General for European Neighbourhood Policy and Enlargement Negotiations" in about


def test_each_director_general_holds_the_title_on_the_days_of_their_meetings_only(loaded):
    swing, vitorino, pope = (Person.objects.get(slug=s) for s in ["william-lacy-swing", "antonio-vitorino", "amy-pope"])
    fifth, sixth, ninth, tenth = senior(5).date, senior(6).date, senior(9).date, senior(10).date
    assert str(swing.position_on(fifth)) == "Director General, IOM"
    assert swing.position_on(sixth) is None
    assert str(vitorino.position_on(sixth)) == "Director General, IOM"
    assert str(vitorino.position_on(ninth)) == "Director General, IOM"
    assert vitorino.position_on(tenth) is None
    assert pope.position_on(ninth) is None
    assert str(pope.position_on(tenth)) == "Director General, IOM"


def test_meeting_pages_show_participants_with_the_title_they_held_that_day(loaded, client):
    fifth = page_text(client, senior(5).get_absolute_url())
    assert "William Lacy Swing , Director General, IOM" in fifth
    assert "Laura Thompson , Deputy Director General, IOM" in fifth
    assert "Christian Danielsson , Director General, European Commission, DG NEAR (Host)" in fifth
    tenth = page_text(client, senior(10).get_absolute_url())
    assert "Amy Pope , Director General, IOM" in tenth
    assert "Gert Jan Koopman , Director General, European Commission, DG NEAR (Host)" in tenth
    eleventh = page_text(client, senior(11).get_absolute_url())
    assert "Beate Gminder , Acting Director-General, European Commission, DG HOME (Co-chair)" in eleventh
    assert "Amy Pope , Director General, IOM (Co-chair)" in eleventh


def test_quotes_are_exact_and_keep_their_speakers(loaded, client):
    def speaker_of(words):
        return Quote.objects.get(text__contains=words).speaker.slug

    assert speaker_of("This is an absolutely critical year for unity") == "william-lacy-swing"
    assert speaker_of("must unite rather than divide") == "antonio-vitorino"
    assert speaker_of("nothing moves forward without cooperation") == "amy-pope"
    assert speaker_of("an important partner in our endeavours") == "gert-jan-koopman"
    assert [q.speaker.slug for q in senior(5).quotes.all()] == ["william-lacy-swing"] * 4
    assert [q.speaker.slug for q in senior(10).quotes.all()] == ["amy-pope", "amy-pope", "gert-jan-koopman"]
    text = page_text(client, senior(9).get_absolute_url())
    assert "must unite rather than divide. António Vitorino, Director General, IOM" in text


def test_meetings_carry_their_hosts_services_and_topics(loaded):
    def acronyms(meeting):
        return sorted(meeting.services.values_list("acronym", flat=True))

    assert acronyms(senior(1)) == ["DG DEVCO", "DG ECHO", "DG HOME", "EEAS"]
    assert senior(5).host.acronym == "DG NEAR"
    assert acronyms(senior(5)) == ["DG DEVCO", "DG ECHO", "DG HOME", "DG NEAR", "EEAS"]
    assert senior(9).host.acronym == "DG ECHO"
    assert acronyms(senior(9)) == ["DG ECHO", "DG HOME", "DG INTPA", "DG NEAR", "EEAS"]
    assert senior(10).host.acronym == "DG NEAR"
    assert senior(3).services.filter(acronym="DG NEAR").exists()
    second_topics = set(senior(2).topics.values_list("slug", flat=True))
    assert {"justice-and-home-affairs", "root-causes", "return-and-reintegration"} <= second_topics
    assert {"crises-and-displacement", "climate-environment-migration"} <= second_topics
    assert senior(6).topics.filter(slug="libya-joint-task-force").exists()
    assert senior(4).summary and not senior(4).services.exists()


def test_everything_loaded_is_public_and_none_of_it_is_published_in_the_future(loaded, client):
    assert Meeting.objects.count() == 10
    assert Meeting.objects.published().count() == 10
    assert not Meeting.objects.filter(published_at__gt=timezone.now()).exists()
    for meeting in Meeting.objects.all():
        assert client.get(meeting.get_absolute_url()).status_code == 200, meeting.slug
    for service in EUService.objects.all():
        assert client.get(service.get_absolute_url()).status_code == 200, service.slug


def test_running_the_loader_twice_changes_nothing(loaded):
    before = snapshot()
    output = load()
    assert snapshot() == before
    assert "meetings: 0 created, 0 updated, 10 unchanged" in output
    assert not re.search(r"[1-9]\d* (created|updated|removed)", output)


def test_running_the_loader_again_puts_a_changed_record_meeting_back_and_leaves_staff_meetings_alone(loaded):
    fifth = senior(5)
    fifth.title = "Edited by staff"
    fifth.status = "draft"
    fifth.save()
    fifth.quotes.first().delete()
    fifth.services.add(EUService.objects.get(acronym="DG INTPA"))
    staff_meeting = Meeting.objects.create(
        title="An expert meeting staff added", slug="staff-expert-meeting", level=Meeting.Level.EXPERT,
        date=datetime.date(2025, 6, 1), summary="Added in the admin.",
    )  # fmt: skip

    output = load()

    fifth.refresh_from_db()
    assert fifth.title == "Fifth EU-IOM Senior Officials Meeting"
    assert fifth.is_public
    assert fifth.quotes.count() == 4
    assert not fifth.services.filter(acronym="DG INTPA").exists()
    assert "meetings: 0 created, 1 updated, 9 unchanged" in output
    assert Meeting.objects.filter(pk=staff_meeting.pk, title="An expert meeting staff added").exists()


def test_if_empty_does_nothing_when_the_database_already_holds_a_meeting(db):
    Meeting.objects.create(
        title="A meeting staff added", slug="staff-meeting", level=SENIOR, date=datetime.date(2025, 6, 1), summary="."
    )
    output = load("--if-empty")
    assert "not loaded" in output
    assert Meeting.objects.count() == 1
    assert not EUService.objects.exists()
    assert not Topic.objects.exists()


def test_if_empty_loads_the_record_into_an_empty_database(db):
    load("--if-empty")
    assert Meeting.objects.count() == 10
    assert EUService.objects.count() == 6


def test_the_record_is_kept_in_the_repository_and_loads_from_any_working_directory(db, tmp_path, monkeypatch):
    assert record.DATA_FILE.is_file()
    assert record.DATA_FILE.is_relative_to(settings.BASE_DIR)
    assert "shared" not in record.DATA_FILE.relative_to(settings.BASE_DIR).parts
    monkeypatch.chdir(tmp_path)
    load()
    assert Meeting.objects.count() == 10


def test_parts_run_in_order_in_one_transaction_so_a_failing_part_saves_nothing(db, monkeypatch):
    seen = {}

    def failing_load(stdout):
        seen["meetings before publications"] = Meeting.objects.count()
        raise RuntimeError("the publications part failed")

    monkeypatch.setattr(load_seed_content, "LOADERS", [record.load, failing_load, *load_seed_content.LOADERS[2:]])
    with pytest.raises(RuntimeError):
        load()
    assert seen == {"meetings before publications": 10}
    assert not Meeting.objects.exists()
    assert not EUService.objects.exists()


def test_bad_record_data_stops_the_load_with_a_clear_message_and_saves_nothing(db, tmp_path, monkeypatch):
    data = json.loads(record.DATA_FILE.read_text(encoding="utf-8"))
    data["meetings"][-1]["topics"].append("no-such-topic")
    broken = tmp_path / "record.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(record, "DATA_FILE", broken)
    with pytest.raises(CommandError, match="unknown topic: 'no-such-topic'"):
        load()
    assert not Meeting.objects.exists()


def test_a_load_that_fails_after_the_sample_pdfs_were_written_leaves_no_file_behind(db, monkeypatch):
    from publications.storage import get_private_storage

    before = set(Path(get_private_storage().location).rglob("*.pdf"))

    def publications_then_failure(stdout):
        publications_record.load(stdout)
        assert set(Path(get_private_storage().location).rglob("*.pdf")) - before, "the part wrote its sample PDFs"
        raise RuntimeError("a later step failed")

    monkeypatch.setattr(load_seed_content, "LOADERS", [record.load, publications_then_failure])
    with pytest.raises(RuntimeError):
        load()
    assert set(Path(get_private_storage().location).rglob("*.pdf")) == before


def test_the_loader_also_brings_the_about_and_contact_pages_and_the_key_figures(loaded, client):
    from pages.models import KeyFigure, Page

    assert set(Page.objects.published().values_list("slug", flat=True)) >= {"about", "contact"}
    assert KeyFigure.objects.published().exists()
    assert client.get("/about/").status_code == 200


def test_if_empty_builds_a_missing_search_index_for_a_database_filled_before_search_existed(db, client):
    from search.models import SearchEntry

    load()
    SearchEntry.objects.all().delete()
    call_command("load_seed_content", "--if-empty", stdout=StringIO())
    assert SearchEntry.objects.exists()
    assert "Senior Officials" in client.get("/search/", {"q": "Senior Officials"}).content.decode()
