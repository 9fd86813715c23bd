"""The publications half of `manage.py load_seed_content`."""

from io import BytesIO, StringIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.core.management import call_command
from pypdf import PdfReader

from meetings.models import Meeting
from publications import record
from publications.models import Presidency, Publication, PublicationFile
from publications.samples import sample_pdf
from publications.storage import get_private_storage

from . import factories

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    call_command("load_seed_content", stdout=out)
    return out.getvalue()


def stored_files():
    return sorted(str(path) for path in Path(get_private_storage().location).rglob("*") if path.is_file())


def snapshot():
    return {
        "publications": list(Publication.objects.order_by("pk").values()),
        "files": list(PublicationFile.objects.order_by("pk").values()),
        "presidencies": list(Presidency.objects.order_by("pk").values()),
        "topics": list(Publication.topics.through.objects.order_by("pk").values()),
        "meetings": list(Publication.meetings.through.objects.order_by("pk").values()),
        "related": list(Publication.related.through.objects.order_by("pk").values()),
        "stored files": stored_files(),
    }


@pytest.fixture
def loaded(db):
    return load()


def test_the_record_loads_every_publication_of_the_record(loaded):
    assert "Publications record:" in loaded
    assert Publication.objects.published().count() == 12
    kinds = dict(Publication.objects.values_list("slug", "kind__slug"))
    assert sum(kind == "presidency-recommendations" for kind in kinds.values()) == 3
    assert sum(kind == "press-release" for kind in kinds.values()) == 3
    assert kinds["swing-remarks-future-of-home-affairs-2014"] == "speech"


def test_the_three_presidencies_have_their_recommendations_and_quotes(loaded):
    presidencies = [(str(p), p.publications.get().quote[:25]) for p in Presidency.objects.all()]
    assert presidencies == [
        ("Luxembourg, July-December 2015", "IOM wishes to highlight t"),
        ("Slovakia, July-December 2016", "The aim must be to make m"),
        ("Malta, January-June 2017", "Joint efforts are crucial"),
    ]


def test_both_booklet_editions_are_in_their_series(loaded):
    second = Publication.objects.get(slug="iom-eu-cooperation-valletta-summit-priorities")
    assert (second.series.title, second.edition, second.date_display) == (
        "Partnerships in Action",
        2,
        "7 February 2017",
    )
    assert list(second.series.publications.order_by("edition").values_list("edition", flat=True)) == [1, 2]


def test_the_directors_general_remarks_are_dated_to_the_month(loaded):
    remarks = Publication.objects.get(slug="swing-remarks-future-of-home-affairs-2014")
    assert remarks.date_display == "January 2014"
    assert "29 and 30 January 2014" in remarks.body


def test_each_press_release_is_linked_to_its_meeting(loaded):
    linked = {
        publication.slug: [(m.level, m.edition) for m in publication.meetings.all()]
        for publication in Publication.objects.filter(kind__slug="press-release")
    }
    assert sorted(linked.values()) == [[("senior", 5)], [("senior", 9)], [("senior", 10)]]


def test_every_publication_has_a_valid_multi_page_sample_pdf_saying_so(loaded):
    for publication in Publication.objects.prefetch_related("files"):
        file = publication.main_file
        assert file.language == "en"
        document = pdfium.PdfDocument(get_private_storage().path(file.file.name))
        assert len(document) >= 3 == file.page_count
        first_page = document[0].get_textpage().get_text_bounded()
        assert "SAMPLE FILE" in first_page and "Not the original publication" in first_page
        words = publication.title.replace("-", " ").split()[:4]
        assert all(word in first_page for word in words), publication.title
        assert file.thumbnail
        document.close()


def test_loading_twice_changes_nothing(loaded):
    before = snapshot()
    second = load()
    assert snapshot() == before
    assert "publications: 0 created, 0 updated, 12 unchanged" in second


def test_a_pdf_staff_uploaded_is_never_replaced_by_a_sample(loaded, django_capture_on_commit_callbacks):
    publication = Publication.objects.get(slug="elements-for-an-eu-agenda-on-migration")
    file = publication.files.get()
    with django_capture_on_commit_callbacks(execute=True):
        file.file = factories.ContentFile(factories.pdf_bytes(pages=9, text="The real paper"), name="real.pdf")
        file.read_upload()
        file.save()
    load()
    file.refresh_from_db()
    assert file.page_count == 9


def test_an_item_staff_changed_is_brought_back_to_the_record(loaded):
    Publication.objects.filter(slug="elements-for-an-eu-agenda-on-migration").update(title="Changed")
    load()
    assert Publication.objects.get(slug="elements-for-an-eu-agenda-on-migration").title == (
        "Elements for an EU Agenda on Migration"
    )


def test_without_meetings_the_publications_still_load_and_say_what_was_not_linked(db):
    out = StringIO()
    record.load(out)
    assert Publication.objects.count() == 12 and not Meeting.objects.exists()
    assert "not linked (meeting not in the database): senior 5, senior 9, senior 10" in out.getvalue()


def test_a_sample_pdf_is_an_accessible_pdf_with_every_heading_paragraph_and_quote_tagged():
    data = sample_pdf(
        "Elements for an EU Agenda on Migration",
        kind="Policy paper",
        summary="The first paragraph.\n\nThe second paragraph.",
        quote="Migration is a shared responsibility.",
        pages=3,
    )
    reader = PdfReader(BytesIO(data))
    root = reader.trailer["/Root"]
    assert reader.metadata.title == "SAMPLE - Elements for an EU Agenda on Migration"
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert b"pdfuaid:part>1<" in root["/Metadata"].get_object().get_data()  # declares PDF/UA-1
    # Under the document: the headings, each paragraph and the quote, in reading order.
    document = root["/StructTreeRoot"]["/K"][0].get_object()
    assert document["/S"] == "/Document"
    kinds = [kid.get_object()["/S"] for kid in document["/K"]]
    headings = [kid.get_object().get("/T") for kid in document["/K"] if kid.get_object()["/S"].startswith("/H")]
    assert headings == ["Elements for an EU Agenda on Migration", "About this publication (sample)", "Sample page 3"]
    about = kinds.index("/H2")
    assert kinds[about + 1 : about + 4] == ["/P", "/P", "/BlockQuote"]  # the summary's two paragraphs, the quote
    assert kinds.count("/P") >= 6
    assert reader.outline[0].title == "Elements for an EU Agenda on Migration"
    assert reader.pages[0].extract_text().startswith("SAMPLE FILE")
    assert "The second paragraph." in reader.pages[1].extract_text()
    assert sample_pdf("Same", pages=2) == sample_pdf("Same", pages=2)  # loading the record twice writes the same file


def test_what_a_sample_pdf_shows_is_text_never_markup():
    title = "A “title” with #set text(red) $x^2$ <b>bold</b> and *stars*"
    reader = PdfReader(BytesIO(sample_pdf(title, summary="#pagebreak() _under_ [brackets]", pages=2)))

    assert title in " ".join(reader.pages[0].extract_text().split())
    assert "#pagebreak() _under_ [brackets]" in reader.pages[1].extract_text()
    assert len(reader.pages) == 2
