"""The database side of the search index (see ``gronnkjop/examples/search.py``).

SQLite: an FTS5 table holding each example's analysed terms (rowid = example id).
PostgreSQL: a GIN index on the terms as a tsvector of exactly those lexemes (no second analysis).
"""

from django.db import migrations

SQLITE_UP = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS examples_fts USING fts5("
    "terms, tokenize = 'unicode61 remove_diacritics 0')"
)
SQLITE_DOWN = "DROP TABLE IF EXISTS examples_fts"
POSTGRES_UP = (
    "CREATE INDEX IF NOT EXISTS examples_searchdocument_terms_gin ON examples_searchdocument "
    "USING gin (array_to_tsvector(string_to_array(terms, ' ')))"
)
POSTGRES_DOWN = "DROP INDEX IF EXISTS examples_searchdocument_terms_gin"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)


class Migration(migrations.Migration):
    dependencies = [("examples", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
