"""SQLite: a second FTS5 table over the names alone (``search_title_fts``), kept by triggers.

A search lists first the records whose *name* matches the whole query, ranked
by how well the name matches (bm25 over the name). Ranking them inside the
full table meant computing bm25 over all three columns for every name match
and testing each against a list of name matches; an FTS5 table of the names
alone answers that tier directly, in about 60 % of the time on a catalogue of
thousands of programmes (bench/search_speed.py). PostgreSQL needs nothing:
its single tsvector already weights the name (A) above the rest.
"""

from django.db import migrations

CREATE = [
    """
    CREATE VIRTUAL TABLE search_title_fts USING fts5(
        title_tokens,
        content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3'
    )
    """,
    """
    CREATE TRIGGER search_title_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_title_fts(rowid, title_tokens) VALUES (new.id, new.title_tokens);
    END
    """,
    """
    CREATE TRIGGER search_title_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_title_fts(search_title_fts, rowid, title_tokens)
        VALUES ('delete', old.id, old.title_tokens);
    END
    """,
    """
    CREATE TRIGGER search_title_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_title_fts(search_title_fts, rowid, title_tokens)
        VALUES ('delete', old.id, old.title_tokens);
        INSERT INTO search_title_fts(rowid, title_tokens) VALUES (new.id, new.title_tokens);
    END
    """,
    "INSERT INTO search_title_fts(search_title_fts) VALUES ('rebuild')",
]

DROP = [
    "DROP TRIGGER IF EXISTS search_title_fts_update",
    "DROP TRIGGER IF EXISTS search_title_fts_delete",
    "DROP TRIGGER IF EXISTS search_title_fts_insert",
    "DROP TABLE IF EXISTS search_title_fts",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_index_generation")]

    operations = [migrations.RunPython(forward, backward)]
