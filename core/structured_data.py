"""schema.org JSON-LD for search engines: what the apps' structured data share (meetings/structured_data.py,
publications/structured_data.py) and how a page writes it."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

IOM = {
    "@type": "Organization",
    "name": "International Organization for Migration (IOM)",
    "alternateName": "IOM Global Office in Brussels",
}

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


def jsonld_script(data):
    """<script type="application/ld+json">, escaped like json_script; nothing without data."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
