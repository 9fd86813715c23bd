"""One search across the site's public content: meetings, publications (with the text of their PDFs),
Presidencies, EU services and pages.

Each item has one row in SearchEntry, rewritten whenever the item or something shown with it is saved.
On PostgreSQL that row carries a stored, weighted English tsvector with a GIN index (see the iomeu migration), and
queries use websearch syntax, ranking and highlighted headlines. On other databases (SQLite) the same functions
match every word's stem with icontains and rank by where the words were found.
Whether an item is public is never stored: every query goes through the item's own published() queryset.
"""

import html
import os
import re
import unicodedata
from dataclasses import dataclass, field

import nh3
import snowballstemmer
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, IntegerField, Q, TextField, Value, When
from django.db.models.expressions import Expression
from django.db.models.functions import Concat
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SearchEntry

MAX_QUERY_LENGTH = 200
# Enough of a long PDF to find it by; keeps every row far below PostgreSQL's 1 MB tsvector limit.
MAX_BODY_CHARS = 200_000
CONFIG = "english"
# Private-use characters mark the matched words in a PostgreSQL headline; the text is escaped before they
# become <mark> tags, so nothing in a document or a query can inject markup.
START, STOP = "\ue000", "\ue001"
SNIPPET_CHARS = 260

_STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or that the their this to was were "
    "which with not no".split()
)
_stemmer = snowballstemmer.stemmer("english")


# Documents ------------------------------------------------------------------------------------------------------


@dataclass
class Document:
    title: str
    summary: str = ""
    body: str = ""
    date: object = None


@dataclass(frozen=True)
class Kind:
    """A content type that search covers: how to read it, how to build its document, what changes it."""

    key: str
    label: str
    singular: str
    model_label: str
    build: object  # callable(instance) -> Document
    prefetch: tuple = ()
    select: tuple = ()
    # (model label, callable(instance) -> iterable of this kind's primary keys to reindex)
    dependants: tuple = field(default_factory=tuple)
    m2m_fields: tuple = ()

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def installed(self):
        try:
            self.model  # noqa: B018
        except LookupError:
            return False
        return True

    def queryset(self):
        queryset = self.model.objects.prefetch_related(*self.prefetch)
        return queryset.select_related(*self.select) if self.select else queryset

    def published(self):
        return self.model.objects.published()


def _join(*parts):
    return "\n".join(str(part).strip() for part in parts if part and str(part).strip())


def _html_to_text(value):
    return html.unescape(nh3.clean(value or "", tags=set())).strip()


def _meeting_document(meeting):
    services = [f"{service.acronym} {service.full_name}" for service in meeting.services.all()]
    host = f"hosted by {meeting.host.acronym} {meeting.host.full_name}" if meeting.host else ""
    return Document(
        title=meeting.title,
        summary=meeting.summary,
        body=_join(
            meeting.body,
            meeting.get_level_display(),
            meeting.location,
            host,
            *services,
            *(topic.name for topic in meeting.topics.all()),
            *(participation.person.name for participation in meeting.participations.all()),
            *(f"{quote.text} {quote.speaker.name}" for quote in meeting.quotes.all()),
        ),
        date=meeting.date,
    )


def _service_document(service):
    line = [f"successor of {service.predecessor.acronym}"] if service.predecessor else []
    return Document(
        title=f"{service.acronym}: {service.full_name}",
        summary=service.description,
        body=_join(service.get_kind_display(), *line),
        date=service.joined_framework_on,
    )


def _page_document(page):
    return Document(title=page.title, summary=page.description, body=_html_to_text(page.body))


def _publication_document(publication):
    series = f"{publication.series.title}, edition {publication.edition or ''}" if publication.series else ""
    quote = f"{publication.quote} {publication.quote_source}" if publication.quote else ""
    return Document(
        title=publication.title,
        summary=publication.summary,
        body=_join(
            quote,
            publication.body,
            publication.kind.name,
            series,
            str(publication.presidency) if publication.presidency else "",
            *(topic.name for topic in publication.topics.all()),
            *(file.text for file in publication.files.all()),
        ),
        date=publication.publication_date,
    )


def _presidency_document(presidency):
    return Document(
        title=f"{presidency.member_state} Presidency of the Council of the EU, {presidency.period}",
        summary=f"{presidency} Presidency of the Council of the European Union",
        body="Council Presidency",
        date=presidency.start,
    )


def _related_ids(attribute):
    def related(instance):
        return getattr(instance, attribute).values_list("pk", flat=True)

    return related


def _meeting_ids(queryset):
    return queryset.values_list("pk", flat=True)


def _m2m_meetings(attribute):
    def related(instance):
        return _meeting_ids(getattr(instance, attribute).all())

    return related


KINDS = {
    "meeting": Kind(
        key="meeting",
        label="Meetings",
        singular="Meeting",
        model_label="meetings.Meeting",
        build=_meeting_document,
        select=("host",),
        prefetch=("services", "topics", "participations__person", "quotes__speaker"),
        dependants=(
            ("meetings.Quote", lambda quote: [quote.meeting_id]),
            ("meetings.Participation", lambda participation: [participation.meeting_id]),
            ("meetings.Person", lambda person: _meeting_ids(apps.get_model("meetings.Meeting").objects.filter(
                Q(participations__person=person) | Q(quotes__speaker=person)))),
            ("iomeu.Topic", _m2m_meetings("meetings")),
            ("meetings.EUService", lambda service: _meeting_ids(apps.get_model("meetings.Meeting").objects.filter(
                Q(host=service) | Q(services=service)))),
        ),
        m2m_fields=("services", "topics"),
    ),
    "publication": Kind(
        key="publication",
        label="Publications",
        singular="Publication",
        model_label="publications.Publication",
        build=_publication_document,
        select=("kind", "series", "presidency"),
        prefetch=("topics", "files"),
        dependants=(
            ("publications.PublicationFile", lambda file: [file.publication_id]),
            ("iomeu.Topic", _related_ids("publications")),
            ("publications.PublicationKind", _related_ids("publications")),
            ("publications.Series", _related_ids("publications")),
            ("publications.Presidency", _related_ids("publications")),
        ),
        m2m_fields=("topics",),
    ),
    "presidency": Kind(
        key="presidency",
        label="Council Presidencies",
        singular="Council Presidency",
        model_label="publications.Presidency",
        build=_presidency_document,
    ),
    "service": Kind(
        key="service",
        label="EU services",
        singular="EU service",
        model_label="meetings.EUService",
        build=_service_document,
        select=("predecessor",),
    ),
    "page": Kind(
        key="page",
        label="Pages",
        singular="Page",
        model_label="iomeu.Page",
        build=_page_document,
    ),
}  # fmt: skip


def installed_kinds():
    return [kind for kind in KINDS.values() if kind.installed]


def kind_choices():
    return [(kind.key, kind.label) for kind in installed_kinds()]


def _kind_for_model(model):
    for kind in installed_kinds():
        if kind.model is model:
            return kind
    return None


# Keeping the index up to date ----------------------------------------------------------------------------------


def _clean_text(value, limit):
    value = (value or "").replace("\x00", " ").replace(START, " ").replace(STOP, " ")
    return value[:limit]


def index(kind, pks):
    """Write the entries of these items of one kind; remove the entries of those that no longer exist."""
    pks = {int(pk) for pk in pks if pk is not None}
    if not pks:
        return
    content_type = ContentType.objects.get_for_model(kind.model)
    found = set()
    for instance in kind.queryset().filter(pk__in=pks):
        document = kind.build(instance)
        found.add(instance.pk)
        SearchEntry.objects.update_or_create(
            content_type=content_type,
            object_id=instance.pk,
            defaults={
                "kind": kind.key,
                "title": _clean_text(document.title, 500),
                "summary": _clean_text(document.summary, MAX_BODY_CHARS),
                "body": _clean_text(document.body, MAX_BODY_CHARS),
                "date": document.date,
                "year": document.date.year if document.date else None,
            },
        )
    missing = pks - found
    if missing:
        SearchEntry.objects.filter(content_type=content_type, object_id__in=missing).delete()


def rebuild(stdout=None):
    """Rewrite the whole index from the database (after bulk imports or a restore)."""
    total = 0
    known = []
    for kind in installed_kinds():
        pks = list(kind.model.objects.values_list("pk", flat=True))
        for start in range(0, len(pks), 200):
            index(kind, pks[start : start + 200])
        content_type = ContentType.objects.get_for_model(kind.model)
        SearchEntry.objects.filter(content_type=content_type).exclude(object_id__in=pks).delete()
        known.append(content_type.pk)
        total += len(pks)
    SearchEntry.objects.exclude(content_type__in=known).delete()
    if stdout is not None:
        stdout.write(f"Search index: {total} item(s) indexed.\n")
    return total


def _on_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    kind = _kind_for_model(sender)
    if kind is not None:
        index(kind, [instance.pk])


def _on_delete(sender, instance, **kwargs):
    content_type = ContentType.objects.get_for_model(sender)
    SearchEntry.objects.filter(content_type=content_type, object_id=instance.pk).delete()


def _dependant_handler(kind, related):
    def handler(sender, instance, raw=False, **kwargs):
        if not raw:
            index(kind, list(related(instance)))

    return handler


def _m2m_handler(kind):
    def handler(sender, instance, action, reverse, pk_set, **kwargs):
        if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
            return
        if not reverse:
            if action != "pre_clear":
                index(kind, [instance.pk])
            return
        # The other side changed (e.g. a topic's meetings): reindex the items it touched.
        if action == "pre_clear":
            accessor = _reverse_accessor(kind, sender)
            instance._search_cleared = list(getattr(instance, accessor).values_list("pk", flat=True))
        elif action == "post_clear":
            index(kind, getattr(instance, "_search_cleared", []))
        else:
            index(kind, pk_set or [])

    return handler


def _reverse_accessor(kind, through):
    for name in kind.m2m_fields:
        model_field = kind.model._meta.get_field(name)
        if model_field.remote_field.through is through:
            return model_field.remote_field.get_accessor_name()
    raise LookupError(through)


_handlers = []  # signal receivers are weak references by default; keep ours alive


def connect_signals():
    """Called once from IomeuConfig.ready()."""
    for kind in installed_kinds():
        model = kind.model
        post_save.connect(_on_save, sender=model, dispatch_uid=f"search-save-{kind.key}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-delete-{kind.key}")
        for position, (label, related) in enumerate(kind.dependants):
            try:
                related_model = apps.get_model(label)
            except LookupError:
                continue
            handler = _dependant_handler(kind, related)
            _handlers.append(handler)
            post_save.connect(handler, sender=related_model, dispatch_uid=f"search-dep-save-{kind.key}-{position}")
            post_delete.connect(handler, sender=related_model, dispatch_uid=f"search-dep-delete-{kind.key}-{position}")
        for name in kind.m2m_fields:
            handler = _m2m_handler(kind)
            _handlers.append(handler)
            through = model._meta.get_field(name).remote_field.through
            m2m_changed.connect(handler, sender=through, dispatch_uid=f"search-m2m-{kind.key}-{name}")


# Querying --------------------------------------------------------------------------------------------------------


def is_postgresql():
    return connection.vendor == "postgresql"


def normalise_query(value):
    """What is left of a query once control characters are gone, spaces collapsed and the length bounded."""
    value = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in str(value or ""))
    return " ".join(value.split())[:MAX_QUERY_LENGTH]


@dataclass
class Terms:
    include: list
    exclude: list

    def __bool__(self):
        return bool(self.include)


def _prefix(word):
    """The part of a word that its other forms share: "returning" -> "return", "policies" -> "polic"."""
    word = word.lower()
    stem = os.path.commonprefix([_stemmer.stemWord(word), word])
    if stem.endswith("i") and len(stem) > 4:  # snowball turns a final y into i: policy -> polici
        stem = stem[:-1]
    return stem if len(stem) >= 3 else word


def terms(query):
    """The words a query asks for and the ones it excludes (-word), as stems; stop words and operators dropped."""
    include, exclude = [], []
    for token in normalise_query(query).split():
        target = exclude if token.startswith("-") else include
        for word in re.findall(r"\w+", token):
            if word.lower() in _STOP_WORDS:
                continue
            prefix = _prefix(word)
            if prefix not in target:
                target.append(prefix)
    return Terms(include, exclude)


def has_words(query):
    """Whether a query has anything to search for (not only punctuation, operators or stop words)."""
    return bool(terms(query))


class _StoredVector(Expression):
    """The PostgreSQL-only search_vector column of SearchEntry, under whatever alias the query gives the table
    (it is not a model field, so that SQLite needs no such column)."""

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name(compiler.query.base_table)
        return f"{alias}.{connection.ops.quote_name('search_vector')}", []


def _vector():
    return _StoredVector()


def _pg_query(query):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(normalise_query(query), config=CONFIG, search_type="websearch")


def _fallback_condition(words):
    condition = Q()
    for word in words.include:
        condition &= Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
    for word in words.exclude:
        condition &= ~(Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word))
    return condition


def _fallback_rank(words):
    score = Value(0)
    for word in words.include:
        for column, weight in (("title", 8), ("summary", 3), ("body", 1)):
            score = score + Case(
                When(**{f"{column}__icontains": word}, then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return score


def matching(entries, query):
    """Entries matching a query, annotated with `rank` (higher is better). Empty when there is nothing to find."""
    if not has_words(query):
        return entries.none().annotate(rank=Value(0.0))
    if is_postgresql():
        from django.contrib.postgres.search import SearchRank

        search_query = _pg_query(query)
        return (
            entries.alias(vector=_vector())
            .filter(vector=search_query)
            .annotate(rank=SearchRank(_vector(), search_query, normalization=Value(1)))
        )
    words = terms(query)
    return entries.filter(_fallback_condition(words)).annotate(rank=_fallback_rank(words))


def public_entries(kinds=None):
    """Entries of public items only, each kind filtered by its own published() queryset."""
    visible = Q(pk__in=[])
    for kind in installed_kinds():
        if kinds and kind.key not in kinds:
            continue
        content_type = ContentType.objects.get_for_model(kind.model)
        visible |= Q(content_type=content_type, object_id__in=kind.published().values("pk"))
    return SearchEntry.objects.filter(visible)


def search(query, kind=None, year=None):
    """Public entries matching a query, best first; optionally one kind and one year."""
    entries = public_entries([kind] if kind else None)
    if year:
        entries = entries.filter(year=year)
    return matching(entries, query).order_by("-rank", "-date", "title")


def years():
    """The years of public entries, newest first (the search form's choices)."""
    return list(public_entries().filter(year__isnull=False).order_by("-year").values_list("year", flat=True).distinct())


def matching_ids(model, query):
    """A subquery of the primary keys of a model's items that match the query (for the list pages' `q`)."""
    content_type = ContentType.objects.get_for_model(model)
    return matching(SearchEntry.objects.filter(content_type=content_type), query).values("object_id")


def filter_queryset(queryset, query):
    """Narrow any indexed model's queryset to the items the site search finds for this query."""
    query = normalise_query(query)
    if not query:
        return queryset
    return queryset.filter(pk__in=matching_ids(queryset.model, query))


# Showing results ------------------------------------------------------------------------------------------------


def _marked(text):
    """Escape a snippet, then turn the match markers into <mark> elements."""
    text = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 (escaped above)


def _fallback_snippet(entry, words):
    text = " ".join(part for part in (entry.summary, entry.body) if part)
    text = " ".join(text.split())
    if not text:
        return ""
    pattern = re.compile(r"\w*(?:" + "|".join(re.escape(word) for word in words.include) + r")\w*", re.IGNORECASE)
    first = pattern.search(text)
    if first is None:
        start = 0
    else:
        start = max(0, first.start() - SNIPPET_CHARS // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    excerpt = pattern.sub(lambda found: f"{START}{found.group(0)}{STOP}", text[start:end])
    return ("… " if start else "") + excerpt + (" …" if end < len(text) else "")


def snippets(entries, query):
    """A highlighted, escaped excerpt for each entry (by pk) showing why it matched."""
    entries = list(entries)
    if not entries:
        return {}
    if is_postgresql():
        from django.contrib.postgres.search import SearchHeadline

        rows = (
            SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries])
            .annotate(
                headline=SearchHeadline(
                    Concat("summary", Value("\n"), "body", output_field=TextField()),
                    _pg_query(query),
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=40,
                    min_words=20,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "headline", "summary")
        )
        excerpts = {}
        for pk, headline, summary in rows:
            headline = " ".join((headline or "").split())
            plain = headline.replace(START, "").replace(STOP, "")
            opening = " ".join(summary.split())[: len(plain)]
            excerpts[pk] = _marked(("" if plain[:40] == opening[:40] else "… ") + headline)
        return excerpts
    words = terms(query)
    return {entry.pk: _marked(_fallback_snippet(entry, words)) for entry in entries}


@dataclass
class Result:
    entry: SearchEntry
    kind: Kind
    object: object
    snippet: str


def results(entries, query):
    """The page's entries with their items (one query per kind) and snippets, in the same order."""
    entries = list(entries)
    by_kind = {}
    for entry in entries:
        by_kind.setdefault(entry.kind, []).append(entry.object_id)
    objects = {}
    for key, pks in by_kind.items():
        kind = KINDS.get(key)
        if kind is None or not kind.installed:
            continue
        queryset = kind.published().filter(pk__in=pks)
        for instance in queryset.select_related(*kind.select) if kind.select else queryset:
            objects[(key, instance.pk)] = instance
    excerpts = snippets(entries, query)
    return [
        Result(entry, KINDS[entry.kind], objects[(entry.kind, entry.object_id)], excerpts[entry.pk])
        for entry in entries
        if (entry.kind, entry.object_id) in objects
    ]
