"""One search across the site's public content: the kinds the content apps register (search.register), e.g.
meetings, publications (with the text of their PDFs), Presidencies, EU services and pages.

Each item has one row in SearchEntry, rewritten whenever the item or something shown with it is saved, together
with its database's full-text index: on PostgreSQL the entry's weighted English tsvector (`search_vector`, GIN
index), ranked with ts_rank and quoted with ts_headline; on SQLite a row of the FTS5 table (Porter stemmer),
ranked with bm25() and quoted with snippet(). Both read the same parsed query (search.query) and weigh the
title above the summary and keywords above the body.
A query that finds nothing is checked for misspelt words against SearchWord (pg_trgm similarity on PostgreSQL,
difflib on SQLite). Whether an item is public is never stored: every query goes through its published() queryset.
"""

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import BooleanField, F, FloatField, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.cache import kept_for_generation, kept_name

from . import query as parsing
from .kinds import KINDS, Kind
from .models import SearchEntry, SearchWord

MAX_QUERY_LENGTH = parsing.MAX_QUERY_LENGTH
# Enough of a long PDF to find it by; keeps every row far below PostgreSQL's 1 MB tsvector limit.
MAX_BODY_CHARS = 200_000
CONFIG = "english"
# SQLite only: search/migrations/0002_full_text.py. The SQL below names it in f-strings (S608): constants only,
# every value (the query, the ids) goes as a parameter.
FTS_TABLE = "search_searchentry_fts"
# bm25() weights of the FTS5 columns (title, summary, body, keywords), as PostgreSQL's A, B, C, B.
BM25_WEIGHTS = "10.0, 4.0, 1.0, 4.0"
# Private-use characters mark the matched words in an excerpt; the text is escaped before they become <mark>
# tags, so nothing in a document or a query can inject markup.
START, STOP = "\ue000", "\ue001"
SNIPPET_WORDS = 32
_VOCABULARY_WORD = re.compile(r"[^\W\d_]{3,60}")


def registered_kinds():
    return list(KINDS.values())


def kind_choices():
    return [(kind.key, kind.label) for kind in registered_kinds()]


def _kind_for_model(model):
    for kind in registered_kinds():
        if kind.model is model:
            return kind
    return None


def is_postgresql():
    return connection.vendor == "postgresql"


# Keeping the index up to date ----------------------------------------------------------------------------------


def _clean_text(value, limit):
    value = (value or "").replace("\x00", " ").replace(START, " ").replace(STOP, " ")
    return value[:limit]


def _keywords(document):
    parts = [document.keywords] if isinstance(document.keywords, str) else list(document.keywords)
    if document.date:  # a year typed as a query finds what is dated that year
        parts.append(str(document.date.year))
    return "\n".join(str(part).strip() for part in parts if part and str(part).strip())


def _forget_text(entries):
    """Before entries change or go: take their words out of SQLite's FTS5 index (it keeps no copy of the text,
    so it must be told the old values)."""
    if is_postgresql():
        return
    sql, params = entries.values("id", "title", "summary", "body", "keywords").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, summary, body, keywords) "  # noqa: S608
            f"SELECT 'delete', * FROM ({sql})",
            params,
        )


def _index_text(entries):
    """After entries were written: their weighted tsvector on PostgreSQL, their FTS5 row on SQLite."""
    if is_postgresql():
        from django.contrib.postgres.search import SearchVector

        entries.update(
            search_vector=SearchVector("title", weight="A", config=CONFIG)
            + SearchVector("summary", "keywords", weight="B", config=CONFIG)
            + SearchVector("body", weight="C", config=CONFIG)
        )
        return
    sql, params = entries.values("id", "title", "summary", "body", "keywords").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, title, summary, body, keywords) SELECT * FROM ({sql})",  # noqa: S608
            params,
        )


def _remember_words(documents):
    """Add the words of these documents' titles and keywords (names, topics) to the spelling vocabulary."""
    forms = {}
    for document in documents:
        for word in _VOCABULARY_WORD.findall(f"{document.title}\n{_keywords(document)}"):
            if word.lower() not in parsing.STOP_WORDS:
                forms.setdefault(word.lower(), word)
    if forms:
        SearchWord.objects.bulk_create(
            [SearchWord(word=word, form=form) for word, form in forms.items()], ignore_conflicts=True
        )


def index(kind, pks):
    """Write the entries of these items of one kind; remove the entries of those that no longer exist."""
    pks = {int(pk) for pk in pks if pk is not None}
    if not pks:
        return
    content_type = ContentType.objects.get_for_model(kind.model)
    entries = SearchEntry.objects.filter(content_type=content_type, object_id__in=pks)
    documents = {}
    for instance in kind.queryset().filter(pk__in=pks):
        documents[instance.pk] = kind.build(instance)
    with transaction.atomic():
        _forget_text(entries)
        for pk, document in documents.items():
            SearchEntry.objects.update_or_create(
                content_type=content_type,
                object_id=pk,
                defaults={
                    "kind": kind.key,
                    "title": _clean_text(document.title, 500),
                    "summary": _clean_text(document.summary, MAX_BODY_CHARS),
                    "body": _clean_text(document.body, MAX_BODY_CHARS),
                    "keywords": _clean_text(_keywords(document), MAX_BODY_CHARS),
                    "date": document.date,
                    "year": document.date.year if document.date else None,
                },
            )
        missing = pks - set(documents)
        if missing:
            entries.filter(object_id__in=missing).delete()
        if documents:
            _index_text(entries.filter(object_id__in=documents))
            _remember_words(documents.values())


def _delete_entries(entries):
    with transaction.atomic():
        _forget_text(entries)
        entries.delete()


def rebuild(stdout=None):
    """Rewrite the whole index and the spelling vocabulary from the database (after bulk imports or a restore)."""
    total = 0
    known = []
    with transaction.atomic():
        SearchWord.objects.all().delete()
        if not is_postgresql():
            # Start the FTS5 index again from the entries as stored, whatever happened to them meanwhile.
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608
        for kind in registered_kinds():
            pks = list(kind.model.objects.values_list("pk", flat=True))
            for start in range(0, len(pks), 200):
                index(kind, pks[start : start + 200])
            content_type = ContentType.objects.get_for_model(kind.model)
            _delete_entries(SearchEntry.objects.filter(content_type=content_type).exclude(object_id__in=pks))
            known.append(content_type.pk)
            total += len(pks)
        _delete_entries(SearchEntry.objects.exclude(content_type__in=known))
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
    _delete_entries(SearchEntry.objects.filter(content_type=content_type, object_id=instance.pk))


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


def connect_signals(kind):
    """Keep one kind's entries up to date (search.register calls it from the registering app's ready())."""
    model = kind.model
    post_save.connect(_on_save, sender=model, dispatch_uid=f"search-save-{kind.key}")
    post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-delete-{kind.key}")
    for position, (related_model, related) in enumerate(kind.dependants):
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


normalise_query = parsing.normalise


def has_words(query):
    """Whether a query has anything to search for (not only punctuation, operators or stop words)."""
    return bool(parsing.parse(query))


def _pg_query(parsed):
    """The parsed query as Django's SearchQuery: plainto_tsquery for a word, phraseto_tsquery for a phrase."""
    from django.contrib.postgres.search import SearchQuery

    def term(term):
        return SearchQuery(str(term), config=CONFIG, search_type="phrase" if len(term.words) > 1 else "plain")

    combined = None
    for clause in parsed.clauses:
        alternatives = term(clause[0])
        for alternative in clause[1:]:
            alternatives |= term(alternative)
        combined = alternatives if combined is None else combined & alternatives
    for excluded in parsed.excluded:
        combined &= ~term(excluded)
    return combined


def _fts_match(expression):
    """WHERE the joined FTS5 index (SearchEntryText, under its table's name) matches the expression."""
    return RawSQL(f"{FTS_TABLE} MATCH %s", [expression], output_field=BooleanField())  # noqa: S608, S611


def _bm25():
    """-bm25() of the joined FTS5 row (higher is better), computed in the same pass as the match."""
    return RawSQL(f"-bm25({FTS_TABLE}, {BM25_WEIGHTS})", [], output_field=FloatField())  # noqa: S608, S611


def _fts_ids(expression):
    return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expression])  # noqa: S608, S611


def matching(entries, query, ranked=True):
    """Entries matching a query, annotated with `rank` (higher is better). Empty when there is nothing to find."""
    parsed = parsing.parse(query)
    if not parsed:
        return entries.none().annotate(rank=Value(0.0))
    if is_postgresql():
        from django.contrib.postgres.search import SearchRank

        search_query = _pg_query(parsed)
        entries = entries.filter(search_vector=search_query)
        if ranked:
            entries = entries.annotate(rank=SearchRank(F("search_vector"), search_query, normalization=Value(1)))
        return entries
    expression = parsing.fts5(parsed)
    if not ranked:
        return entries.filter(pk__in=_fts_ids(expression))
    # An inner join of the index (text_index__isnull=False), matched and ranked in one pass.
    return entries.filter(text_index__isnull=False).filter(_fts_match(expression)).annotate(rank=_bm25())


def public_entries(kinds=None):
    """Entries of public items only, each kind filtered by its own published() queryset."""
    visible = Q(pk__in=[])
    for kind in registered_kinds():
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


# How many of a query's best matches are kept per generation: its first 50 pages. A word common to the archive
# matches most of it, and ranking every match was nine tenths of the search page at 10,000 publications (README
# "Benchmark"); the next pages of a query, and the same query again, read the kept ids instead. Later pages are
# ranked again, so a kept value stays small (a few kilobytes) whatever the query.
KEPT_MATCHES = 1000


class Ranked:
    """A query's matches, best first, as the search page's paginator reads them: the number of matches and the
    first KEPT_MATCHES entry ids are kept until the next edit (core.cache.kept_for_generation)."""

    def __init__(self, query, kind=None, year=None):
        self.query, self.kind, self.year = query, kind, year
        self.total, self.first = kept_for_generation(kept_name("search", query, kind, year), self._read)

    @cached_property
    def queryset(self):
        """Built only when the database is asked: not for a kept query's first pages (a fifth of the page)."""
        return search(self.query, kind=self.kind, year=self.year)

    def _read(self):
        first = list(self.queryset.values_list("pk", flat=True)[:KEPT_MATCHES])
        total = len(first) if len(first) < KEPT_MATCHES else self.queryset.count()
        return total, first

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, page):
        """The entries of a slice (Paginator asks for one page), in rank order."""
        if page.stop is not None and page.stop <= len(self.first):
            ids = self.first[page]
        else:
            ids = list(self.queryset.values_list("pk", flat=True)[page])
        # What a results page shows of an entry: its item and title (excerpts read their text themselves). A PDF's
        # text and the vector were a third of this query on PostgreSQL (README "Benchmark").
        entries = SearchEntry.objects.only("kind", "object_id", "title").in_bulk(ids)
        return [entries[pk] for pk in ids if pk in entries]


def years():
    """The years of public entries, newest first (the search form's choices)."""
    return list(public_entries().filter(year__isnull=False).order_by("-year").values_list("year", flat=True).distinct())


def matching_ids(model, query):
    """A subquery of the primary keys of a model's items that match the query (for the list pages' `q`)."""
    content_type = ContentType.objects.get_for_model(model)
    return matching(SearchEntry.objects.filter(content_type=content_type), query, ranked=False).values("object_id")


def filter_queryset(queryset, query):
    """Narrow any indexed model's queryset to the items the site search finds for this query."""
    query = normalise_query(query)
    if not query:
        return queryset
    return queryset.filter(pk__in=matching_ids(queryset.model, query))


# Misspelt words -------------------------------------------------------------------------------------------------

MAX_WORDS_CORRECTED = 3
MAX_CANDIDATES = 3
MAX_SUGGESTIONS = 3


@dataclass
class Spelling:
    """For a query that found nothing: the query with its misspelt words corrected, if that finds public items,
    else the words they would be corrected to that find public items on their own."""

    corrected: str = ""
    suggestions: list = field(default_factory=list)


def _similar_words(words):
    """word -> the vocabulary's closest forms, best first."""
    if is_postgresql():
        from django.contrib.postgres.search import TrigramSimilarity

        return {
            word: list(
                SearchWord.objects.filter(word__trigram_similar=word)
                .annotate(similarity=TrigramSimilarity("word", word))
                .order_by("-similarity", "word")
                .values_list("form", flat=True)[:MAX_CANDIDATES]
            )
            for word in words
        }
    forms = dict(SearchWord.objects.values_list("word", "form"))
    return {
        word: [forms[close] for close in difflib.get_close_matches(word, forms, n=MAX_CANDIDATES, cutoff=0.75)]
        for word in words
    }


def _replace(query, word, form):
    return re.sub(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", form, query, flags=re.IGNORECASE)


def spelling(query, kind=None, year=None):
    """What to offer for a query that found nothing. Only words the vocabulary does not know are replaced, and
    only by queries that find public items, so a correction never reveals a word of a draft."""
    words = [
        word
        for word in dict.fromkeys(parsing.parse(query).single_words())
        if _VOCABULARY_WORD.fullmatch(word) and word not in parsing.STOP_WORDS
    ]
    known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True)) if words else set()
    unknown = [word for word in words if word not in known][:MAX_WORDS_CORRECTED]
    if not unknown:
        return Spelling()
    similar = {word: forms for word, forms in _similar_words(unknown).items() if forms}
    if not similar:
        return Spelling()

    def finds(candidate):
        return search(candidate, kind=kind, year=year).exists()

    corrected = query
    for word, forms in similar.items():
        corrected = _replace(corrected, word, forms[0])
    if finds(corrected):
        return Spelling(corrected=corrected)
    # Together the corrections find nothing: each word they suggest, on its own, that finds something.
    suggestions = []
    for forms in similar.values():
        for form in forms:
            if len(suggestions) < MAX_SUGGESTIONS and form not in suggestions and finds(form):
                suggestions.append(form)
    return Spelling(suggestions=suggestions)


# Showing results ------------------------------------------------------------------------------------------------


def _marked(text):
    """Escape an excerpt, then turn the match markers into <mark> elements."""
    text = escape(" ".join(text.split())).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 (escaped above)


def _pg_snippets(pks, parsed):
    from django.contrib.postgres.search import SearchHeadline

    rows = (
        SearchEntry.objects.filter(pk__in=pks)
        .annotate(
            headline=SearchHeadline(
                Concat("summary", Value("\n"), "body", output_field=TextField()),
                _pg_query(parsed),
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
        excerpts[pk] = ("" if plain[:40] == opening[:40] else "… ") + headline
    return excerpts


def _sqlite_snippets(pks, parsed):
    placeholders = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, snippet({FTS_TABLE}, 1, %s, %s, ' … ', {SNIPPET_WORDS}), "  # noqa: S608
            f"snippet({FTS_TABLE}, 2, %s, %s, ' … ', {SNIPPET_WORDS}) "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid IN ({placeholders})",
            [START, STOP, START, STOP, parsing.fts5(parsed), *pks],
        )
        rows = cursor.fetchall()
    # The summary's excerpt if the words are in it, else the body's, else the summary's opening.
    return {
        pk: next((text for text in (summary, body) if text and START in text), summary or body or "")
        for pk, summary, body in rows
    }


def snippets(entries, query):
    """A highlighted, escaped excerpt of the summary or body of each entry (by pk) showing why it matched."""
    pks = [entry.pk for entry in entries]
    parsed = parsing.parse(query)
    if not pks or not parsed:
        return {}
    excerpts = _pg_snippets(pks, parsed) if is_postgresql() else _sqlite_snippets(pks, parsed)
    return {pk: _marked(text) for pk, text in excerpts.items()}


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
        if kind is None:
            continue
        queryset = kind.published().filter(pk__in=pks)
        for instance in queryset.select_related(*kind.select) if kind.select else queryset:
            objects[(key, instance.pk)] = instance
    # Highlighting (PostgreSQL's ts_headline reads each text again) was two fifths of a results page there (README
    # "Benchmark"): a page of a query shows the same excerpts until the next edit.
    name = kept_name("search:excerpts", query, [entry.pk for entry in entries])
    excerpts = kept_for_generation(name, lambda: snippets(entries, query))
    return [
        Result(entry, KINDS[entry.kind], objects[(entry.kind, entry.object_id)], excerpts.get(entry.pk, ""))
        for entry in entries
        if (entry.kind, entry.object_id) in objects
    ]
