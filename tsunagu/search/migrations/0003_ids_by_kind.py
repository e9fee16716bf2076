"""Entry ids tell the kind (``models.entry_id``); the FTS5 table loses its ``kind`` column.

Keeping to one kind with a range of ids lets SQLite FTS5 skip the other
kinds' rows in its own index, where matching a ``kind`` column meant reading
the long list of every entry of that kind. Existing entries are renumbered
(their facet rows follow; the foreign key is checked at commit), and the
FTS5 table is rebuilt from the entries.
"""

from django.db import migrations

BASE = 10**12
ORDER = {"program": 1, "project": 2, "place": 3, "organisation": 4}
NEW_ID = (
    "CASE {table}kind "
    + " ".join(f"WHEN '{kind}' THEN {order * BASE}" for kind, order in ORDER.items())
    + " END + {table}object_id"
)

RENUMBER = [
    # Facet rows first, while the old ids still find their entries.
    "UPDATE search_searchfacet SET entry_id = (SELECT "
    + NEW_ID.format(table="e.")
    + " FROM search_searchentry e WHERE e.id = search_searchfacet.entry_id)",
    "UPDATE search_searchentry SET id = " + NEW_ID.format(table=""),
]

SQLITE_FTS = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title_tokens, body_tokens, extra_tokens,
        content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3'
    )
    """,
    """
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_tokens, body_tokens, extra_tokens)
        VALUES (new.id, new.title_tokens, new.body_tokens, new.extra_tokens);
    END
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens, extra_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens, old.extra_tokens);
    END
    """,
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens, extra_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens, old.extra_tokens);
        INSERT INTO search_fts(rowid, title_tokens, body_tokens, extra_tokens)
        VALUES (new.id, new.title_tokens, new.body_tokens, new.extra_tokens);
    END
    """,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # Without the triggers while renumbering; the table is rebuilt afterwards.
        for statement in SQLITE_FTS[:4]:
            schema_editor.execute(statement)
    for statement in RENUMBER:
        schema_editor.execute(statement)
    if vendor == "sqlite":
        for statement in SQLITE_FTS[4:]:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        # The old numbering cannot be restored; going back leaves the ids as they are.
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
