"""The public URLs of the site, found from its own URL configuration and by following its links.

Every URL pattern outside the admin counts. Patterns without arguments are reversed; patterns with arguments get
the first real path of that pattern found by following links from the home page (so a real meeting, a real
publication), and a fuzzed one in the path tests. Each page's filters come from its view's FilterSet.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

SKIPPED_NAMESPACES = {"admin"}
# Query parameters any page may read, beside its filters.
COMMON_PARAMETERS = ["page", "q", "format", "ordering", "sort", "lang"]


@dataclass
class PublicURL:
    name: str
    route: str
    converters: list
    example: str | None = None
    filters: list = field(default_factory=list)


class LinkParser(HTMLParser):
    """Links of a page, the actions of its GET forms, and the names of those forms' fields."""

    def __init__(self):
        super().__init__()
        self.links, self.fields, self.in_get_form = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self.in_get_form = (attrs.get("method") or "get").lower() == "get"
            if self.in_get_form and attrs.get("action"):
                self.links.append(attrs["action"])
        elif tag in {"input", "select", "textarea"} and self.in_get_form and attrs.get("name"):
            self.fields.append(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get_form = False


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            child_namespace = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), child_namespace)
        elif isinstance(pattern, URLPattern):
            name = ":".join(filter(None, [namespace, pattern.name])) or prefix + str(pattern.pattern)
            converters = list(getattr(pattern.pattern, "converters", {}).keys())
            yield name, prefix + str(pattern.pattern), converters, pattern.callback


def filter_names(callback):
    view_class = getattr(callback, "view_class", None)
    filterset_class = getattr(view_class, "filterset_class", None)
    return list(filterset_class.base_filters) if filterset_class else []


def view_name(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client, limit=150):
    """One real path for each view name, by following links from the home page, and its GET form fields."""
    found, fields, queue = {}, {}, ["/"]
    while queue and len(found) < limit:
        path = queue.pop(0)
        name = view_name(path)
        if not name or name in found or path.startswith(("/admin/", "/media/", "/static/")):
            continue
        response = client.get(path)
        if response.status_code != 200:
            continue
        found[name] = path
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = LinkParser()
        parser.feed(response.content.decode("utf-8", "replace"))
        fields[name] = parser.fields
        for href in parser.links:
            parts = urlsplit(urljoin("http://testserver" + path, href))
            if parts.netloc == "testserver" and not parts.query:
                queue.append(parts.path)
    return found, fields


def borrowed_example(name, converters, examples):
    """A path for a pattern no link led to, with the arguments of a page that was reached (a real slug)."""
    for path in examples.values():
        kwargs = resolve(path).kwargs
        if set(converters) <= set(kwargs):
            try:
                return reverse(name, kwargs={key: kwargs[key] for key in converters})
            except NoReverseMatch:
                continue
    return None


def public_urls(client):
    """Every public URL pattern, with an example path where one exists or can be built."""
    examples, form_fields = crawl(client)
    urls = []
    for name, route, converters, callback in walk(get_resolver().url_patterns):
        if route.startswith("^") or "(?P" in route:
            continue  # regex patterns (media in DEBUG) are not pages
        example = examples.get(name)
        if example is None and not converters:
            example = "/" + route
        elif example is None:
            example = borrowed_example(name, converters, examples)
        # A page's own filters: its FilterSet's, and the fields of its GET forms (the header's search box aside).
        own_fields = [field for field in form_fields.get(name, []) if form_fields.get("home", []).count(field) == 0]
        filters = list(dict.fromkeys([*filter_names(callback), *own_fields]))
        urls.append(PublicURL(name, route, converters, example, filters))
    return urls
