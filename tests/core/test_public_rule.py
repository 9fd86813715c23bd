"""One definition of "public": an item in memory says it is public exactly when published() lists it."""

import datetime

import pytest
from django.utils import timezone

from core.models import Status
from pages.models import Page

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def test_is_public_agrees_with_published_for_drafts_scheduled_expired_and_live_items():
    now = timezone.now()
    cases = {
        "draft": (Status.DRAFT, now - HOUR, None),
        "live": (Status.PUBLISHED, now - HOUR, None),
        "live until later": (Status.PUBLISHED, now - HOUR, now + HOUR),
        "scheduled": (Status.PUBLISHED, now + HOUR, None),
        "expired": (Status.PUBLISHED, now - 2 * HOUR, now - HOUR),
        "draft with expiry ahead": (Status.DRAFT, now - HOUR, now + HOUR),
    }
    pages = {
        name: Page.objects.create(
            title=name, slug=f"case-{index}", status=status, published_at=published_at, expires_at=expires_at
        )
        for index, (name, (status, published_at, expires_at)) in enumerate(cases.items())
    }
    listed = set(Page.objects.published().values_list("pk", flat=True))
    assert {name for name, page in pages.items() if page.is_public} == {"live", "live until later"}
    assert {name for name, page in pages.items() if page.pk in listed} == {"live", "live until later"}
