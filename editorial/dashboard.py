"""The admin index's dashboard: each person's work and the team's, in a fixed number of queries (one per section
and publishable type, however many items there are)."""

import datetime

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.models import Publishable, Status
from core.roles import is_reviewed, publish_codename

from . import status
from .models import Draft

SHOWN = 10
EXPIRING_DAYS = 30


def _admin_url(model, pk, site="admin"):
    opts = model._meta
    try:
        return reverse(f"{site}:{opts.app_label}_{opts.model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""


def _draft_url(draft, model, site="admin"):
    opts = model._meta
    if draft.object_id:
        return _admin_url(model, draft.object_id, site)
    return reverse(f"{site}:{opts.app_label}_{opts.model_name}_draft_action", args=[draft.pk, "view"])


def _row(title, url, kind, note="", moment=None):
    return {"title": title, "url": url, "kind": kind, "note": note, "moment": moment}


def _publishable_models(user):
    for model in apps.get_models():
        opts = model._meta
        if issubclass(model, Publishable) and user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            yield model


def _draft_rows(drafts):
    rows = []
    for draft in drafts:
        model = draft.content_type.model_class()
        if model is None:
            continue
        note = status.draft_status(draft)
        if draft.is_new_item:
            note = f"New · {note}"
        elif draft.has_changes:
            note = f"{status.HAS_DRAFT_CHANGES} · {note}"
        rows.append(_row(draft.object_repr, _draft_url(draft, model), model._meta.verbose_name, note, draft.publish_at))
    return rows


def _reviews(user):
    """Whether the user may publish some reviewed type: a Publisher sees "Awaiting my review" even when empty."""
    return user.is_superuser or any(
        is_reviewed(model._meta.app_label, model._meta.model_name)
        and user.has_perm(f"{model._meta.app_label}.{publish_codename(model._meta)}")
        for model in apps.get_models()
    )


def sections(user, now=None):
    now = now or timezone.now()
    visible_types = [
        content_type
        for content_type in ContentType.objects.filter(pk__in=Draft.objects.values("content_type").distinct())
        if user.has_perm(f"{content_type.app_label}.view_{content_type.model}")
    ]
    publishable_types = [
        content_type.pk
        for content_type in visible_types
        if is_reviewed(content_type.app_label, content_type.model)
        and user.has_perm(f"{content_type.app_label}.{publish_codename(content_type.model_class()._meta)}")
    ]
    drafts = Draft.objects.filter(content_type__in=visible_types).select_related("content_type", "author")

    mine_editing = _draft_rows(drafts.filter(author=user, state=Draft.State.EDITING)[:SHOWN])
    mine_in_review = _draft_rows(drafts.filter(author=user, state=Draft.State.IN_REVIEW)[:SHOWN])
    to_review = _draft_rows(drafts.filter(state=Draft.State.IN_REVIEW, content_type__in=publishable_types)[:SHOWN])
    scheduled = _draft_rows(drafts.filter(state=Draft.State.APPROVED).order_by("publish_at")[:SHOWN])

    listed = {row["url"] for row in mine_editing}
    expiring, published = [], []
    soon = now + datetime.timedelta(days=EXPIRING_DAYS)
    for model in _publishable_models(user):
        kind = model._meta.verbose_name
        live = model._default_manager.filter(status=Status.PUBLISHED)
        for obj in model._default_manager.filter(status=Status.DRAFT, created_by=user).order_by("-updated_at")[:SHOWN]:
            url = _admin_url(model, obj.pk)
            if url not in listed:  # a new item sent back is listed once, by its pending draft
                mine_editing.append(_row(str(obj), url, kind, status.DRAFT, obj.updated_at))
        for obj in live.filter(published_at__gt=now).order_by("published_at")[:SHOWN]:
            scheduled.append(
                _row(str(obj), _admin_url(model, obj.pk), kind, status.scheduled(obj.published_at), obj.published_at)
            )
        for obj in live.filter(expires_at__gt=now, expires_at__lte=soon).order_by("expires_at")[:SHOWN]:
            expiring.append(
                _row(
                    str(obj), _admin_url(model, obj.pk), kind, f"Expires {status.when(obj.expires_at)}", obj.expires_at
                )
            )
        for obj in live.filter(published_at__lte=now).order_by("-published_at")[:SHOWN]:
            published.append(
                _row(str(obj), _admin_url(model, obj.pk), kind, status.when(obj.published_at), obj.published_at)
            )

    others = []
    entries = LogEntry.objects.exclude(user=user).select_related("content_type", "user").order_by("-action_time")
    for entry in entries[:SHOWN]:
        model = entry.content_type.model_class() if entry.content_type else None
        url = _admin_url(model, entry.object_id) if model is not None and not entry.is_deletion() else ""
        kind = model._meta.verbose_name if model is not None else ""
        note = f"{entry.user.get_username()}, {status.when(entry.action_time)}"
        others.append(_row(entry.object_repr, url, kind, note, entry.action_time))
    # An Editor's save of a live item is a pending draft, with no LogEntry of its own until it is published.
    for draft in drafts.exclude(author=user).exclude(author=None).order_by("-updated_at")[:SHOWN]:
        model = draft.content_type.model_class()
        if model is None:
            continue
        note = f"{draft.author.get_username()}, {status.when(draft.updated_at)} · {status.draft_status(draft)}"
        kind = model._meta.verbose_name
        others.append(_row(draft.object_repr, _draft_url(draft, model), kind, note, draft.updated_at))

    def latest_first(rows):
        return sorted(rows, key=lambda row: row["moment"] or now, reverse=True)[:SHOWN]

    def soonest_first(rows):
        return sorted(rows, key=lambda row: row["moment"] or now)[:SHOWN]

    result = [
        ("my-drafts", "My drafts", latest_first(mine_editing), "Nothing in draft."),
        ("my-in-review", "In review (mine)", mine_in_review, "Nothing of yours waits for review."),
    ]
    if _reviews(user):
        result.insert(0, ("to-review", "Awaiting my review", to_review, "Nothing waits for your review."))
    result += [
        ("scheduled", "Scheduled", soonest_first(scheduled), "Nothing scheduled."),
        ("expiring", f"Expiring in the next {EXPIRING_DAYS} days", soonest_first(expiring), "Nothing expires soon."),
        ("published", "Recently published", latest_first(published), "Nothing published yet."),
        ("others", "Recently changed by others", latest_first(others), "No changes by others yet."),
    ]
    return [{"id": key, "title": title, "rows": rows, "empty": empty} for key, title, rows, empty in result]
