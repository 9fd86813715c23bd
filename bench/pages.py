"""The pages the benchmark loads, found in the current database (filled by `python -m bench.load_data`).

Used by bench/run and by tests/bench/test_load_data.py, so that both measure the same pages.
"""

import math

from django.db.models import Count


def benchmark_pages():
    """[(name, url)] for the home page, both lists (first and last page), a filtered list, a detail page of each
    kind, search and a PDF download."""
    from meetings.models import EUService, Meeting
    from publications.models import Publication

    meetings = Meeting.objects.published()
    publications = Publication.objects.published()
    per_page = 20
    last_meetings_page = max(1, math.ceil(meetings.count() / per_page))
    last_publications_page = max(1, math.ceil(publications.count() / per_page))
    generated = publications.filter(slug__startswith="load-publication-")
    # The detail pages of items with relations, so that the page has everything it can show.
    publication = (
        generated.annotate(related_count=Count("related")).filter(related_count__gt=0).order_by("slug").first()
        or publications.order_by("slug").first()
    )
    meeting = (
        meetings.filter(slug__startswith="load-meeting-").order_by("slug").first() or meetings.order_by("slug").first()
    )
    service = EUService.objects.published().filter(slug__startswith="load-").order_by("slug").first()
    service = service or EUService.objects.published().order_by("slug").first()
    # A filter that matches something at every size: the topic and year of the publication shown above.
    topic = publication.topics.order_by("slug").first() if publication is not None else None
    downloadable = generated.filter(files__language="en", files__size__lt=10 * 1024 * 1024).order_by("slug").first()

    pages = [
        ("home", "/"),
        ("meetings, page 1", "/meetings/"),
        (f"meetings, page {last_meetings_page} (last)", f"/meetings/?page={last_meetings_page}"),
        ("publications, page 1", "/publications/"),
        (f"publications, page {last_publications_page} (last)", f"/publications/?page={last_publications_page}"),
    ]
    if topic is not None:
        year = publication.publication_date.year
        pages.append(("publications filtered by topic and year", f"/publications/?topic={topic.slug}&year={year}"))
    if meeting is not None:
        pages.append(("a meeting", meeting.get_absolute_url()))
    if publication is not None:
        pages.append(("a publication", publication.get_absolute_url()))
    if service is not None:
        pages.append(("an EU service", service.get_absolute_url()))
    pages += [
        ("Council Presidencies", "/presidencies/"),
        ("search", "/search/?q=return+and+reintegration"),
    ]
    if downloadable is not None:
        pages.append(("a PDF download", f"{downloadable.get_absolute_url()}download/"))
    return pages
