"""schema.org JSON-LD for search engines: meetings as Event, publications as Report with their files."""

from django.urls import NoReverseMatch, reverse

IOM = {
    "@type": "Organization",
    "name": "International Organization for Migration (IOM)",
    "alternateName": "IOM Global Office in Brussels",
}


def _absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


def meeting_data(meeting, request=None):
    organizers = [IOM]
    if meeting.host:
        organizers.append(
            {
                "@type": "GovernmentOrganization",
                "name": meeting.host.full_name,
                "alternateName": meeting.host.acronym,
                "url": _absolute(request, meeting.host.get_absolute_url()),
            }
        )
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        "description": meeting.summary,
        # An ISO 8601 date at the precision the record knows: "2025-04-04", "2024-04" or "2024".
        "startDate": meeting.date_iso,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": organizers,
        "url": _absolute(request, meeting.get_absolute_url()),
        "inLanguage": "en",
    }
    if meeting.location:
        data["location"] = {"@type": "Place", "name": meeting.location, "address": meeting.location}
    topics = [topic.name for topic in meeting.topics.all()]
    if topics:
        data["keywords"] = topics
    return data


def publication_data(publication, request=None):
    """Report with each PDF as a MediaObject (`encoding` and `associatedMedia`)."""
    files = []
    for file in _files(publication):
        media = {
            "@type": "MediaObject",
            "encodingFormat": "application/pdf",
            "contentUrl": _absolute(request, _file_url(publication, file)),
        }
        language = getattr(file, "language", "")
        if language:
            media["inLanguage"] = language
        size = getattr(file, "size", None)
        if size:
            media["contentSize"] = f"{size} B"
        files.append(media)
    data = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": publication.title,
        "headline": publication.title[:110],
        "description": getattr(publication, "summary", ""),
        "publisher": IOM,
        "author": IOM,
        "url": _absolute(request, publication.get_absolute_url()),
        "inLanguage": "en",
    }
    published_on = getattr(publication, "date_iso", None) or _publication_date(publication)
    if published_on:
        # At the precision the record knows, like a meeting's startDate.
        data["datePublished"] = published_on if isinstance(published_on, str) else published_on.isoformat()
    if files:
        data["encoding"] = files
        data["associatedMedia"] = files
    topics = [topic.name for topic in publication.topics.all()] if hasattr(publication, "topics") else []
    if topics:
        data["keywords"] = topics
    return data


def _publication_date(publication):
    for name in ("published_on", "publication_date", "date"):
        value = getattr(publication, name, None)
        if value:
            return value
    return None


def _files(publication):
    manager = getattr(publication, "files", None)
    return list(manager.all()) if manager is not None else []


def _file_url(publication, file):
    if hasattr(file, "get_absolute_url"):
        return file.get_absolute_url()
    try:
        return reverse("publications:download", kwargs={"slug": publication.slug})
    except NoReverseMatch:
        return publication.get_absolute_url()


def data_for(obj, request=None):
    label = obj._meta.label
    if label == "meetings.Meeting":
        return meeting_data(obj, request)
    if label == "publications.Publication":
        return publication_data(obj, request)
    return None
