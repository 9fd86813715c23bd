"""`python -m bench.load_data`: realistic generated content at a requested size, idempotent per size, removable;
and the number of SQL queries of every benchmarked page held constant as the data grows."""

import pypdfium2
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import load_data
from bench.generator import generate
from bench.pages import benchmark_pages
from core.cache import current_generation
from core.models import Status, Topic
from meetings.models import Meeting, Participation
from publications.models import Publication, PublicationFile
from publications.storage import get_private_storage
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


def generated_publications():
    return Publication.objects.filter(slug__startswith="load-publication-")


def generated_meetings():
    return Meeting.objects.filter(slug__startswith="load-meeting-")


def test_it_fills_the_database_with_the_requested_numbers_of_meetings_and_publications():
    generate(meetings=10, publications=60)

    assert generated_meetings().count() == 10
    assert generated_publications().count() == 60
    assert Publication.objects.published().filter(slug__startswith="load-").count() > 50


def test_the_content_has_files_topics_and_relations_like_the_record():
    generate(meetings=10, publications=60)

    files = PublicationFile.objects.filter(publication__slug__startswith="load-")
    assert files.filter(language="en").count() == 60
    assert files.exclude(language="en").exists()  # some in French or Spanish
    for file in files[:5]:
        assert get_private_storage().exists(file.file.name) and get_private_storage().exists(file.thumbnail.name)
        assert file.size == get_private_storage().size(file.file.name) and file.page_count >= 2 and file.text
    assert all(publication.topics.exists() for publication in generated_publications())
    assert Publication.related.through.objects.filter(from_publication__slug__startswith="load-").exists()
    assert Publication.meetings.through.objects.filter(publication__slug__startswith="load-").exists()
    assert Participation.objects.filter(meeting__slug__startswith="load-").count() >= 20
    assert Meeting.services.through.objects.filter(meeting__slug__startswith="load-").count() >= 10
    assert generated_publications().filter(presidency__isnull=False).exists() or not generated_publications().filter(
        kind__slug="presidency-recommendations"
    )


def test_generated_items_are_found_by_the_site_search(client):
    generate(meetings=5, publications=20)
    publication = generated_publications().filter(status=Status.PUBLISHED).order_by("slug").first()

    assert SearchEntry.objects.filter(kind="publication", object_id=publication.pk).exists()
    response = client.get("/search/", {"q": publication.title.split(" (")[0]})
    assert publication.get_absolute_url() in response.content.decode()


def test_running_it_twice_with_the_same_sizes_changes_nothing():
    generate(meetings=5, publications=30)
    before = {
        "publications": list(generated_publications().values_list("pk", "title", "updated_at")),
        "meetings": list(generated_meetings().values_list("pk", "title", "updated_at")),
        "files": PublicationFile.objects.count(),
        "topics": Topic.objects.count(),
    }

    generate(meetings=5, publications=30)

    assert before == {
        "publications": list(generated_publications().values_list("pk", "title", "updated_at")),
        "meetings": list(generated_meetings().values_list("pk", "title", "updated_at")),
        "files": PublicationFile.objects.count(),
        "topics": Topic.objects.count(),
    }


def test_a_larger_size_adds_only_the_missing_items():
    generate(meetings=5, publications=20)
    first = set(generated_publications().values_list("pk", flat=True))

    generate(meetings=5, publications=35)

    assert generated_publications().count() == 35
    assert first <= set(generated_publications().values_list("pk", flat=True))


def test_a_smaller_size_removes_the_extra_items_and_zero_removes_everything_with_its_files():
    generate(meetings=8, publications=40)
    sample = PublicationFile.objects.filter(publication__slug__startswith="load-").first().file.name

    generate(meetings=3, publications=10)
    assert (generated_meetings().count(), generated_publications().count()) == (3, 10)

    with django_capture_on_commit():
        generate(meetings=0, publications=0)
    assert not Publication.objects.filter(slug__startswith="load-").exists()
    assert not Meeting.objects.filter(slug__startswith="load-").exists()
    assert not Topic.objects.filter(slug__startswith="load-").exists()
    assert not get_private_storage().exists(sample)  # no orphan file left behind


def django_capture_on_commit():
    """Run the on-commit file clean-up inside the test's transaction."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_the_same_number_always_gives_the_same_item():
    generate(meetings=3, publications=10)
    titles = sorted(generated_publications().values_list("slug", "title"))
    generate(meetings=0, publications=0)

    generate(meetings=3, publications=10)

    assert sorted(generated_publications().values_list("slug", "title")) == titles


def test_a_large_file_is_a_valid_pdf_of_the_requested_size():
    generate(meetings=0, publications=0, large_file_mb=2)

    file = PublicationFile.objects.get(publication__slug="load-large-file")
    assert 2 * 1024 * 1024 - 4096 < file.size <= 2 * 1024 * 1024 + 4096
    document = pypdfium2.PdfDocument(get_private_storage().path(file.file.name))
    assert len(document) == 1
    document.close()


def test_negative_sizes_are_refused():
    with pytest.raises(ValueError, match="0 or more"):
        generate(meetings=-1, publications=10)


def test_the_command_line_fills_the_database_and_says_how_much_it_made(capsys):
    load_data.main(["--meetings", "3", "--publications", "10"])

    assert generated_publications().count() == 10
    assert "Generated content: 3 meetings, 10 publications" in capsys.readouterr().out


def test_the_command_line_refuses_negative_sizes(capsys):
    with pytest.raises(SystemExit):
        load_data.main(["--meetings", "-1"])

    assert "0 or more" in capsys.readouterr().err


def test_every_benchmarked_page_of_the_generated_site_answers(client):
    generate(meetings=10, publications=50)

    for name, url in benchmark_pages():
        response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} answered {response.status_code}"


# Query counts --------------------------------------------------------------------------------------------------------


def query_counts(client):
    counts = {}
    for name, url in benchmark_pages():
        # Deep pages differ in number between sizes; compare them by role.
        role = name.split(", page")[0] + (", last page" if "(last)" in name else "")
        current_generation()  # started once after an edit, not for each page
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[role] = len(queries)
    return counts


def test_no_page_makes_more_queries_when_the_data_grows_tenfold(client):
    generate(meetings=6, publications=30)
    small = query_counts(client)

    generate(meetings=60, publications=300)
    large = query_counts(client)

    grown = {page: (small[page], large[page]) for page in small if large[page] > small[page]}
    assert not grown, f"queries per page grew with the data (small, large): {grown}"


def test_drafts_among_the_generated_content_stay_private(client):
    generate(meetings=10, publications=100)
    draft = generated_publications().filter(status=Status.DRAFT).first()
    if draft is None:
        pytest.skip("no draft among this many generated publications")

    assert client.get(draft.get_absolute_url()).status_code == 404
