"""schema.org JSON-LD of a meeting: an Event."""

from core.structured_data import IOM, absolute
from richtext.text import to_line


def meeting_data(meeting, request=None):
    organizers = [IOM]
    if meeting.host:
        organizers.append(
            {
                "@type": "GovernmentOrganization",
                "name": meeting.host.full_name,
                "alternateName": meeting.host.acronym,
                "url": absolute(request, meeting.host.get_absolute_url()),
            }
        )
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        "description": to_line(meeting.summary),
        # An ISO 8601 date at the precision the record knows: "2025-04-04", "2024-04" or "2024".
        "startDate": meeting.date_iso,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": organizers,
        "url": absolute(request, meeting.get_absolute_url()),
        "inLanguage": "en",
    }
    if meeting.location:
        data["location"] = {"@type": "Place", "name": meeting.location, "address": meeting.location}
    topics = [topic.name for topic in meeting.topics.all()]
    if topics:
        data["keywords"] = topics
    return data
