"""Stored files follow their rows: when a meeting photo goes (directly, by cascade from its meeting or by a
queryset delete) or gets a new image, the file it no longer uses goes once the transaction commits (never when
it rolls back), with its renditions.

Photos live in the private storage, served only by images.views after checking the meeting. A file that a stored
revision still refers to (the item may be restored from its history) moves to "retired/" in the private storage
(core.storage.retired_name) instead of being deleted, and comes back when a restore saves a row that uses it.
Every file field of this app is covered, so that one added later is too.
"""

import logging

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save

from core.history import file_kept_by_history
from core.storage import get_private_storage, retired_name
from images import renditions

logger = logging.getLogger(__name__)


def file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def move(source, name, target, target_name):
    with source.open(name, "rb") as content:
        target.save(target_name, content)
    source.delete(name)


def retire_after_commit(model, field, name, using):
    """Once the transaction commits, take the file out of the public media unless a row still uses it."""
    if not name:
        return

    def retire():
        if model._default_manager.using(using).filter(**{field.attname: name}).exists():
            return
        if not field.storage.exists(name):
            return
        renditions.delete_all(field.storage, name)  # made again from the original if it is ever restored
        if file_kept_by_history(name):
            move(field.storage, name, get_private_storage(), retired_name(name))
        else:
            field.storage.delete(name)

    # robust: a storage error is logged and does not hide the other callbacks or fail the committed request.
    transaction.on_commit(retire, using=using, robust=True)


def remove_files_of_deleted_row(sender, instance, using, **kwargs):
    for field in file_fields(sender):
        retire_after_commit(sender, field, getattr(instance, field.attname).name, using)


def remove_replaced_files(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    fields = [f for f in file_fields(sender) if update_fields is None or f.name in update_fields]
    if not fields:
        return
    stored = sender._default_manager.using(using).filter(pk=instance.pk).values(*(f.attname for f in fields)).first()
    if stored is None:
        return  # a new row with a chosen primary key
    for field in fields:
        previous = stored[field.attname]
        if previous and previous != getattr(instance, field.attname).name:
            retire_after_commit(sender, field, previous, using)


def bring_back_restored_files(sender, instance, raw=False, **kwargs):
    """A restore from the history saves rows as they were (raw): their retired files return to the public media."""
    if not raw:
        return
    for field in file_fields(sender):
        name = getattr(instance, field.attname).name
        if not name or field.storage.exists(name):
            continue
        private_storage = get_private_storage()
        if private_storage.exists(retired_name(name)):
            move(private_storage, retired_name(name), field.storage, name)
        else:
            logger.warning("The restored file %s is no longer stored.", name)


def connect():
    for model in apps.get_app_config("meetings").get_models():
        if file_fields(model):
            uid = f"meetings_files_{model._meta.model_name}"
            post_delete.connect(remove_files_of_deleted_row, sender=model, dispatch_uid=f"{uid}_deleted")
            pre_save.connect(remove_replaced_files, sender=model, dispatch_uid=f"{uid}_replaced")
            post_save.connect(bring_back_restored_files, sender=model, dispatch_uid=f"{uid}_restored")
