from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from django.contrib import admin

        # The dashboard (editorial/dashboard.py) above the list of content types.
        admin.site.index_template = "editorial/admin/index.html"

        readable_through_rows()

        from core import history

        from .payload import file_kept_by_drafts

        # Files that only a pending draft uses are kept, like those of a stored revision.
        if file_kept_by_drafts not in history.file_keepers:
            history.file_keepers.append(file_kept_by_drafts)

        from django.db.models.signals import post_delete

        # A deleted item takes its pending draft and review state with it.
        post_delete.connect(forget_drafts_of_deleted_item, dispatch_uid="editorial_forget_drafts")


def forget_drafts_of_deleted_item(sender, instance, using, **kwargs):
    from django.contrib.contenttypes.models import ContentType

    from core.roles import is_reviewed

    from .models import Draft

    opts = sender._meta
    if opts.auto_created or not is_reviewed(opts.app_label, opts.model_name):
        return
    content_type = ContentType.objects.db_manager(using).get_for_model(sender)
    Draft.objects.using(using).filter(content_type=content_type, object_id=instance.pk).delete()


def readable_through_rows():
    """Rows of the many-to-many tables Django makes (a meeting's services, a publication's topics) read as what they
    link, e.g. "5th Senior Officials Meeting – DG HOME", in the delete confirmation, not "Meeting_services object
    (27)". Those models are Django's own (no migration of ours), so they get their __str__ here."""
    from django.apps import apps

    from core.roles import CONTENT_APPS

    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if not opts.auto_created or opts.app_label not in CONTENT_APPS or "__str__" in vars(model):
            continue
        links = [field.name for field in opts.concrete_fields if field.many_to_one]

        def __str__(self, links=links):
            return " – ".join(str(getattr(self, name)) for name in links)

        model.__str__ = __str__
