"""With the database down, pages answer 503 in the site's design instead of a 500, and recover by themselves.

Pages the page cache holds are served from it before any query runs (core.cache), so anonymous visitors still
get them; everything else gets the short 503 page below. Nothing here keeps state: the next request after the
database returns opens a new connection (or takes a checked one from the pool) and the site is back.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30

# Used only if even the template cannot be rendered; same stylesheet, same words.
FALLBACK_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Temporarily unavailable | IOM Brussels</title><link rel="stylesheet" href="{static}css/site.css"></head>
<body><main id="main"><h1>This page is temporarily unavailable</h1>
<p>The site cannot reach its database at the moment. Please try again in a few minutes.</p></main></body></html>
"""


def database_unavailable_response():
    try:
        # No request: no context processor runs, so nothing in the page touches the database.
        content = render_to_string("503.html")
    except Exception:
        logger.exception("The 503 page could not be rendered; using the plain fallback.")
        content = FALLBACK_HTML.format(static=settings.STATIC_URL)
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection (OperationalError, InterfaceError) into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable while serving %s: %s", request.path, exception)
        return database_unavailable_response()
