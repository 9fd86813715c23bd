"""One set of words for where an item stands, used by the lists, their filter, the save messages and the preview
banner: Draft, In review, Scheduled (for <time>), Published, Expired, and "Has draft changes" beside any of them."""

from django.utils import timezone
from django.utils.formats import localize
from django.utils.timezone import template_localtime

from core.models import Publishable, Status

DRAFT = "Draft"
IN_REVIEW = "In review"
PUBLISHED = "Published"
EXPIRED = "Expired"
HAS_DRAFT_CHANGES = "Has draft changes"


def when(moment):
    return localize(template_localtime(moment))


def scheduled(moment):
    return f"Scheduled (for {when(moment)})"


def live_status(obj, now=None):
    """Where the item itself stands (reference data, which has no status, is published as soon as it exists)."""
    if not isinstance(obj, Publishable):
        return PUBLISHED
    now = now or timezone.now()
    if obj.status != Status.PUBLISHED:
        return DRAFT
    if obj.published_at > now:
        return scheduled(obj.published_at)
    if obj.expires_at is not None and obj.expires_at <= now:
        return EXPIRED
    return PUBLISHED


def draft_status(draft):
    """The pending draft's own step: Draft, In review or Scheduled (for <time>)."""
    from .models import Draft

    if draft.state == Draft.State.IN_REVIEW:
        return IN_REVIEW
    if draft.state == Draft.State.APPROVED:
        return scheduled(draft.publish_at)
    return DRAFT


def status_label(obj, draft=None, now=None):
    """E.g. "Published", "Scheduled (for 4 May 2027, 10:00)", "Published · Has draft changes (In review)"."""
    if obj is None:  # a new item that exists only as a draft
        return draft_status(draft)
    label = live_status(obj, now)
    if draft is None:
        return label
    if not draft.has_changes:
        # An item never published: its review step is its status.
        return IN_REVIEW if draft.state == draft.State.IN_REVIEW and label == DRAFT else label
    return f"{label} · {HAS_DRAFT_CHANGES} ({draft_status(draft)})"
