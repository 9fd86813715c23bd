import datetime
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from publications.models import DownloadCount, Presidency, Publication, PublicationFile, PublicationKind
from publications.storage import get_private_storage

from . import factories

pytestmark = pytest.mark.django_db


def stored(name):
    return Path(get_private_storage().path(name))


def test_the_six_kinds_exist_after_migrating():
    assert list(PublicationKind.objects.values_list("slug", flat=True)) == [
        "presidency-recommendations",
        "policy-paper",
        "consultation-contribution",
        "cooperation-report",
        "speech",
        "press-release",
    ]


def test_staff_can_add_a_kind():
    PublicationKind.objects.create(name="Fact sheet", plural_name="Fact sheets", slug="fact-sheet", order=7)
    assert PublicationKind.objects.count() == 7


def test_a_presidency_reads_as_member_state_and_semester():
    presidency = factories.make_presidency("Malta", datetime.date(2017, 1, 1), datetime.date(2017, 6, 30))
    assert str(presidency) == "Malta, January-June 2017"


def test_a_presidency_across_new_year_names_both_years():
    presidency = factories.make_presidency("Ruritania", datetime.date(2024, 7, 1), datetime.date(2025, 1, 31))
    assert presidency.period == "July 2024-January 2025"


def test_a_presidency_must_end_after_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_presidency("Slovakia", datetime.date(2016, 12, 31), datetime.date(2016, 7, 1))


def test_two_presidencies_cannot_start_on_the_same_day():
    factories.make_presidency("Slovakia", datetime.date(2016, 7, 1), datetime.date(2016, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_presidency("Ruritania", datetime.date(2016, 7, 1), datetime.date(2016, 12, 31))


def test_a_series_has_one_publication_per_edition():
    series = factories.make_series("Partnerships in Action")
    factories.make_publication(series=series, edition=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_publication(series=series, edition=2)


def test_an_edition_number_needs_a_series():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_publication(edition=1)


def test_a_publication_has_one_file_per_language(published_with_file):
    publication, _ = published_with_file
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicationFile.objects.create(publication=publication, language="en", file="pdfs/x/other.pdf")


def test_a_kind_in_use_cannot_be_deleted():
    factories.make_publication(kind=factories.kind("speech"))
    with pytest.raises(ProtectedError):
        factories.kind("speech").delete()


def test_a_date_known_to_the_month_is_shown_and_stored_as_the_month():
    publication = factories.make_publication(publication_date=datetime.date(2014, 1, 29), date_precision="month")
    publication.refresh_from_db()
    assert publication.publication_date == datetime.date(2014, 1, 1)
    assert publication.date_display == "January 2014"
    assert publication.date_iso == "2014-01"


def test_saving_a_file_records_its_size_pages_text_hash_and_cover(published_with_file):
    _, file = published_with_file
    file.refresh_from_db()
    assert file.size == stored(file.file.name).stat().st_size
    assert file.page_count == 3
    assert "Diaspora and employers - page 3" in file.text
    assert len(file.sha256) == 64
    assert file.thumbnail and stored(file.thumbnail.name).exists()
    assert 479 <= file.thumbnail_width <= 481  # the cover is rendered 480 pixels wide


def test_the_main_file_is_english_else_the_first():
    publication = factories.make_publication()
    factories.make_file(publication, language="fr")
    spanish = factories.make_file(publication, language="es")
    assert Publication.objects.get(pk=publication.pk).main_file == spanish  # "es" sorts before "fr"
    english = factories.make_file(publication, language="en")
    assert Publication.objects.get(pk=publication.pk).main_file == english


def test_stored_names_are_sanitised_and_never_collide():
    publication = factories.make_publication()
    first = factories.make_file(publication, language="en", name="../../etc/Évian report\x07.pdf")
    second = factories.make_file(publication, language="fr", name="../../etc/Évian report\x07.pdf")
    for file in (first, second):
        assert file.file.name.startswith("pdfs/")
        assert ".." not in file.file.name and "\x07" not in file.file.name
        assert file.file.name.endswith("/evian-report.pdf")
    assert first.file.name != second.file.name


def test_replacing_a_file_removes_the_old_one_after_commit(django_capture_on_commit_callbacks, published_with_file):
    _, file = published_with_file
    old_pdf, old_cover = stored(file.file.name), stored(file.thumbnail.name)
    with django_capture_on_commit_callbacks(execute=True):
        file.file = factories.ContentFile(factories.pdf_bytes(pages=5), name="new.pdf")
        file.read_upload()
        file.save()
    assert not old_pdf.exists() and not old_cover.exists()
    assert stored(file.file.name).exists()
    assert file.page_count == 5


def test_replacing_keeps_a_file_another_record_still_uses(django_capture_on_commit_callbacks, published_with_file):
    publication, file = published_with_file
    other = factories.make_publication()
    sharing = PublicationFile.objects.create(publication=other, file=file.file.name, size=file.size)
    shared = stored(file.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        file.file = factories.ContentFile(factories.pdf_bytes(), name="new.pdf")
        file.read_upload()
        file.save()
    assert shared.exists()
    sharing.refresh_from_db()
    assert sharing.file.name == str(shared.relative_to(get_private_storage().location))


def test_deleting_a_publication_removes_its_files_after_commit(django_capture_on_commit_callbacks, published_with_file):
    publication, file = published_with_file
    names = [stored(file.file.name), stored(file.thumbnail.name)]
    with django_capture_on_commit_callbacks(execute=True):
        publication.delete()
    assert not any(path.exists() for path in names)


def test_a_failed_save_leaves_no_file_behind(published_with_file):
    publication, _ = published_with_file
    before = set(Path(get_private_storage().location).rglob("*.*"))
    duplicate = PublicationFile(publication=publication, language="en")  # English exists: the insert fails
    duplicate.file = factories.ContentFile(factories.pdf_bytes(), name="duplicate.pdf")
    duplicate.read_upload()
    with pytest.raises(IntegrityError):
        duplicate.save()
    assert set(Path(get_private_storage().location).rglob("*.*")) == before


def test_a_new_pdf_is_not_saved_without_being_read(published_with_file):
    """Its pages, text and cover would be missing: the search and the cover need them."""
    publication, _ = published_with_file
    file = PublicationFile(publication=publication, language="fr")
    file.file = factories.ContentFile(factories.pdf_bytes(), name="unread.pdf")
    with pytest.raises(ValueError, match="read_upload"):
        file.save()
    assert not publication.files.filter(language="fr").exists()


def test_downloads_are_counted_per_file_and_month(published_with_file):
    _, file = published_with_file
    april = datetime.date(2025, 4, 17)
    DownloadCount.record(file, today=april)
    DownloadCount.record(file, today=april.replace(day=30))
    DownloadCount.record(file, today=datetime.date(2025, 5, 1))
    counts = {row.month: row.count for row in DownloadCount.objects.filter(file=file)}
    assert counts == {datetime.date(2025, 4, 1): 2, datetime.date(2025, 5, 1): 1}


def test_a_file_name_for_download_keeps_letters_and_drops_path_and_control_characters():
    publication = factories.make_publication(slug="p")
    file = PublicationFile(publication=publication, filename='..\\dir/Migração "2017"\x00.pdf')
    assert file.download_name == "Migração 2017.pdf"
    assert PublicationFile(publication=publication, filename="").download_name == "p.pdf"


def test_presidencies_are_ordered_by_start():
    factories.make_presidency("Malta", datetime.date(2017, 1, 1), datetime.date(2017, 6, 30))
    factories.make_presidency("Luxembourg", datetime.date(2015, 7, 1), datetime.date(2015, 12, 31))
    assert [p.member_state for p in Presidency.objects.all()] == ["Luxembourg", "Malta"]


def test_replacing_keeps_a_file_an_earlier_revision_refers_to_so_a_restore_still_downloads(
    django_capture_on_commit_callbacks, published_with_file
):
    import reversion

    publication, file = published_with_file
    with reversion.create_revision():
        publication.save()
        file.save()
    kept = stored(file.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        file.file = factories.ContentFile(factories.pdf_bytes(pages=2), name="new.pdf")
        file.read_upload()
        file.save()
    assert kept.exists()
