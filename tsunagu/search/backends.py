"""The database side of a query: SQLite FTS5 or PostgreSQL full-text search.

Both receive the same parsed query (``text.ParsedQuery``: terms that must all
match, each a list of alternatives, an alternative a group of tokens) and
differ only in syntax:

- SQLite: ``search_fts MATCH '("ごみ" OR "syn7dbbce7f") AND "処理"'`` ranked by
  ``bm25(search_fts, 10, 2, 0.5)`` (title, body, sub-words). An entry's id
  tells its kind (``models.entry_id``), so keeping to some kinds is a range of
  rowids, which FTS5 applies inside its index; ranking sorts only (rowid,
  score) pairs, so a word found in thousands of records stays fast.
- PostgreSQL: ``document @@ to_tsquery('simple', '(''ごみ'' | ''廃棄物'') & ''処理''')``
  ranked by ``ts_rank(document, query)`` with the weights A (title), B (body),
  D (sub-words).

Every method returns SQL and its parameters; values are never formatted
into the SQL. Tokens hold only letters and digits (``text.fold``) and are
quoted all the same.
"""

from __future__ import annotations

from django.db import connection

from .models import ID_BASE, Kind, id_range
from .text import Alternative, ParsedQuery

# Column weights: a word in the name counts most, a kanji sub-word least.
FTS5_WEIGHTS = "10.0, 2.0, 0.5"
POSTGRES_WEIGHTS = "{0.05, 0.2, 0.5, 1.0}"  # D, C, B, A


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def _kind_ranges(kinds) -> tuple[str, list]:
    """A condition on ``rowid`` keeping to ``kinds`` ("" for every kind)."""
    if kinds is None or set(kinds) >= set(Kind.values):
        return "", []
    ranges = [id_range(kind) for kind in kinds]
    sql = " OR ".join(["rowid BETWEEN %s AND %s"] * len(ranges))
    return f" AND ({sql})", [bound for pair in ranges for bound in pair]


class SqliteBackend:
    def _token(self, token: str, prefix: bool) -> str:
        quoted = '"' + token.replace('"', '""') + '"'
        return quoted + "*" if prefix else quoted

    def _alternative(self, alternative: Alternative) -> str:
        tokens = [self._token(t, alternative.prefix and t == alternative.tokens[-1]) for t in alternative.tokens]
        return tokens[0] if len(tokens) == 1 else "(" + " AND ".join(tokens) + ")"

    def expression(self, parsed: ParsedQuery) -> str:
        terms = []
        for term in parsed.terms:
            alternatives = [self._alternative(a) for a in term.alternatives]
            terms.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
        return " AND ".join(terms)

    def _match(self, parsed, kinds) -> tuple[str, list]:
        ranges, params = _kind_ranges(kinds)
        return f"search_fts MATCH %s{ranges}", [self.expression(parsed), *params]

    def top(self, parsed, kinds, limit, offset, within: tuple[str, list] | None = None):
        """(id, score) of the best matches, lower score first; ``within`` narrows to an id subquery."""
        where, params = self._match(parsed, kinds)
        if within:
            where += f" AND rowid IN ({within[0]})"
            params += within[1]
        sql = (
            f"SELECT rowid AS id, bm25(search_fts, {FTS5_WEIGHTS}) AS score FROM search_fts "  # noqa: S608
            f"WHERE {where} ORDER BY score, rowid LIMIT %s OFFSET %s"
        )
        return sql, [*params, limit, offset]

    def top_per_kind(self, parsed, kinds, per_kind, offset):
        """(id, score, total of its kind) of the best ``per_kind`` matches of each kind."""
        where, params = self._match(parsed, kinds)
        # bm25() is only allowed in the query that reads search_fts, not in a window.
        sql = (
            "SELECT id, score, total FROM ("  # noqa: S608
            f" SELECT id, score, ROW_NUMBER() OVER (PARTITION BY id / {ID_BASE} ORDER BY score, id) AS position,"
            f" COUNT(*) OVER (PARTITION BY id / {ID_BASE}) AS total FROM ("
            f"  SELECT rowid AS id, bm25(search_fts, {FTS5_WEIGHTS}) AS score FROM search_fts WHERE {where}"
            " ) matches"
            ") ranked WHERE position > %s AND position <= %s"
        )
        return sql, [*params, offset, offset + per_kind]

    def counts(self, parsed, kinds):
        """(kind order, number of matches) for the kinds with matches."""
        where, params = self._match(parsed, kinds)
        return f"SELECT rowid / {ID_BASE}, COUNT(*) FROM search_fts WHERE {where} GROUP BY 1", params  # noqa: S608

    def matching_ids(self, parsed, kinds):
        where, params = self._match(parsed, kinds)
        return f"SELECT rowid FROM search_fts WHERE {where}", params  # noqa: S608


class PostgresBackend:
    def _token(self, token: str, prefix: bool) -> str:
        quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
        return quoted + ":*" if prefix else quoted

    def _alternative(self, alternative: Alternative) -> str:
        tokens = [self._token(t, alternative.prefix and t == alternative.tokens[-1]) for t in alternative.tokens]
        return tokens[0] if len(tokens) == 1 else "(" + " & ".join(tokens) + ")"

    def expression(self, parsed: ParsedQuery) -> str:
        terms = []
        for term in parsed.terms:
            alternatives = [self._alternative(a) for a in term.alternatives]
            terms.append(alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")")
        return " & ".join(terms)

    def _where(self, parsed, kinds) -> tuple[str, list]:
        kinds = list(kinds or Kind.values)
        return (
            f"e.document @@ to_tsquery('simple', %s) AND e.kind IN ({_placeholders(kinds)})",
            [self.expression(parsed), *kinds],
        )

    def _rank(self, parsed) -> tuple[str, list]:
        return (
            f"-ts_rank('{POSTGRES_WEIGHTS}'::float4[], e.document, to_tsquery('simple', %s))",
            [self.expression(parsed)],
        )

    def top(self, parsed, kinds, limit, offset, within: tuple[str, list] | None = None):
        where, params = self._where(parsed, kinds)
        if within:
            where += f" AND e.id IN ({within[0]})"
            params += within[1]
        rank, rank_params = self._rank(parsed)
        sql = (
            f"SELECT e.id, {rank} AS score FROM search_searchentry e "  # noqa: S608
            f"WHERE {where} ORDER BY score, e.id LIMIT %s OFFSET %s"
        )
        return sql, [*rank_params, *params, limit, offset]

    def top_per_kind(self, parsed, kinds, per_kind, offset):
        where, params = self._where(parsed, kinds)
        rank, rank_params = self._rank(parsed)
        sql = (
            "SELECT id, score, total FROM ("  # noqa: S608
            f" SELECT e.id, {rank} AS score, ROW_NUMBER() OVER (PARTITION BY e.kind ORDER BY {rank}, e.id) AS position,"
            " COUNT(*) OVER (PARTITION BY e.kind) AS total"
            f" FROM search_searchentry e WHERE {where}"
            ") ranked WHERE position > %s AND position <= %s"
        )
        return sql, [*rank_params, *rank_params, *params, offset, offset + per_kind]

    def counts(self, parsed, kinds):
        where, params = self._where(parsed, kinds)
        return f"SELECT e.id / {ID_BASE}, COUNT(*) FROM search_searchentry e WHERE {where} GROUP BY 1", params  # noqa: S608

    def matching_ids(self, parsed, kinds):
        where, params = self._where(parsed, kinds)
        return f"SELECT e.id FROM search_searchentry e WHERE {where}", params  # noqa: S608


def backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {connection.vendor}.")
