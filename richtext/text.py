"""Plain text from staff HTML (feeds, search, JSON-LD, Open Graph, calendars), and the migration of the plain-text
bodies written before the editor: text to paragraphs and back, without losing a character."""

import html as html_module
import re
from html.parser import HTMLParser

_BLOCK_ENDS = {"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "div", "table", "dl"}
_LINE_ENDS = {"li", "tr", "dt", "dd"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.current, self.skip = [], [], 0

    def _end_block(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1
        elif tag == "br":
            self.current.append(" ")
        elif tag in _BLOCK_ENDS or tag in _LINE_ENDS:
            self._end_block()

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_ENDS or tag in _LINE_ENDS:
            self._end_block()

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)


def to_text(value, separator="\n\n"):
    """The words of an HTML text, one block (paragraph, heading, list item) per part, without markup."""
    if not value:
        return ""
    extractor = _TextExtractor()
    extractor.feed(value)
    extractor.close()
    extractor._end_block()
    return separator.join(extractor.blocks)


def to_line(value):
    """The text on one line: for meta descriptions, Open Graph and JSON-LD."""
    return to_text(value, separator=" ")


# The migration ---------------------------------------------------------------------------------------------------

_MIGRATED = re.compile(r"(?:<p>[^<]*(?:<br>[^<]*)*</p>)+")


def plain_to_html(text):
    """A plain text as paragraphs: a blank line ("\\n\\n") starts a paragraph, another line break is a <br>, and
    every character is kept (escaped), so that html_to_plain() gives the text back exactly.

    A browser sends each line break of a textarea as "\\r\\n": that pair counts as one line break (and comes
    back as "\\n").
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n")
    return "".join(
        "<p>" + html_module.escape(part, quote=False).replace("\n", "<br>") + "</p>" for part in text.split("\n\n")
    )


def html_to_plain(value):
    """The reverse of plain_to_html(); HTML written in the editor since becomes its text, paragraph by paragraph."""
    if not value:
        return ""
    if _MIGRATED.fullmatch(value):
        parts = re.findall(r"<p>(.*?)</p>", value, re.S)
        return "\n\n".join(html_module.unescape(part.replace("<br>", "\n")) for part in parts)
    return to_text(value)


def migrate_fields(model, fields, convert, using="default"):
    """For data migrations: convert each of `fields` of every row of `model`, saving only the rows that change."""
    for row in model._default_manager.using(using).only("pk", *fields).iterator():
        values = {field: convert(getattr(row, field)) for field in fields}
        if any(values[field] != getattr(row, field) for field in fields):
            model._default_manager.using(using).filter(pk=row.pk).update(**values)
