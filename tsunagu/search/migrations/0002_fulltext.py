"""The full-text index over the entries' tokens, made for the database in use.

SQLite: an FTS5 table with external content (the entries table) kept in step
by triggers; the tokens are already normalised in Python, so FTS5's
``unicode61`` tokenizer only splits them at the spaces (accent removal off:
Python folds accents, and never those of kana). The ``kind`` column lets a
query keep to some kinds inside the full-text index. A prefix index on 2 and
3 characters serves the prefix match of Latin words (sewer → sewerage).

PostgreSQL: a generated ``tsvector`` column, ``to_tsvector('simple', ...)`` of
the space-separated tokens (no stemming, no stop words: the tokens are
final), weighted title A, body B, sub-words D, with a GIN index. Queries go
through ``to_tsquery('simple', ...)``, so the server's parser treats a query
token exactly as it treated the indexed one.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title_tokens, body_tokens, extra_tokens, kind,
        content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3'
    )
    """,
    """
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_tokens, body_tokens, extra_tokens, kind)
        VALUES (new.id, new.title_tokens, new.body_tokens, new.extra_tokens, new.kind);
    END
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens, extra_tokens, kind)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens, old.extra_tokens, old.kind);
    END
    """,
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens, extra_tokens, kind)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens, old.extra_tokens, old.kind);
        INSERT INTO search_fts(rowid, title_tokens, body_tokens, extra_tokens, kind)
        VALUES (new.id, new.title_tokens, new.body_tokens, new.extra_tokens, new.kind);
    END
    """,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_FORWARD = [
    """
    ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_tokens), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_tokens), 'B')
        || setweight(to_tsvector('simple'::regconfig, extra_tokens), 'D')
    ) STORED
    """,
    "CREATE INDEX search_entry_document_idx ON search_searchentry USING gin (document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_document_idx",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
