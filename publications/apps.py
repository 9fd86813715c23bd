from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"

    def ready(self):
        import search
        from core.models import Topic
        from images.registry import register as register_images

        from . import signals
        from .models import Presidency, Publication, PublicationFile, PublicationKind, Series
        from .search_documents import presidency_document, publication_document, publications_of

        signals.connect()
        # Covers follow their publication: public while it is published, to staff who may see publications otherwise.
        register_images("publication-cover", Publication, "cover_image")
        register_images("publication-page-cover", PublicationFile, "thumbnail", owner="publication")
        search.register(
            Publication,
            key="publication",
            label="Publications",
            singular="Publication",
            document=publication_document,
            select=["kind", "series", "presidency"],
            prefetch=["topics", "files"],
            depends_on=[
                (PublicationFile, lambda file: [file.publication_id]),
                (Topic, publications_of),
                (PublicationKind, publications_of),
                (Series, publications_of),
                (Presidency, publications_of),
            ],
            m2m_fields=["topics"],
        )
        search.register(
            Presidency,
            key="presidency",
            label="Council Presidencies",
            singular="Council Presidency",
            document=presidency_document,
        )
