"""What HTML staff text may hold, whatever a browser sends: the server's allow-list is the rule.

Three profiles: "summary" (paragraphs, bold, italic, links), "body" (also headings h2-h4, lists and quotations)
and "page" (a body whose links may also be mailto: and tel:, for the Contact page). Links go to this site's pages
("/meetings/...", "#part") or to http and https addresses; any other link loses its address and becomes text.

clean_with_report() also says what it removed, so that the editor who saved the text can be told.
"""

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

_INLINE = frozenset({"p", "br", "strong", "em", "a"})
_BLOCKS = frozenset({"h2", "h3", "h4", "ul", "ol", "li", "blockquote"})
# Removed with everything inside them: their content is code or another document, never text to keep.
_DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript", "textarea", "select"}
)
_VOID = frozenset({"img", "input", "link", "meta", "source", "track", "wbr", "area", "base", "col", "param"})
# Never reported: rel and target are set by the server itself, data-type is the editor's own note of a list's
# numbering (a list pasted into it gets one); the editor did not write them.
_IGNORED_ATTRIBUTES = {"rel", "target", "data-type"}
_LINKLESS_ANCHOR = re.compile(r"<a(?=[\s>])(?![^>]*\shref=)[^>]*>(.*?)</a>", re.S)


@dataclass(frozen=True)
class Profile:
    name: str
    tags: frozenset
    url_schemes: frozenset = frozenset({"http", "https"})

    @property
    def attributes(self):
        return {"a": {"href", "title"}, "ol": {"start"}}


PROFILES = {
    "summary": Profile("summary", _INLINE),
    "body": Profile("body", _INLINE | _BLOCKS),
    "page": Profile("page", _INLINE | _BLOCKS, frozenset({"http", "https", "mailto", "tel"})),
}
ALLOWED_DESCRIPTION = {
    "summary": "paragraphs, bold, italic and links",
    "body": "headings (levels 2 to 4), paragraphs, bold, italic, lists, quotations and links",
    "page": "headings (levels 2 to 4), paragraphs, bold, italic, lists, quotations and links",
}


def allowed_link(url, profile):
    """A page of this site ("/about/", "#contact"), or an address with one of the profile's schemes."""
    url = url.strip()
    if not url or any(ord(c) < 32 or ord(c) == 127 for c in url) or "\\" in url:
        return False
    if url.startswith("#"):
        return True
    if url.startswith("/"):
        return not url.startswith("//")  # "//host" is another site
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme.lower() not in profile.url_schemes:
        return False
    return bool(parts.netloc) if parts.scheme.lower() in ("http", "https") else bool(parts.path)


def _cleaner(profile):
    def attribute_filter(tag, attribute, value):
        if tag == "a" and attribute == "href" and not allowed_link(value, profile):
            return None
        return value

    return nh3.Cleaner(
        tags=set(profile.tags),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in profile.attributes.items()},
        attribute_filter=attribute_filter,
        url_schemes=set(profile.url_schemes),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_CLEANERS = {name: _cleaner(profile) for name, profile in PROFILES.items()}


def clean(html, profile="body"):
    """The HTML as a public page may show it."""
    if not html:
        return ""
    cleaned = _CLEANERS[profile].clean(html)
    # A link whose address was refused is no link at all: keep its text.
    cleaned = _LINKLESS_ANCHOR.sub(r"\1", cleaned).strip()
    return "" if re.fullmatch(r"(<p>\s*</p>)*", cleaned) else cleaned


class _Inspector(HTMLParser):
    """Lists what the allow-list will remove from a piece of HTML, in words an editor understands."""

    def __init__(self, profile):
        super().__init__(convert_charrefs=True)
        self.profile = profile
        self.removed = Counter()

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED_WITH_CONTENT:
            self.removed[f"{_describe(tag)} with everything in it"] += 1
            return
        if tag not in self.profile.tags:
            if tag in _VOID:
                self.removed[_describe(tag)] += 1
            elif tag not in {"html", "head", "body", "meta"}:  # what a pasted document is wrapped in
                self.removed[f"{_describe(tag)} (its text is kept)"] += 1
            for name, _ in attrs:
                if name.startswith("on"):  # said too: the editor may not know the element ran code
                    self.removed[f"the {name} event handler"] += 1
            return
        allowed = self.profile.attributes.get(tag, set())
        for name, value in attrs:
            if name in _IGNORED_ATTRIBUTES:
                continue
            if name not in allowed:
                what = "event handler" if name.startswith("on") else "attribute"
                self.removed[f"the {name} {what}"] += 1
            elif tag == "a" and name == "href" and not allowed_link(value or "", self.profile):
                shown = (value or "").strip()
                shown = shown if len(shown) <= 60 else shown[:57] + "..."
                self.removed[f"the link to “{shown}” (its text is kept)"] += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data):
        self.removed["comments"] += 1


def _describe(tag):
    return {
        "script": "a script",
        "style": "a style sheet",
        "iframe": "an embedded frame",
        "img": "an image",
        "svg": "an SVG drawing",
        "h1": "a level-1 heading",
        "h5": "a level-5 heading",
        "h6": "a level-6 heading",
        "table": "a table",
        "span": "a span",
        "div": "a div",
    }.get(tag, f"a <{tag}> element")


def clean_with_report(html, profile="body"):
    """(cleaned HTML, list of what was removed) - an empty list when nothing was."""
    inspector = _Inspector(PROFILES[profile])
    inspector.feed(html or "")
    inspector.close()
    removed = [f"{what} (×{count})" if count > 1 else what for what, count in inspector.removed.items()]
    return clean(html, profile), removed


def from_plain_text(value, profile="body"):
    """A plain text (a blank line between paragraphs) as the HTML a save would store: for loaders of records
    written as text, so that comparing with what is stored finds no difference where there is none."""
    from .text import plain_to_html

    return clean(plain_to_html(value), profile)
