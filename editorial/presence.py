"""Who else has an item open, or saved it lately: shown when the change form opens, so that two people do not
edit the same item unknowingly (the edit token still refuses the second save).

Kept in the default cache (shared between servers when REDIS_URL is set); an entry lasts WINDOW after the form was
last opened.
"""

import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone

from .models import ReviewEvent

WINDOW = datetime.timedelta(minutes=15)


def _key(obj):
    return f"editorial:open:{obj._meta.label_lower}:{obj.pk}"


def _name(user):
    return user.get_full_name() or user.get_username()


def others_with_it_open(obj, user, now=None):
    """Note that `user` opened it; return [(name, since)] of the others who opened it within the window."""
    now = now or timezone.now()
    key = _key(obj)
    seen = {
        pk: entry
        for pk, entry in (cache.get(key) or {}).items()
        if now - datetime.datetime.fromisoformat(entry["last"]) < WINDOW
    }
    mine = seen.get(user.pk)
    seen[user.pk] = {"name": _name(user), "since": mine["since"] if mine else now.isoformat(), "last": now.isoformat()}
    cache.set(key, seen, timeout=int(WINDOW.total_seconds()))
    return [
        (entry["name"], datetime.datetime.fromisoformat(entry["since"]))
        for pk, entry in sorted(seen.items(), key=lambda item: item[1]["since"])
        if pk != user.pk
    ]


def recent_saves_by_others(obj, user, now=None):
    """[(name, when)] of saves (live or as a draft) by others within the window, latest first."""
    since = (now or timezone.now()) - WINDOW
    content_type = ContentType.objects.get_for_model(obj)
    saves = [
        (_name(entry.user), entry.action_time)
        for entry in LogEntry.objects.filter(content_type=content_type, object_id=str(obj.pk), action_time__gte=since)
        .exclude(user=user)
        .select_related("user")[:5]
    ]
    saves += [
        (_name(event.user), event.created_at)
        for event in ReviewEvent.objects.filter(
            content_type=content_type, object_id=obj.pk, action=ReviewEvent.Action.SAVED, created_at__gte=since
        )
        .exclude(user=user)
        .exclude(user=None)
        .select_related("user")[:5]
    ]
    return sorted(saves, key=lambda save: save[1], reverse=True)
