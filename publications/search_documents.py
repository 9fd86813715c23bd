"""What the site search reads of publications and Council Presidencies (registered in PublicationsConfig.ready())."""

from richtext.text import to_text
from search import Document, join_text

from .samples import is_sample_text


def publication_document(publication):
    series = f"{publication.series.title}, edition {publication.edition or ''}" if publication.series else ""
    return Document(
        title=publication.title,
        summary=to_text(publication.summary),
        body=join_text(
            publication.quote,
            to_text(publication.body),
            # A sample PDF holds only the publication's own fields and the sample notice: nothing to find it by.
            *(file.text for file in publication.files.all() if not is_sample_text(file.text)),
        ),
        keywords=[
            publication.quote_source if publication.quote else "",
            publication.kind.name,
            series,
            str(publication.presidency) if publication.presidency else "",
            *(topic.name for topic in publication.topics.all()),
        ],
        date=publication.publication_date,
    )


def presidency_document(presidency):
    return Document(
        title=f"{presidency.member_state} Presidency of the Council of the EU, {presidency.period}",
        keywords=["Council Presidency", "Presidency of the Council of the European Union"],
        date=presidency.start,
    )


def publications_of(instance):
    """The publications of a topic, kind, series or Presidency."""
    return instance.publications.values_list("pk", flat=True)
