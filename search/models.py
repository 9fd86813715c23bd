from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """One searchable document per item (meeting, publication, Presidency, EU service, page).

    Written by search.engine whenever the item or something shown with it is saved, with its full-text index:
    on PostgreSQL `search_vector` (weighted English tsvector, GIN index), on SQLite the FTS5 table
    `search_searchentry_fts` (search/migrations/0002_full_text.py). Each database leaves the other's part unused.
    Whether an item is public is decided at query time by its own published() queryset, never stored here.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Names and labels shown with the item (people, services, topics, place, year): found, never quoted in excerpts.
    keywords = models.TextField(blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only (an unused, empty column elsewhere): title A, summary and keywords B, body C.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-date", "title"]
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="searchentry_one_per_item"),
        ]
        indexes = [
            models.Index(fields=["kind", "year"], name="searchentry_kind_year"),
            # Created on PostgreSQL only (search/migrations/0002_full_text.py): the @@ match of every search.
            GinIndex(fields=["search_vector"], name="searchentry_vector_gin"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class SearchWord(models.Model):
    """A word of the titles, names and topics of indexed items: what a misspelt query word is corrected to.

    Kept by search.engine as it indexes; words of items since deleted stay until `rebuild_search_index`, harmless
    since a correction is offered only when it finds public results.
    """

    word = models.CharField(max_length=60, unique=True, help_text="Lower case.")
    form = models.CharField(max_length=60, help_text="As first written (e.g. Valletta).")

    class Meta:
        ordering = ["word"]
        indexes = [
            # Created on PostgreSQL only, with pg_trgm: the similarity (%) lookup of spelling corrections.
            GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="searchword_word_trigram_gin"),
        ]

    def __str__(self):
        return self.form


class SearchEntryText(models.Model):
    """SQLite only: the FTS5 index of the entries (its table is made by migration 0002_full_text, on SQLite alone).

    Declared so that a query joins it once (rowid = the entry's id), matching and ranking every entry in one pass of
    the full-text index; a ranking subquery per entry would read the index again for each one.
    """

    entry = models.OneToOneField(
        SearchEntry, primary_key=True, db_column="rowid", on_delete=models.DO_NOTHING, related_name="text_index"
    )

    class Meta:
        managed = False
        db_table = "search_searchentry_fts"

    def __str__(self):
        return f"index of {self.entry_id}"
