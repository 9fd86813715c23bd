"""The kinds of content the site search covers (filled by search.register) and the documents it reads of them.

Nothing here touches the database or the app registry.
"""

from dataclasses import dataclass

from richtext.text import to_text

KINDS = {}  # key -> Kind, in the order the apps registered them (INSTALLED_APPS)


@dataclass
class Document:
    """What search reads of an item. `summary` and `body` are running text, the excerpts come from them; names and
    labels shown with the item (people, services, topics, place, kind) go in `keywords`: found, never quoted."""

    title: str
    summary: str = ""
    body: str = ""
    date: object = None
    keywords: object = ()  # an iterable of strings, or one string


@dataclass(frozen=True)
class Kind:
    """A content type that search covers: how to read it, how to build its document, what changes it."""

    key: str
    label: str
    singular: str
    model: type
    build: object  # callable(instance) -> Document
    prefetch: tuple = ()
    select: tuple = ()
    # (model, callable(instance) -> iterable of this kind's primary keys to reindex)
    dependants: tuple = ()
    m2m_fields: tuple = ()

    def queryset(self):
        queryset = self.model.objects.prefetch_related(*self.prefetch)
        return queryset.select_related(*self.select) if self.select else queryset

    def published(self):
        return self.model.objects.published()


def join_text(*parts):
    """The non-empty parts of a document's body, one per line."""
    return "\n".join(str(part).strip() for part in parts if part and str(part).strip())


def html_to_text(value):
    """The words of staff HTML, a blank line between blocks (richtext.text)."""
    return to_text(value)
