"""A draft's payload: an item with its inline rows, serialised the way django-reversion serialises a revision, and
applied back whole (inside a savepoint that is rolled back for a preview or a form, for real when published).

Files: every file field (photos, PDFs, covers) is in the private storage under a random name, so a draft's new file
is reachable only through the checked views, which know nothing of it until the draft is published; discarding the
draft deletes it.
"""

import json
import logging

from django.contrib import admin
from django.core import serializers
from django.db import models

from core.history import file_kept_by_history
from core.models import Publishable

logger = logging.getLogger(__name__)

PUBLISHING_FIELDS = ["status", "published_at", "expires_at"]


def inline_relations(model_admin):
    """[(inline model, foreign key to the parent)] for the admin's inlines: the rows saved with the item."""
    relations = []
    for inline in model_admin.inlines:
        if not issubclass(inline, admin.options.InlineModelAdmin):
            continue
        fk = next(
            field
            for field in inline.model._meta.concrete_fields
            if field.many_to_one
            and issubclass(model_admin.model, field.related_model)
            and inline.fk_name in (None, field.name)
        )
        relations.append((inline.model, fk))
    return relations


def serialise(model_admin, obj):
    objects = [obj]
    for model, fk in inline_relations(model_admin):
        objects.extend(model._default_manager.filter(**{fk.name: obj.pk}).order_by("pk"))
    return serializers.serialize("json", objects)


def deserialise(payload):
    return list(serializers.deserialize("json", payload, ignorenonexistent=True))


def draft_object(payload):
    """The item as the draft has it (unsaved), e.g. for its name."""
    return deserialise(payload)[0].object


def apply(model_admin, payload, object_id, for_real):
    """Write the draft's item and rows to the database; returns the item.

    Rows the draft removed are deleted, rows it added are inserted (with fresh ids when for real, so that no id
    taken in a rolled-back savepoint is reused), m2m relations set. The live publishing fields are kept: a draft
    changes content, a Publisher changes when it is public.
    """
    entries = deserialise(payload)
    main, rows = entries[0], entries[1:]
    obj = main.object
    model = type(obj)
    if object_id is None:
        obj.pk = None
        obj._state.adding = True
    else:
        obj.pk = object_id
        if issubclass(model, Publishable):
            live = model._default_manager.filter(pk=object_id).values(*PUBLISHING_FIELDS).first()
            for name, value in (live or {}).items():
                setattr(obj, name, value)
    _save(main, for_real)
    for row_model, fk in inline_relations(model_admin):
        existing = set(row_model._default_manager.filter(**{fk.name: obj.pk}).values_list("pk", flat=True))
        mine = [entry for entry in rows if type(entry.object) is row_model]
        kept = {entry.object.pk for entry in mine} & existing
        for row in row_model._default_manager.filter(pk__in=existing - kept):
            row.delete()
        # Existing rows first, new ones after: a row removed and added again (same person) meets no constraint.
        for entry in sorted(mine, key=lambda entry: entry.object.pk not in existing):
            row = entry.object
            setattr(row, fk.attname, obj.pk)
            if row.pk not in existing:
                if for_real or row_model._default_manager.filter(pk=row.pk).exists():
                    row.pk = None
                row._state.adding = True
            _save(entry, for_real)
    return obj


def _save(entry, for_real):
    """For real: the model's own save (search, page cache, files follow). Otherwise as stored (raw, as fixtures and
    django-reversion load rows), so that the form's edit token is the same every time the draft is applied."""
    m2m_data = dict(entry.m2m_data or {})  # the deserialised object forgets it once saved
    if for_real:
        entry.object.save()
    else:
        entry.save(save_m2m=False)
    for name, values in m2m_data.items():
        related = getattr(entry.object, name)
        if set(related.values_list("pk", flat=True)) != set(values):
            related.set(values)


def file_kept_by_drafts(name):
    """Registered with core.history.file_keepers: a pending draft's files are kept like a revision's."""
    from .models import Draft

    return Draft.objects.filter(payload__contains=json.dumps(name)).exists()


def file_names(payload):
    """[(model, field, stored name)] of the files the payload refers to."""
    found = []
    for entry in deserialise(payload):
        obj = entry.object
        for field in type(obj)._meta.concrete_fields:
            if isinstance(field, models.FileField):
                name = getattr(obj, field.attname).name
                if name:
                    found.append((type(obj), field, name))
    return found


def _used_by_a_row(model, field, name):
    return model._default_manager.filter(**{field.attname: name}).exists()


def delete_unused_files(payload):
    """The payload's own files go, unless a row or a stored revision uses them (a discarded draft's files; after a
    preview, the files its form uploaded)."""
    for model, field, name in file_names(payload):
        if _used_by_a_row(model, field, name) or file_kept_by_history(name):
            continue
        try:
            if field.storage.exists(name):
                field.storage.delete(name)
        except OSError:
            logger.exception("Could not delete the unused file %s", name)
