"""The full-text indexes, each on its own database: the migration state is the same on both.

PostgreSQL: pg_trgm, the GIN index of SearchEntry.search_vector and the trigram GIN index of SearchWord.word.
SQLite: an FTS5 table over SearchEntry's text (external content: it stores only the index, the text stays in
search_searchentry), with the Porter stemmer; search.engine writes its rows as it writes the entries.
"""

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FTS_TABLE = "search_searchentry_fts"


class OnlyOn:
    """An operation that changes one database vendor's schema only; the migration state is the same for all."""

    vendor = None

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class AddIndexOnPostgreSQL(OnlyOn, migrations.AddIndex):
    vendor = "postgresql"  # GIN indexes


class RunSQLOnSQLite(OnlyOn, migrations.RunSQL):
    vendor = "sqlite"  # FTS5


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        TrigramExtension(),
        AddIndexOnPostgreSQL(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_vector"], name="searchentry_vector_gin"),
        ),
        AddIndexOnPostgreSQL(
            model_name="searchword",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["word"], name="searchword_word_trigram_gin", opclasses=["gin_trgm_ops"]
            ),
        ),
        RunSQLOnSQLite(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, summary, body, keywords, "
            "content='search_searchentry', content_rowid='id', tokenize='porter unicode61')",
            f"DROP TABLE {FTS_TABLE}",
            elidable=False,
        ),
    ]
