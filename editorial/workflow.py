"""The review steps, as functions the admin views and the management command call; the callers check rights.

Submit -> In review; a Publisher approves (published now, or scheduled) or sends back with a comment. Each step is
a ReviewEvent; publishing makes a revision (django-reversion) and a LogEntry, like any save in the admin.
"""

import logging

import reversion
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import Publishable, Status

from . import payload as payloads
from .models import Draft, ReviewEvent

logger = logging.getLogger(__name__)


def record(draft, action, user, comment="", obj=None):
    return ReviewEvent.objects.create(
        content_type_id=draft.content_type_id,
        object_id=obj.pk if obj is not None else draft.object_id,
        draft=draft if draft.pk else None,
        object_repr=str(obj) if obj is not None else draft.object_repr,
        action=action,
        user=user,
        comment=comment,
    )


def draft_for(obj, create=False):
    content_type = ContentType.objects.get_for_model(obj)
    draft = Draft.objects.filter(content_type=content_type, object_id=obj.pk).first()
    if draft is None and create:
        draft = Draft(content_type=content_type, object_id=obj.pk, object_repr=str(obj)[:250])
    return draft


def save_draft(model_admin, live, obj, payload, user):
    """Keep a save as the item's pending draft (the public keeps the live version)."""
    content_type = ContentType.objects.get_for_model(model_admin.model)
    draft = None if live is None else Draft.objects.filter(content_type=content_type, object_id=live.pk).first()
    if draft is None:
        draft = Draft(content_type=content_type, object_id=live.pk if live else None, author=user)
    draft.payload = payload
    draft.object_repr = str(obj)[:250]
    if draft.state == Draft.State.APPROVED:
        # What was approved is not what is there now.
        draft.state, draft.publish_at = Draft.State.EDITING, None
    draft.author = draft.author or user
    draft.save()
    record(draft, ReviewEvent.Action.SAVED, user, obj=live)
    return draft


def submit(draft, user, message=""):
    draft.state = Draft.State.IN_REVIEW
    draft.message = message
    draft.author = user
    draft.publish_at = None
    draft.save()
    record(draft, ReviewEvent.Action.SUBMITTED, user, message)


def send_back(draft, user, comment):
    draft.state = Draft.State.EDITING
    draft.publish_at = None
    draft.save()
    record(draft, ReviewEvent.Action.SENT_BACK, user, comment)


def schedule(draft, user, publish_at, comment=""):
    draft.state = Draft.State.APPROVED
    draft.publish_at = publish_at
    draft.save()
    record(draft, ReviewEvent.Action.SCHEDULED, user, comment)


def publish(model_admin, draft, user, comment="", publish_at=None, action=ReviewEvent.Action.APPROVED):
    """Apply the draft whole (or publish the unpublished item), with a revision and a LogEntry; the draft goes."""
    model = model_admin.model
    author = draft.author.get_username() if draft.author else "someone"
    message = f"Published the draft by {author}." if draft.has_changes else "Published after review."
    with transaction.atomic():
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(message)
            if draft.has_changes:
                obj = payloads.apply(model_admin, draft.payload, draft.object_id, for_real=True)
            else:
                obj = model._default_manager.select_for_update().get(pk=draft.object_id)
                if issubclass(model, Publishable):
                    obj.status = Status.PUBLISHED
                    obj.published_at = publish_at or timezone.now()
                    obj.updated_by = user
                    obj.save()
            reversion.add_to_revision(obj)
        LogEntry.objects.log_actions(
            user_id=user.pk if user else None,
            queryset=[obj],
            action_flag=ADDITION if draft.is_new_item else CHANGE,
            change_message=message,
            single_object=True,
        )
        record(draft, action, user, comment, obj=obj)
        draft.delete()
    return obj


def discard(draft, user):
    payload = draft.payload
    with transaction.atomic():
        record(draft, ReviewEvent.Action.DISCARDED, user)
        draft.delete()
        if payload:
            transaction.on_commit(lambda: payloads.delete_unused_files(payload))


def publish_due(now=None):
    """Approved drafts whose time has come go live (run every minute from cron: manage.py publish_due_drafts)."""
    from django.contrib import admin

    now = now or timezone.now()
    published = []
    for draft in Draft.objects.filter(state=Draft.State.APPROVED, publish_at__lte=now).select_related("content_type"):
        model = draft.content_type.model_class()
        model_admin = admin.site.get_model_admin(model)
        approval = draft.events.filter(action=ReviewEvent.Action.SCHEDULED).select_related("user").first()
        try:
            obj = publish(model_admin, draft, approval.user if approval else None, action=ReviewEvent.Action.PUBLISHED)
        except (IntegrityError, ObjectDoesNotExist, ValidationError, DeserializationError):
            # The others still go out; this one waits, for staff to see on the dashboard.
            logger.exception("Could not publish the approved draft %s", draft.pk)
            continue
        published.append(obj)
    return published
