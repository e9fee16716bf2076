"""The database side of a query: SQLite FTS5 or PostgreSQL full-text search.

Both receive the same parsed query (``text.ParsedQuery``: terms that must all
match, each a list of alternatives, an alternative a group of tokens) and
differ only in syntax:

- SQLite: ``search_fts MATCH '{title_tokens body_tokens extra_tokens} : (("ごみ" OR
  "廃棄物") AND "処理") AND kind : ("program")'`` ranked by
  ``bm25(search_fts, 10, 2, 0.5, 0)`` (title, body, sub-words; the kind column
  only filters). Restricting the kinds inside MATCH keeps the filtering in
  the full-text index, and ranking happens in a subquery that sorts only
  (rowid, score) pairs, so a word found in thousands of records stays fast.
- PostgreSQL: ``document @@ to_tsquery('simple', '(''ごみ'' | ''廃棄物'') & ''処理''')``
  ranked by ``ts_rank(document, query)`` with the weights A (title), B (body),
  D (sub-words).

Every method returns SQL and its parameters; values are never formatted
into the SQL. Tokens hold only letters and digits (``text.fold``) and are
quoted all the same.
"""

from __future__ import annotations

from django.db import connection

from .models import Kind
from .text import Alternative, ParsedQuery

# Column weights: a word in the name counts most, a kanji sub-word least, the kind not at all.
FTS5_WEIGHTS = "10.0, 2.0, 0.5, 0.0"
FTS5_TEXT_COLUMNS = "{title_tokens body_tokens extra_tokens}"
POSTGRES_WEIGHTS = "{0.05, 0.2, 0.5, 1.0}"  # D, C, B, A


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


class SqliteBackend:
    def _token(self, token: str, prefix: bool) -> str:
        quoted = '"' + token.replace('"', '""') + '"'
        return quoted + "*" if prefix else quoted

    def _alternative(self, alternative: Alternative) -> str:
        tokens = [self._token(t, alternative.prefix and t == alternative.tokens[-1]) for t in alternative.tokens]
        return tokens[0] if len(tokens) == 1 else "(" + " AND ".join(tokens) + ")"

    def expression(self, parsed: ParsedQuery, kinds: list[str] | None = None) -> str:
        terms = []
        for term in parsed.terms:
            alternatives = [self._alternative(a) for a in term.alternatives]
            terms.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
        expression = f"{FTS5_TEXT_COLUMNS} : ({' AND '.join(terms)})"
        if kinds is not None and set(kinds) != set(Kind.values):
            expression += " AND kind : (" + " OR ".join(self._token(k, False) for k in kinds) + ")"
        return expression

    def top(self, parsed, kinds, limit, offset, within: tuple[str, list] | None = None):
        """(id, score) of the best matches, lower score first; ``within`` narrows to an id subquery."""
        where, params = "search_fts MATCH %s", [self.expression(parsed, kinds)]
        if within:
            where += f" AND rowid IN ({within[0]})"
            params += within[1]
        sql = (
            f"SELECT rowid AS id, bm25(search_fts, {FTS5_WEIGHTS}) AS score FROM search_fts "  # noqa: S608
            f"WHERE {where} ORDER BY score, rowid LIMIT %s OFFSET %s"
        )
        return sql, [*params, limit, offset]

    def counts(self, parsed, kinds):
        """(kind, number of matches) for each kind."""
        parts = ["SELECT %s, COUNT(*) FROM search_fts WHERE search_fts MATCH %s"] * len(kinds)
        params = []
        for kind in kinds:
            params += [kind, self.expression(parsed, [kind])]
        return " UNION ALL ".join(parts), params

    def matching_ids(self, parsed, kinds):
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [self.expression(parsed, kinds)]


class PostgresBackend:
    def _token(self, token: str, prefix: bool) -> str:
        quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
        return quoted + ":*" if prefix else quoted

    def _alternative(self, alternative: Alternative) -> str:
        tokens = [self._token(t, alternative.prefix and t == alternative.tokens[-1]) for t in alternative.tokens]
        return tokens[0] if len(tokens) == 1 else "(" + " & ".join(tokens) + ")"

    def expression(self, parsed: ParsedQuery, kinds: list[str] | None = None) -> str:
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

    def top(self, parsed, kinds, limit, offset, within: tuple[str, list] | None = None):
        where, params = self._where(parsed, kinds)
        if within:
            where += f" AND e.id IN ({within[0]})"
            params += within[1]
        sql = (
            f"SELECT e.id, -ts_rank('{POSTGRES_WEIGHTS}'::float4[], e.document, to_tsquery('simple', %s)) AS score "  # noqa: S608
            f"FROM search_searchentry e WHERE {where} ORDER BY score, e.id LIMIT %s OFFSET %s"
        )
        return sql, [self.expression(parsed), *params, limit, offset]

    def counts(self, parsed, kinds):
        where, params = self._where(parsed, kinds)
        return f"SELECT e.kind, COUNT(*) FROM search_searchentry e WHERE {where} GROUP BY e.kind", params  # noqa: S608

    def matching_ids(self, parsed, kinds):
        where, params = self._where(parsed, kinds)
        return f"SELECT e.id FROM search_searchentry e WHERE {where}", params  # noqa: S608


def backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {connection.vendor}.")
