from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self):
        import search
        from core.models import Topic
        from images.registry import register as register_images

        from . import signals
        from .models import EUService, Meeting, MeetingPhoto, Participation, Person, Quote
        from .search_documents import (
            meeting_document,
            meetings_of_person,
            meetings_of_service,
            meetings_of_topic,
            service_document,
        )

        signals.connect()
        # Photos follow their meeting: public while it is published, to staff who may see meetings otherwise.
        register_images("meeting-photo", MeetingPhoto, "image", owner="meeting")
        search.register(
            Meeting,
            key="meeting",
            label="Meetings",
            singular="Meeting",
            document=meeting_document,
            select=["host"],
            prefetch=["services", "topics", "participations__person", "quotes__speaker"],
            depends_on=[
                (Quote, lambda quote: [quote.meeting_id]),
                (Participation, lambda participation: [participation.meeting_id]),
                (Person, meetings_of_person),
                (Topic, meetings_of_topic),
                (EUService, meetings_of_service),
            ],
            m2m_fields=["services", "topics"],
        )
        search.register(
            EUService,
            key="service",
            label="EU services",
            singular="EU service",
            document=service_document,
            select=["predecessor"],
        )
