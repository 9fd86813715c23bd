from django.apps import AppConfig


class ImagesConfig(AppConfig):
    """Pictures of content items: private originals, renditions made once and kept, served by a checked view."""

    name = "images"

    def ready(self):
        from core.storage import derived_file_keepers

        from .renditions import renditions_of

        if renditions_of not in derived_file_keepers:
            derived_file_keepers.append(renditions_of)
