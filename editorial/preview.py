"""Staff previews of a public page as a draft (or unsaved form) would make it: the page's own view, called inside
the caller's savepoint, marked with the banner and never cached."""

import copy
from urllib.parse import urlsplit

from django.conf import settings
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csp import csp_override


def render_public_page(request, obj, label):
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path) if url else None
    except Resolver404:
        match = None
    if match is None:
        response = TemplateResponse(
            request,
            "editorial/no_public_page.html",
            {"obj": obj, "label": label, "opts": type(obj)._meta},
        )
    else:
        # The same request (user, session, nonce), as a GET of the public page.
        page_request = copy.copy(request)
        page_request.method = "GET"
        page_request.GET = QueryDict(parts.query)
        page_request.POST = QueryDict()
        page_request.path = page_request.path_info = parts.path
        page_request.resolver_match = match
        response = match.func(page_request, *match.args, **match.kwargs)
    if isinstance(response, TemplateResponse):
        # Rows made in the caller's savepoint have no address once it is rolled back: their pictures are embedded.
        response.context_data = {
            **(response.context_data or {}),
            "is_preview": True,
            "preview_label": label,
            "inline_pictures": True,
        }
        response.render()
        response = csp_override({**settings.SECURE_CSP, "img-src": [*settings.SECURE_CSP["img-src"], "data:"]})(
            lambda _request: response
        )(request)
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-cache, no-store, must-revalidate, private"
    response["X-Robots-Tag"] = "noindex"
    return response
