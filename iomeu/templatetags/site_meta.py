"""Head metadata and navigation helpers: canonical URL, JSON-LD, breadcrumbs.

Nothing here queries the database, so the 500 page (rendered without a request) still works.
"""

import json

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from iomeu.structured_data import data_for

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# The list page above each detail or sub page, by view name: its label and URL name.
PARENTS = {
    "meetings:detail": "meetings:list",
    "meetings:participation": "meetings:list",
    "meetings:service_detail": "meetings:service_list",
    "publications:detail": "publications:list",
    "pages:timeline": None,
}
SECTION_LABELS = {
    "meetings:list": "Meetings",
    "meetings:participation": "Who took part",
    "meetings:service_list": "EU services",
    "publications:list": "Publications",
    "publications:presidencies": "Council Presidencies",
    "pages:timeline": "Timeline",
    "search": "Search",
    "accessibility": "Accessibility statement",
}


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's address without filters or tracking parameters (the page number kept when past the first)."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and page not in {"0", "1"}:
        url += f"?page={page}"
    return url


@register.simple_tag
def jsonld(obj, request=None):
    """<script type="application/ld+json"> for a meeting or a publication, escaped like json_script."""
    data = data_for(obj, request) if obj is not None else None
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, current=None):
    """Home > section > this page, from the view's name and the page's object; nothing on the home page."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else None
    if view_name == "home":
        return {"crumbs": []}
    crumbs = [("Home", _url("home"))]
    parent = PARENTS.get(view_name)
    if parent and _url(parent):
        crumbs.append((SECTION_LABELS.get(parent, ""), _url(parent)))
    if current is None:
        obj = context.get("object")
        current = str(obj) if obj is not None else SECTION_LABELS.get(view_name, "")
    if current:
        crumbs.append((current, ""))
    return {"crumbs": crumbs if len(crumbs) > 1 else []}


@register.simple_tag
def site_name():
    """The site's name (settings.SITE_NAME), for titles and the header; works without a request, as on the 500 page."""
    return settings.SITE_NAME


DEFAULT_DESCRIPTION = (
    "IOM's office in Brussels: the record of cooperation between the European Union and IOM, the UN Migration Agency."
)
ARTICLE_MODELS = {"meetings.Meeting", "publications.Publication", "iomeu.Page"}


@register.inclusion_tag("includes/open_graph.html", takes_context=True)
def open_graph(context):
    """Open Graph tags for link previews, from the page's object when it has one."""
    obj = context.get("object")
    match = getattr(context.get("request"), "resolver_match", None)
    view_name = match.view_name if match else None
    title = SECTION_LABELS.get(view_name, settings.SITE_NAME)
    description = DEFAULT_DESCRIPTION
    kind = "website"
    if obj is not None and hasattr(obj, "_meta"):
        title = str(obj)
        for name in ("summary", "description"):
            text = getattr(obj, name, "")
            if isinstance(text, str) and text.strip():
                description = " ".join(text.split())
                break
        if obj._meta.label in ARTICLE_MODELS:
            kind = "article"
    return {
        "title": title,
        "description": description[:300],
        "type": kind,
        "url": canonical_url(context),
        "site_name": settings.SITE_NAME,
    }
