import pytest

from . import factories


@pytest.fixture
def editor(db):
    """Staff who may change publications: previews drafts and their files."""
    return factories.make_staff(
        "editor", permissions=["publications.change_publication", "publications.view_publication"]
    )


@pytest.fixture
def staff_without_permission(db):
    return factories.make_staff("reader", permissions=["publications.view_publication"])


@pytest.fixture
def published_with_file(db):
    publication = factories.make_publication("Elements for an EU Agenda on Migration", slug="elements")
    file = factories.make_file(publication, data=factories.pdf_bytes(pages=3, text="Diaspora and employers"))
    return publication, file


@pytest.fixture
def draft_with_file(db):
    publication = factories.make_draft(title="Secret draft paper", slug="secret-draft")
    file = factories.make_file(publication, data=factories.pdf_bytes(pages=2, text="Not yet approved"))
    return publication, file
