"""Reading rendered pages the way a user or a screen reader would: elements, visible text, tables."""

import re
from html.parser import HTMLParser

INLINE = {"a", "abbr", "b", "em", "i", "small", "span", "strong", "time", "sup", "sub", "label"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs)
        self.text = []
        self.rows = []  # table rows: [(tag, attrs, text)]
        self._cell = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        self._break(tag)
        if tag in {"script", "style", "head"}:
            self._skip += 1
        if tag == "tr":
            self.rows.append([])
        if tag in {"th", "td"}:
            self._cell = [tag, attrs, ""]

    def _break(self, tag):
        """Block elements separate words; inline ones do not."""
        if tag not in INLINE:
            self.text.append(" ")
            if self._cell is not None:
                self._cell[2] += " "
        elif tag == "span" and self._cell is not None:
            self._cell[2] += " "

    def handle_endtag(self, tag):
        self._break(tag)
        if tag in {"script", "style", "head"}:
            self._skip -= 1
        if tag in {"th", "td"} and self._cell is not None:
            self._cell[2] = " ".join(self._cell[2].split())
            self.rows[-1].append(tuple(self._cell))
            self._cell = None

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)
        if self._cell is not None:
            self._cell[2] += data


def parse(response_or_html):
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.content.decode()
    page = _Page()
    page.feed(html)
    page.close()
    return page


def elements(response, tag, **attrs):
    """Elements of that tag whose attributes include attrs (use class_ for class)."""
    wanted = {key.rstrip("_"): value for key, value in attrs.items()}
    return [
        found
        for name, found in parse(response).elements
        if name == tag and all(found.get(key) == value for key, value in wanted.items())
    ]


def visible_text(response):
    return " ".join("".join(parse(response).text).split())


def table_rows(response):
    return parse(response).rows


def links(response):
    return [attrs.get("href") for attrs in elements(response, "a")]


def unlabelled_controls(response):
    """Form controls a screen reader could not name: no <label for>, no aria-label."""
    page = parse(response)
    labelled = {attrs.get("for") for tag, attrs in page.elements if tag == "label"}
    missing = []
    for tag, attrs in page.elements:
        if tag in {"input", "select", "textarea"} and attrs.get("type") not in {"hidden", "submit"}:
            if attrs.get("id") not in labelled and not attrs.get("aria-label"):
                missing.append((tag, attrs))
    return missing


DAY_PATTERN = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b"
)
