from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from .roles import sync_roles_after_migrate
        from .security import strip_location_before_save

        # After every migrate, so that content types added later get the roles' permissions too.
        post_migrate.connect(sync_roles_after_migrate, sender=self, dispatch_uid="iomeu_sync_roles")
        pre_save.connect(strip_location_before_save, dispatch_uid="iomeu_strip_image_location")

        from . import cache

        cache.connect_signals()  # a save or delete of content starts a new page-cache generation
