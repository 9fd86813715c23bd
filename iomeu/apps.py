from django.apps import AppConfig


class IomeuConfig(AppConfig):
    name = "iomeu"
    verbose_name = "Site"

    def ready(self):
        from . import cache

        cache.connect_signals()  # a save or delete of content starts a new page-cache generation
