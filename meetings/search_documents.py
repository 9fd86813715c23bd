"""What the site search reads of meetings and EU services (registered in MeetingsConfig.ready())."""

from django.db.models import Q

from richtext.text import to_text
from search import Document, join_text

from .models import Meeting


def meeting_document(meeting):
    services = [f"{service.acronym} {service.full_name}" for service in meeting.services.all()]
    host = f"{meeting.host.acronym} {meeting.host.full_name}" if meeting.host else ""
    return Document(
        title=meeting.title,
        summary=to_text(meeting.summary),
        body=join_text(to_text(meeting.body), *(quote.text for quote in meeting.quotes.all())),
        keywords=[
            meeting.get_level_display(),
            meeting.location,
            host,
            *services,
            *(topic.name for topic in meeting.topics.all()),
            *(participation.person.name for participation in meeting.participations.all()),
            *(quote.speaker.name for quote in meeting.quotes.all()),
        ],
        date=meeting.date,
    )


def service_document(service):
    line = [f"successor of {service.predecessor.acronym}"] if service.predecessor else []
    return Document(
        title=f"{service.acronym}: {service.full_name}",
        summary=service.description,
        keywords=[service.get_kind_display(), *line],
        date=service.joined_framework_on,
    )


def _meeting_ids(condition):
    return Meeting.objects.filter(condition).values_list("pk", flat=True)


def meetings_of_person(person):
    return _meeting_ids(Q(participations__person=person) | Q(quotes__speaker=person))


def meetings_of_service(service):
    return _meeting_ids(Q(host=service) | Q(services=service))


def meetings_of_topic(topic):
    return topic.meetings.values_list("pk", flat=True)
