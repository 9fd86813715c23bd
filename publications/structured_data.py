"""schema.org JSON-LD of a publication: a Report with its files."""

from core.structured_data import IOM, absolute
from richtext.text import to_line


def publication_data(publication, request=None):
    """Report with each PDF as a MediaObject (`encoding` and `associatedMedia`)."""
    files = []
    for file in publication.files.all():
        media = {
            "@type": "MediaObject",
            "encodingFormat": "application/pdf",
            "contentUrl": absolute(request, file.get_absolute_url()),
        }
        if file.language:
            media["inLanguage"] = file.language
        if file.size:
            media["contentSize"] = f"{file.size} B"
        files.append(media)
    data = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": publication.title,
        "headline": publication.title[:110],
        "description": to_line(publication.summary),
        "publisher": IOM,
        "author": IOM,
        "url": absolute(request, publication.get_absolute_url()),
        "inLanguage": "en",
    }
    if publication.date_iso:
        # At the precision the record knows, like a meeting's startDate.
        data["datePublished"] = publication.date_iso
    if files:
        data["encoding"] = files
        data["associatedMedia"] = files
    topics = [topic.name for topic in publication.topics.all()]
    if topics:
        data["keywords"] = topics
    return data
