from django import template
from django.db import DatabaseError

from core.cache import kept_for_generation

register = template.Library()


@register.filter
def position_on(person, day):
    """The position a person held on a given day, e.g. {{ person|position_on:meeting.date }}."""
    return person.position_on(day)


@register.filter
def position_at(person, meeting):
    """The position a person held at a meeting, within the period its date stands for."""
    return person.position_on(meeting.date, meeting.period_end)


@register.inclusion_tag("includes/partner_links.html", takes_context=True)
def partner_links(context):
    """The own websites of the EU services in the cooperation, for the footer. No query without a request (the 500
    page is rendered without one); a context that already holds them (the benchmark's bare page) is not queried."""
    services = context.get("partner_services")
    if services is None:
        services = partner_services() if context.get("request") is not None else []
    return {"services": services}


def partner_services():
    """The EU services with a website of their own; none when the database cannot answer (the 503 page).

    Kept per generation: every page's footer shows them, and reading them was a seventh of a page with no other
    query (README "Benchmark"); an edit to a service starts a new generation, so a change shows at once.
    """
    try:
        return kept_for_generation("footer:partners", _read_partner_services)
    except DatabaseError:
        return []


def _read_partner_services():
    from meetings.models import EUService

    return list(
        EUService.objects.published().exclude(website="").order_by("acronym").values("acronym", "full_name", "website")
    )
