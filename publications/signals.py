"""Stored files follow their rows: when a row goes (also by cascade or queryset delete), its files go after commit,
unless another record still uses them."""

from django.db.models.signals import post_delete

from .models import delete_after_commit


def remove_files_of_deleted_publication(sender, instance, **kwargs):
    delete_after_commit(instance.cover_image.name)


def remove_files_of_deleted_file(sender, instance, **kwargs):
    delete_after_commit(instance.file.name)
    delete_after_commit(instance.thumbnail.name)


def connect():
    from .models import Publication, PublicationFile

    post_delete.connect(remove_files_of_deleted_publication, sender=Publication, dispatch_uid="publications_cover")
    post_delete.connect(remove_files_of_deleted_file, sender=PublicationFile, dispatch_uid="publications_files")
