import pytest

from tests.meetings import factories


@pytest.fixture(autouse=True)
def own_private_root(private_root):
    return private_root


@pytest.fixture
def editor(db):
    """Staff who may change meetings: previews drafts and their photos."""
    return factories.make_staff("editor", permissions=["meetings.change_meeting", "meetings.view_meeting"])
