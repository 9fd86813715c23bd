"""Head metadata and navigation helpers: canonical URL, JSON-LD, breadcrumbs.

Nothing here queries the database, so the 500 page (rendered without a request) still works.
"""

from django import template
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse

from core.structured_data import jsonld_script
from iomeu.identity import OG_KIND_OF_VIEW, OG_KINDS, OG_SIZE
from meetings.models import Meeting
from meetings.structured_data import meeting_data
from pages.models import Page
from publications.models import Publication
from publications.structured_data import publication_data
from richtext.fields import RichTextField
from richtext.text import to_line

register = template.Library()

STRUCTURED_DATA = {Meeting: meeting_data, Publication: publication_data}

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
    "feeds_help": "News feeds and calendar",
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
    build = STRUCTURED_DATA.get(type(obj))
    return jsonld_script(build(obj, request)) if build else ""


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
ARTICLE_MODELS = (Meeting, Publication, Page)


def _is_rich_text(obj, name):
    try:
        return isinstance(obj._meta.get_field(name), RichTextField)
    except FieldDoesNotExist:
        return False


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
            if isinstance(text, str) and _is_rich_text(obj, name):
                text = to_line(text)  # the words, not the markup
            if isinstance(text, str) and text.strip():
                description = " ".join(text.split())
                break
        if isinstance(obj, ARTICLE_MODELS):
            kind = "article"
    image_kind = OG_KIND_OF_VIEW.get(view_name, "home")
    request = context.get("request")
    image_path = reverse("og_image", kwargs={"kind": image_kind})
    return {
        "image": request.build_absolute_uri(image_path) if request is not None else image_path,
        "image_width": OG_SIZE[0],
        "image_height": OG_SIZE[1],
        "image_alt": f"{settings.SITE_NAME}: {OG_KINDS[image_kind]}",
        "title": title,
        "description": description[:300],
        "type": kind,
        "url": canonical_url(context),
        "site_name": settings.SITE_NAME,
    }
