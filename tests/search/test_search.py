"""The site search: one search across meetings, publications (with their PDFs' text), Presidencies and EU services."""

import datetime
import sqlite3

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from core.cache import invalidate_pages
from core.models import Status
from meetings.models import Meeting, Quote
from pages.models import Page
from publications.models import PublicationFile
from search import engine
from search.models import SearchEntry, SearchWord
from search.query import fts5
from search.query import parse as parse_query
from tests.core.findability import make_presidency, make_publication
from tests.meetings import factories
from tests.meetings.page import elements, unlabelled_controls, visible_text

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search (stemming, websearch syntax, the stored tsvector) exists only there",
)


def search_page(client, **params):
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return response


def result_titles(response):
    return [result.entry.title for result in response.context["results"]]


@pytest.fixture
def content(db):
    echo = factories.make_service("DG ECHO", full_name="Humanitarian Aid Operations")
    topic = factories.make_topic("Return and reintegration")
    som = factories.make_meeting(
        "Sixth Senior Officials Meeting",
        slug="sixth-som",
        date=datetime.date(2019, 6, 4),
        host=echo,
        services=[echo],
        topics=[topic],
        summary="Officials discussed migration: return and sustainable reintegration of migrants, migrant protection.",
    )
    heads = factories.make_meeting(
        "Heads of Unit meeting on climate",
        slug="heads-climate",
        level=Meeting.Level.HEADS_OF_UNIT,
        date=datetime.date(2015, 12, 9),
        summary="Heads of Unit reviewed climate change and mobility.",
    )
    paper = make_publication(
        "Elements for an EU Agenda on Migration",
        slug="agenda-paper",
        publication_date=datetime.date(2015, 3, 1),
        summary="Three key areas for the European Agenda on Migration.",
        pdf_text="Engaging employers in labour migration and integration programmes across Europe.",
    )
    malta = make_presidency("Malta")
    return {"echo": echo, "topic": topic, "som": som, "heads": heads, "paper": paper, "malta": malta}


def test_a_meeting_is_found_by_a_word_of_its_summary_with_that_word_highlighted(client, content):
    response = search_page(client, q="sustainable")
    assert result_titles(response) == ["Sixth Senior Officials Meeting"]
    snippet = str(response.context["results"][0].snippet)
    assert "<mark>sustainable</mark>" in snippet
    assert elements(response, "a", href=content["som"].get_absolute_url())


def test_the_text_inside_a_publications_pdf_is_found(client, content):
    response = search_page(client, q="employers")
    assert result_titles(response) == ["Elements for an EU Agenda on Migration"]
    assert "<mark>employers</mark>" in str(response.context["results"][0].snippet)
    assert "Publication" in visible_text(response)


def test_a_presidency_and_an_eu_service_are_found_by_name(client, content):
    assert "Malta Presidency of the Council of the EU, January-June 2017" in result_titles(
        search_page(client, q="Malta")
    )
    titles = result_titles(search_page(client, q="ECHO", type="service"))
    assert titles == ["DG ECHO: Humanitarian Aid Operations"]


def test_every_word_typed_must_match(client, content):
    assert result_titles(search_page(client, q="climate mobility")) == ["Heads of Unit meeting on climate"]
    assert result_titles(search_page(client, q="climate employers")) == []


def test_a_word_with_a_minus_is_left_out(client, content):
    titles = result_titles(search_page(client, q="officials -climate"))
    assert "Sixth Senior Officials Meeting" in titles
    assert "Heads of Unit meeting on climate" not in titles


def test_a_match_in_the_title_ranks_above_a_match_in_the_text(client, db):
    factories.make_meeting("Meeting on borders", slug="borders-in-body", summary="It also touched on displacement.")
    factories.make_meeting("Displacement", slug="displacement-in-title", summary="A meeting about people on the move.")
    assert result_titles(search_page(client, q="displacement")) == ["Displacement", "Meeting on borders"]


def test_drafts_scheduled_and_expired_items_never_appear(client, content):
    factories.make_draft(title="Draft meeting on protection", slug="draft-protection", summary="Migrant protection.")
    factories.make_meeting(
        "Scheduled meeting on protection",
        slug="scheduled-protection",
        summary="Migrant protection.",
        published_at=timezone.now() + datetime.timedelta(days=3),
    )
    factories.make_meeting(
        "Expired meeting on protection",
        slug="expired-protection",
        summary="Migrant protection.",
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    make_publication("Draft paper", status=Status.DRAFT, pdf_text="Protection of migrants in the draft.")
    response = search_page(client, q="protection")
    assert result_titles(response) == ["Sixth Senior Officials Meeting"]
    assert response.context["paginator"].count == 1
    assert "Draft" not in visible_text(response)


def test_a_scheduled_meeting_is_found_once_its_publication_time_has_passed(client, db):
    moment = timezone.now() + datetime.timedelta(hours=2)
    factories.make_meeting("Future meeting", slug="future", summary="Resettlement pathways.", published_at=moment)
    assert result_titles(search_page(client, q="resettlement")) == []
    with time_machine.travel(moment + datetime.timedelta(minutes=1)):
        assert result_titles(search_page(client, q="resettlement")) == ["Future meeting"]


def test_results_can_be_narrowed_to_one_type_and_one_year(client, content):
    assert set(result_titles(search_page(client, q="migration"))) >= {
        "Elements for an EU Agenda on Migration",
        "Sixth Senior Officials Meeting",
    }
    assert result_titles(search_page(client, q="migration", type="publication")) == [
        "Elements for an EU Agenda on Migration"
    ]
    response = search_page(client, q="migration", year="2019")
    assert result_titles(response) == ["Sixth Senior Officials Meeting"]
    assert [value for value, _ in response.context["form"].fields["year"].choices if value] == [2019, 2017, 2015]


def test_the_form_is_labelled_and_the_year_list_leaks_no_draft(client, content):
    factories.make_draft(title="Draft", slug="draft-2030", date=datetime.date(2030, 1, 1), summary="Protection.")
    response = search_page(client, q="protection")
    assert unlabelled_controls(response) == []
    years = [value for value, _ in response.context["form"].fields["year"].choices]
    assert 2030 not in years


def test_results_are_paginated_and_the_next_page_keeps_the_query(client, db):
    for day in range(1, 24):
        factories.make_meeting(f"Meeting {day}", slug=f"m-{day}", summary="Labour mobility partnerships.")
    response = search_page(client, q="labour", type="meeting")
    assert response.context["paginator"].count == 23
    assert len(response.context["results"]) == 20
    next_links = [a["href"] for a in elements(response, "a", rel="next")]
    assert next_links == ["?q=labour&type=meeting&page=2"]
    second = search_page(client, q="labour", type="meeting", page="2")
    assert len(second.context["results"]) == 3
    # A page past the end or not a number shows a page of results, never an error.
    assert len(search_page(client, q="labour", page="99").context["results"]) == 3
    assert len(search_page(client, q="labour", page="abc").context["results"]) == 20


def test_a_script_in_the_query_or_the_content_comes_back_inert(client, db):
    factories.make_meeting(
        "Meeting with markup", slug="markup", summary='Text with <script>alert("x")</script> inside about borders.'
    )
    response = search_page(client, q="<script>alert(1)</script> borders")
    html = response.content.decode()
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; borders" in html
    response = search_page(client, q="borders")
    assert result_titles(response) == ["Meeting with markup"]
    snippet = str(response.context["results"][0].snippet)
    assert "<script" not in snippet
    # A summary is staff HTML: the allow-list dropped the script with its content before it was indexed.
    assert "alert(" not in snippet and "Text with inside about" in snippet


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!!",
        "?*&|:()<>",
        '"unbalanced quotes',
        "OR OR",
        "or and not",
        "-",
        "--migration",
        "'",
        "\\",
        "a\x00b",
        "migration\x00",
        "x" * 5000,
        "migration " * 40,
        "\u202e\ufeffmigration",
    ],
    ids=lambda query: repr(query[:20]),
)
def test_a_bad_query_gives_a_page_never_an_error(client, content, query):
    response = search_page(client, q=query)
    assert len(elements(response, "h1")) == 1


def test_a_query_too_long_says_so(client, content):
    response = search_page(client, q="x" * 5000)
    assert "Shorten your search to 200 characters or fewer." in visible_text(response)
    assert response.context["results"] == []


def test_unknown_filters_say_so_instead_of_failing(client, content):
    response = search_page(client, q="migration", type="nothing", year="abc")
    text = visible_text(response)
    assert "Select a valid choice." in text
    assert response.context["results"] == []


def test_a_query_without_words_explains_what_to_type(client, content):
    assert "has no word we can look for" in visible_text(search_page(client, q="!!!"))
    assert "What are you looking for?" in visible_text(search_page(client))


def test_the_meeting_list_filter_uses_the_same_search(client, content):
    response = client.get(reverse("meetings:list"), {"q": "DG ECHO"})
    assert [meeting.title for meeting in response.context["meetings"]] == ["Sixth Senior Officials Meeting"]
    response = client.get(reverse("meetings:list"), {"q": "reintegration -climate"})
    assert [meeting.title for meeting in response.context["meetings"]] == ["Sixth Senior Officials Meeting"]


def test_returning_migrants_finds_return_and_reintegration_on_any_database(client, content):
    assert result_titles(search_page(client, q="returning migrants")) == ["Sixth Senior Officials Meeting"]


# Keeping the index up to date ---------------------------------------------------------------------------------


def test_a_renamed_topic_makes_its_meetings_findable_by_the_new_name(client, content):
    content["topic"].name = "Voluntary repatriation"
    content["topic"].save()
    assert result_titles(search_page(client, q="repatriation")) == ["Sixth Senior Officials Meeting"]


def test_a_quote_added_to_a_meeting_is_found(client, content):
    speaker = factories.make_person("Amy Pope")
    Quote.objects.create(meeting=content["heads"], speaker=speaker, text="Nothing moves forward without cooperation.")
    assert result_titles(search_page(client, q="cooperation forward")) == ["Heads of Unit meeting on climate"]
    assert result_titles(search_page(client, q="Pope")) == ["Heads of Unit meeting on climate"]


def test_a_deleted_item_or_file_is_no_longer_found(client, content):
    PublicationFile.objects.filter(publication=content["paper"]).delete()
    assert result_titles(search_page(client, q="employers")) == []
    content["som"].delete()
    assert result_titles(search_page(client, q="protection")) == []
    assert not SearchEntry.objects.filter(kind="meeting", object_id=content["som"].pk).exists()


def test_topics_added_after_creation_are_found(client, content):
    topic = factories.make_topic("Seasonal work")
    content["heads"].topics.add(topic)
    assert result_titles(search_page(client, q="seasonal")) == ["Heads of Unit meeting on climate"]
    topic.meetings.clear()
    assert result_titles(search_page(client, q="seasonal")) == []


def test_the_rebuild_command_indexes_items_saved_without_signals(client, db):
    Meeting.objects.bulk_create(
        [
            Meeting(
                title="Bulk meeting",
                slug="bulk",
                level=Meeting.Level.EXPERT,
                date=datetime.date(2020, 1, 1),
                summary="Seasonal workers.",
                status=Status.PUBLISHED,
                published_at=timezone.now() - datetime.timedelta(days=1),
            )
        ]
    )
    assert result_titles(search_page(client, q="seasonal")) == []
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert result_titles(search_page(client, q="seasonal")) == ["Bulk meeting"]


def test_pages_are_found_by_their_text(client, db):
    Page.objects.create(slug="contact", title="Contact", body="<p>Call the Policy and Programme Support Unit.</p>",
                        status=Status.PUBLISHED)  # fmt: skip
    assert result_titles(search_page(client, q="programme support")) == ["Contact"]


def test_the_query_keeps_only_words_phrases_alternatives_and_exclusions():
    parsed = parse_query('"Returning" migrants OR the policies -Ukraine -"DG HOME" ("x*) NEAR/3')
    assert [[str(term) for term in clause] for clause in parsed.clauses] == [
        ["returning"],
        ["migrants", "policies"],
        ["x"],
        ["near 3"],
    ]
    assert [str(term) for term in parsed.excluded] == ["ukraine", "dg home"]
    assert fts5(parsed) == (
        '("returning") AND ("migrants" OR "policies") AND ("x") AND ("near 3") NOT "ukraine" NOT "dg home"'
    )
    assert not parse_query("OR or AND the")


# Full text on both databases: PostgreSQL's tsvector, SQLite's FTS5 ------------------------------------------------


def test_returning_migrants_finds_return_and_reintegration_through_english_stemming(client, db):
    factories.make_meeting(
        "Return and reintegration", slug="return", summary="Assisted return and reintegration of migrants."
    )
    factories.make_meeting("Unrelated", slug="unrelated", summary="Labour mobility.")
    response = search_page(client, q="returning migrants")
    assert result_titles(response) == ["Return and reintegration"]
    snippet = str(response.context["results"][0].snippet)
    assert "<mark>return</mark>" in snippet.lower() and "<mark>migrants</mark>" in snippet


def test_phrases_alternatives_and_exclusions_work(client, db):
    factories.make_meeting("Phrase", slug="phrase", summary="Migrant protection in Libya.")
    factories.make_meeting("Scattered", slug="scattered", summary="Protection for every migrant in Libya.")
    factories.make_meeting("Elsewhere", slug="elsewhere", summary="Migrant protection in the Sahel.")
    assert set(result_titles(search_page(client, q='"migrant protection"'))) == {"Phrase", "Elsewhere"}
    assert set(result_titles(search_page(client, q="Libya or Sahel"))) == {"Phrase", "Scattered", "Elsewhere"}
    assert result_titles(search_page(client, q='"migrant protection" -sahel')) == ["Phrase"]
    assert result_titles(search_page(client, q='protection -"in Libya"')) == ["Elsewhere"]


def test_ranking_prefers_the_title_over_the_summary_over_the_pdf_text(client, db):
    make_publication("Paper with it inside", slug="inside", summary="A paper.", pdf_text="Remittances and development.")
    make_publication("Paper about it", slug="about", summary="On remittances.")
    make_publication("Remittances", slug="titled", summary="A paper.")
    titles = result_titles(search_page(client, q="remittances"))
    assert titles == ["Remittances", "Paper about it", "Paper with it inside"]


@pytest.mark.parametrize(
    "query",
    ['"', '""', "AND", "NOT", "NEAR(a b)", "title:migration", "migr*", "^migration", "{title}: x", "a + b", "-", "*",
     "(", ")", "'\"'", "col:", "\u00e9\u0301", "_", "x_y", "NOT migration", "migration NOT", "\"migration"],
)  # fmt: skip
def test_full_text_syntax_in_a_query_is_read_as_words(client, content, query):
    response = search_page(client, q=query)
    assert len(elements(response, "h1")) == 1


def test_the_full_text_index_follows_each_save(db):
    meeting = factories.make_meeting("Stored", slug="stored", summary="Diaspora engagement.")
    assert list(engine.search("diasporas")) == [SearchEntry.objects.get(object_id=meeting.pk, kind="meeting")]
    meeting.summary = "Remittances."
    meeting.save()
    assert not engine.search("diasporas").exists()
    assert engine.search("remittance").count() == 1
    meeting.delete()
    assert not engine.search("remittance").exists()


@on_postgresql
@pytest.mark.postgres
def test_on_postgresql_the_entry_holds_its_weighted_vector_under_a_gin_index(db):
    from django.contrib.postgres.search import SearchQuery

    factories.make_meeting("Diaspora", slug="stored", summary="Engagement.")
    entry = SearchEntry.objects.get(title="Diaspora")
    assert "'diaspora':1A" in entry.search_vector
    assert SearchEntry.objects.filter(search_vector=SearchQuery("diasporas", config="english")).count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'searchentry_vector_gin'")
        assert "gin (search_vector)" in cursor.fetchone()[0]
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'searchword_word_trigram_gin'")
        assert "gin (word gin_trgm_ops)" in cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table exists only on SQLite")
def test_on_sqlite_the_fts5_index_agrees_with_the_entries_after_many_edits(db):
    meeting = factories.make_meeting("Integrity", slug="integrity", summary="First text.")
    for number in range(3):
        meeting.summary = f"Text number {number}."
        meeting.save()
    with connection.cursor() as cursor:
        table = engine.FTS_TABLE
        cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")  # noqa: S608
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert engine.search("number").count() == 1 and not engine.search("first").exists()


def test_the_search_page_query_count_does_not_grow_with_the_results(client, db, django_assert_max_num_queries):
    for number in range(30):
        factories.make_meeting(f"Meeting {number}", slug=f"q-{number}", summary="Integration of migrants.")
        make_publication(f"Paper {number}", slug=f"p-{number}", summary="Integration of migrants.")
    client.get(reverse("search"), {"q": "migrants"})  # content types are cached after the first search
    with django_assert_max_num_queries(8):
        response = client.get(reverse("search"), {"q": "integration"})
    assert response.context["paginator"].count == 60


def ranking_queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = search_page(client, **params)
    ranked = [query["sql"] for query in queries.captured_queries if "ts_rank" in query["sql"] or "bm25" in query["sql"]]
    return response, ranked


def test_a_querys_ranking_is_kept_until_the_next_edit(client, db):
    for number in range(25):
        make_publication(f"Paper {number}", slug=f"p-{number}", summary="Integration of migrants.")
    first, ranked = ranking_queries(client, q="integration")
    assert ranked and first.context["paginator"].count == 25

    second_page, ranked = ranking_queries(client, q="integration", page=2)
    assert ranked == []  # read from the kept ranking
    assert len(result_titles(first)) + len(result_titles(second_page)) == 25

    make_publication("Integration, the newest paper", slug="newest", summary="On integration.")
    after_edit, ranked = ranking_queries(client, q="integration")
    assert ranked and after_edit.context["paginator"].count == 26
    assert "Integration, the newest paper" in result_titles(after_edit)


def excerpt_queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = search_page(client, **params)
    marking = [
        query["sql"]
        for query in queries.captured_queries
        if "ts_headline" in query["sql"] or "snippet(" in query["sql"]
    ]
    return response, marking


def test_a_results_pages_excerpts_are_kept_until_the_next_edit(client, db):
    client.force_login(factories.make_staff("editor", permissions=["meetings.change_meeting"]))  # never page-cached
    paper = make_publication("Integration paper", slug="integration", summary="Integration of migrants in cities.")
    first, marking = excerpt_queries(client, q="integration")
    assert marking and "<mark>Integration</mark> of migrants in cities" in str(first.context["results"][0].snippet)

    again, marking = excerpt_queries(client, q="integration")
    assert marking == []  # read from the kept excerpts
    assert str(again.context["results"][0].snippet) == str(first.context["results"][0].snippet)

    paper.summary = "Integration of migrants in towns."
    paper.save()
    after_edit, marking = excerpt_queries(client, q="integration")
    assert marking and "in towns" in str(after_edit.context["results"][0].snippet)


def test_pages_beyond_the_kept_matches_are_ranked_again_in_the_same_order(client, db, monkeypatch):
    for number in range(30):
        make_publication(f"Paper {number:02d}", slug=f"p-{number}", summary=f"Integration. {'Migrants. ' * number}")
    everything = result_titles(search_page(client, q="integration")) + result_titles(
        search_page(client, q="integration", page=2)
    )
    invalidate_pages()  # a new generation, so that the ranking is read again with only three matches kept
    monkeypatch.setattr(engine, "KEPT_MATCHES", 3)

    first = search_page(client, q="integration")
    second = search_page(client, q="integration", page=2)

    assert first.context["paginator"].count == 30
    assert result_titles(first) + result_titles(second) == everything


def test_search_entries_store_no_state_so_unpublishing_hides_at_once(client, content):
    Meeting.objects.filter(pk=content["som"].pk).update(status=Status.DRAFT)
    assert result_titles(search_page(client, q="protection")) == []


def test_the_query_is_normalised_before_it_reaches_the_database():
    assert engine.normalise_query("  a\x00b\tc\n") == "a b c"
    assert len(engine.normalise_query("y" * 5000)) == engine.MAX_QUERY_LENGTH


def test_an_item_in_a_month_shows_only_its_month(client, db):
    factories.make_meeting(
        "Monthly", slug="monthly", date=datetime.date(2019, 11, 1), date_precision="month", summary="Asylum."
    )
    text = visible_text(search_page(client, q="asylum"))
    assert "November 2019" in text and "1 November 2019" not in text


# Misspelt words, years, excerpts ----------------------------------------------------------------------------------


def test_a_misspelt_word_shows_the_results_of_the_correction_with_a_link_to_the_exact_words(client, content):
    response = search_page(client, q="reintegation")
    assert response.context["corrected"] == "reintegration"
    assert result_titles(response) == ["Sixth Senior Officials Meeting"]
    text = visible_text(response)
    assert "1 result for “reintegration”" in text
    assert "Showing results for reintegration. Search instead for “reintegation”" in text
    assert elements(response, "a", href="?q=reintegation&exact=1")
    exact_response = client.get(reverse("search"), {"q": "reintegation", "exact": "1"})
    assert result_titles(exact_response) == []
    assert "0 results for “reintegation”" in visible_text(exact_response)
    assert "Did you mean reintegration?" in visible_text(exact_response)
    assert elements(exact_response, "a", href="?q=reintegration")


def test_a_misspelt_place_in_a_title_is_corrected_with_its_capital(client, db):
    make_publication("Addressing the Valletta Summit Priorities", slug="valletta", summary="The five domains.")
    response = search_page(client, q="valleta summit")
    assert response.context["corrected"] == "Valletta summit"
    assert result_titles(response) == ["Addressing the Valletta Summit Priorities"]


def test_a_word_found_as_typed_is_never_corrected(client, content):
    response = search_page(client, q="employers")
    assert response.context["corrected"] == "" and response.context["suggestions"] == []
    assert "Showing results for" not in visible_text(response)


def test_when_the_whole_correction_finds_nothing_single_corrections_are_suggested(client, content):
    response = search_page(client, q="reintegation climat")
    assert result_titles(response) == []
    assert response.context["corrected"] == ""
    assert response.context["suggestions"] == ["reintegration", "climate"]
    assert "Did you mean reintegration or climate?" in visible_text(response)
    assert elements(response, "a", href="?q=climate")


def test_no_correction_reveals_a_word_of_a_draft(client, db):
    factories.make_draft(title="Secret xylophonist briefing", slug="draft-secret", summary="Hidden.")
    response = search_page(client, q="xylophonists")
    assert response.context["corrected"] == "" and response.context["suggestions"] == []
    assert "xylophonist" not in visible_text(response).replace("xylophonists", "")


def test_a_year_typed_as_a_query_finds_what_is_dated_that_year(client, content):
    factories.make_meeting(
        "Ninth Senior Officials Meeting", slug="ninth", date=datetime.date(2022, 10, 1), summary="Looking back on 2019."
    )
    titles = result_titles(search_page(client, q="2019"))
    assert set(titles) == {"Sixth Senior Officials Meeting", "Ninth Senior Officials Meeting"}
    # The year is found but never quoted: the excerpt is the summary's own text.
    response = search_page(client, q="2019 sustainable")
    assert result_titles(response) == ["Sixth Senior Officials Meeting"]
    assert "2019" not in str(response.context["results"][0].snippet)


def test_excerpts_quote_the_text_never_the_names_and_labels_run_together(client, content):
    response = search_page(client, q="ECHO", type="meeting")
    assert result_titles(response) == ["Sixth Senior Officials Meeting"]
    snippet = str(response.context["results"][0].snippet)
    assert snippet.startswith("Officials discussed migration")
    assert "Humanitarian" not in snippet and "Senior Officials Meeting" not in snippet and "hosted" not in snippet


def test_the_text_of_a_sample_pdf_is_not_indexed(client, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from publications.samples import sample_pdf

    paper = make_publication("Labour pathways", slug="pathways", summary="Skills partnerships.")
    data = sample_pdf(paper.title, kind="Policy paper", summary=paper.summary, body="Talent partnerships.")
    file = PublicationFile(publication=paper, file=SimpleUploadedFile("pathways.pdf", data))
    file.read_upload()
    file.save()
    assert "SAMPLE FILE" in file.text
    assert result_titles(search_page(client, q="sample")) == []
    assert result_titles(search_page(client, q="original publication")) == []
    response = search_page(client, q="skills")
    assert result_titles(response) == ["Labour pathways"]
    assert "SAMPLE" not in str(response.context["results"][0].snippet)


def test_the_vocabulary_holds_the_words_of_titles_names_and_topics_only(db, content):
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"sixth", "reintegration", "echo", "humanitarian", "malta", "valletta"} - words == {"valletta"}
    assert "sustainable" not in words  # a word of a summary only
    assert not any(word.isdigit() for word in words)
    SearchWord.objects.all().delete()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(SearchWord.objects.values_list("word", flat=True)) == words


def test_a_search_that_finds_nothing_needs_a_bounded_number_of_queries(client, content, django_assert_max_num_queries):
    client.get(reverse("search"), {"q": "migrants"})  # content types are cached after the first search
    with django_assert_max_num_queries(14):
        response = client.get(reverse("search"), {"q": "reintegation climat protecton"})
    assert response.status_code == 200


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60))
@settings(max_examples=300, deadline=None)
def test_no_typed_text_makes_an_fts5_syntax_error(text):
    index = sqlite3.connect(":memory:")
    index.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter unicode61')")
    index.execute("INSERT INTO t VALUES ('Migration and mobility', 'Return of migrants')")
    parsed = parse_query(text)
    if parsed:
        index.execute("SELECT rowid, bm25(t), snippet(t, 1, '[', ']', '…', 8) FROM t WHERE t MATCH ?", [fts5(parsed)])
