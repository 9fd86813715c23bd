"""The benchmark's ceilings: what plain Django does on this machine, measured in the same run as the site.

- `bare_list`: the publications list template rendered with a context read once from the database, then kept in
  memory; each request renders the template again, through the same middleware, without a single query. An
  uncached page of the site cannot be faster than this.
- `bare_bytes`: the bytes of the publications list returned from memory, the ceiling for a page served from the
  page cache.

Only bench/run serves these (through `bench.settings`); the site never routes to them.
"""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.test import RequestFactory

from meetings.templatetags.meetings_tags import partner_services
from publications.views import PublicationListView

LIST_URL = "/publications/"
_kept = {}


class DatabaseTouched(RuntimeError):
    pass


def _refuse_queries(execute, sql, params, many, context):
    raise DatabaseTouched(f"the bare page must not query the database, but ran: {sql}")


def _materialised(field):
    """A form field whose choices were read from the database once (a ModelChoiceField queries on every render)."""
    if hasattr(field.widget, "choices"):
        field.widget.choices = list(field.widget.choices)
    return field


def _list_page():
    """The publications list view's template and context, with every queryset already read."""
    request = RequestFactory().get(LIST_URL, HTTP_HOST="127.0.0.1")
    request.user = AnonymousUser()
    response = PublicationListView.as_view()(request)
    context = dict(response.context_data)
    page = context["page_obj"]
    page.object_list = list(page.object_list)
    page.paginator.count, page.paginator.num_pages  # noqa: B018 (read once, kept by cached_property)
    for name in ("object_list", PublicationListView.context_object_name):
        context[name] = page.object_list
    for field in context["filter"].form.fields.values():
        _materialised(field)
    context["partner_services"] = partner_services()  # the footer's links, read once like the rest
    return response.template_name, context


def bare_list(request):
    if "list" not in _kept:
        _kept["list"] = _list_page()
    template_name, context = _kept["list"]
    with connection.execute_wrapper(_refuse_queries):
        response = TemplateResponse(request, template_name, context)
        response.render()
    return response


def bare_bytes(request):
    if "bytes" not in _kept:
        template_name, context = _list_page()
        _kept["bytes"] = TemplateResponse(request, template_name, context).render().content
    return HttpResponse(_kept["bytes"])
