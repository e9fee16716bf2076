"""The database side of a query: SQLite FTS5 or PostgreSQL full-text search.

Both receive the same parsed query (``text.ParsedQuery``: terms that must all
match, each a list of alternatives, an alternative a group of tokens) and
differ only in syntax:

- SQLite: ``search_fts MATCH '("ごみ" OR "syn7dbbce7f") AND "処理"'`` ranked by
  ``bm25(search_fts, 10, 2, 0.5)`` (title, body, sub-words); the records whose
  name matches come first, from the FTS5 table of names (``search_title_fts``)
  ranked by bm25 over the name. An entry's id tells its kind
  (``models.entry_id``), so keeping to some kinds is a range of rowids, which
  FTS5 applies inside its index; ranking sorts only (rowid, score) pairs, so a
  word found in thousands of records stays fast.
- PostgreSQL: ``document @@ to_tsquery('simple', '(''ごみ'' | ''廃棄物'') & ''処理''')``
  ranked by ``ts_rank(document, query)`` with the weights A (title), B (body),
  D (sub-words).

Every method returns SQL and its parameters; values are never formatted
into the SQL. Tokens hold only letters and digits (``text.fold``) and are
quoted all the same.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from tsunagu.text import Alternative, ParsedQuery

from .models import ID_BASE, Kind, id_range

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

    def _ranked_sql(self, parsed, kinds, wanted, within=None) -> tuple[str, list]:
        """(rowid, score, tier) of the ``wanted`` best matches: names first, then the rest.

        Tier 0, the records whose name matches the whole query, comes from the FTS5
        table of names (``search_title_fts``), ranked by bm25 over the name; tier 1,
        the other matches (``… NOT {title_tokens} : …``), from the full table, ranked
        by bm25 over the three weighted columns. SQLite runs the parts of a UNION ALL
        in turn and stops at the LIMIT, so the second tier is not ranked when the
        first fills the page. "+rowid" keeps FTS5 from running the full-text query
        once per id of an IN list.
        """
        expression = self.expression(parsed)
        ranges, range_params = _kind_ranges(kinds)
        narrow, narrow_params = "", []
        if within:
            narrow, narrow_params = f" AND +rowid IN ({within[0]})", list(within[1])
        names = (
            "SELECT rowid, bm25(search_title_fts) AS score, 0 AS tier FROM search_title_fts "  # noqa: S608
            f"WHERE search_title_fts MATCH %s{ranges}{narrow} ORDER BY score, rowid LIMIT %s"
        )
        others = (
            f"SELECT rowid, bm25(search_fts, {FTS5_WEIGHTS}) AS score, 1 AS tier FROM search_fts "  # noqa: S608
            f"WHERE search_fts MATCH %s{ranges}{narrow} ORDER BY score, rowid LIMIT %s"
        )
        sql = f"SELECT * FROM (SELECT * FROM ({names}) UNION ALL SELECT * FROM ({others}) LIMIT %s)"  # noqa: S608
        params = [
            expression, *range_params, *narrow_params, wanted,
            f"({expression}) NOT ({{title_tokens}} : ({expression}))", *range_params, *narrow_params, wanted,
            wanted,
        ]
        return sql, params

    def ranked_entries(self, cursor, parsed, kinds, limit, offset, columns: str, within=None) -> list[tuple]:
        """The best matches, best first (records whose name matches the whole query, then the
        others, each by bm25): the entries' ``columns`` (of ``search_searchentry e``) and the
        score last, in one statement."""
        sql, params = self._ranked_sql(parsed, kinds, offset + limit, within)
        cursor.execute(
            f"SELECT {columns}, r.score, r.tier FROM ({sql}) r JOIN search_searchentry e ON e.id = r.rowid",  # noqa: S608
            params,
        )
        rows = sorted(cursor.fetchall(), key=lambda row: (row[-1], row[-2], row[0]))
        return [row[:-1] for row in rows[offset : offset + limit]]

    def ranked_entries_per_kind(self, cursor, parsed, kinds, per_kind, offset, columns: str) -> list[tuple]:
        """As ``ranked_entries`` for each kind (its ``per_kind`` best after ``offset``), in one statement."""
        parts, params = [], []
        for kind in kinds:
            sql, kind_params = self._ranked_sql(parsed, [kind], offset + per_kind)
            parts.append(sql)
            params += kind_params
        ranked = " UNION ALL ".join(parts)
        cursor.execute(
            f"SELECT {columns}, r.score, r.tier FROM ({ranked}) r JOIN search_searchentry e ON e.id = r.rowid",  # noqa: S608
            params,
        )
        by_kind: dict[int, list] = {}
        for row in cursor.fetchall():
            by_kind.setdefault(row[0] // ID_BASE, []).append(row)
        result = []
        for rows in by_kind.values():
            rows.sort(key=lambda row: (row[-1], row[-2], row[0]))
            result += [row[:-1] for row in rows[offset : offset + per_kind]]
        return result

    def counts(self, parsed, kinds):
        """(kind order, number of matches) for the kinds with matches."""
        where, params = self._match(parsed, kinds)
        return f"SELECT rowid / {ID_BASE}, COUNT(*) FROM search_fts WHERE {where} GROUP BY 1", params  # noqa: S608

    def matching_ids(self, parsed, kinds):
        where, params = self._match(parsed, kinds)
        return f"SELECT rowid FROM search_fts WHERE {where}", params  # noqa: S608

    def entry_filter(self, parsed, kinds) -> Q:
        """For ``SearchEntry.objects.filter()``: the entries matching ``parsed``."""
        sql, params = self.matching_ids(parsed, kinds)
        return Q(id__in=RawSQL(sql, params))  # noqa: S611 (parameterised)


class PostgresBackend:
    def _token(self, token: str, prefix: bool, weight: str = "") -> str:
        quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
        label = ("*" if prefix else "") + weight
        return f"{quoted}:{label}" if label else quoted

    def _alternative(self, alternative: Alternative, weight: str = "") -> str:
        tokens = [
            self._token(t, alternative.prefix and t == alternative.tokens[-1], weight) for t in alternative.tokens
        ]
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
        """Sort keys: name matches first (the whole query in weight A), then ts_rank (negated)."""
        title = " & ".join(
            "(" + " | ".join(self._alternative(a, weight="A") for a in term.alternatives) + ")"
            for term in parsed.terms
        )
        return (
            "NOT (e.document @@ to_tsquery('simple', %s)), "
            f"-ts_rank('{POSTGRES_WEIGHTS}'::float4[], e.document, to_tsquery('simple', %s))",
            [title, self.expression(parsed)],
        )

    def ranked_entries(self, cursor, parsed, kinds, limit, offset, columns: str, within=None) -> list[tuple]:
        """The entries' ``columns`` and their score (negated ts_rank: lower is better, as bm25),
        best first."""
        where, params = self._where(parsed, kinds)
        if within:
            where += f" AND e.id IN ({within[0]})"
            params += within[1]
        rank, rank_params = self._rank(parsed)
        sql = (
            f"SELECT {columns}, -ts_rank('{POSTGRES_WEIGHTS}'::float4[], e.document, to_tsquery('simple', %s)) "  # noqa: S608
            f"FROM search_searchentry e WHERE {where} ORDER BY {rank}, e.id LIMIT %s OFFSET %s"
        )
        cursor.execute(sql, [self.expression(parsed), *params, *rank_params, limit, offset])
        return cursor.fetchall()

    def ranked_entries_per_kind(self, cursor, parsed, kinds, per_kind, offset, columns: str) -> list[tuple]:
        where, params = self._where(parsed, kinds)
        rank, rank_params = self._rank(parsed)
        sql = (
            f"SELECT {columns}, ranked.score FROM ("  # noqa: S608
            f" SELECT e.id, -ts_rank('{POSTGRES_WEIGHTS}'::float4[], e.document, to_tsquery('simple', %s)) AS score,"
            f" ROW_NUMBER() OVER (PARTITION BY e.kind ORDER BY {rank}, e.id) AS position"
            f" FROM search_searchentry e WHERE {where}"
            ") ranked JOIN search_searchentry e ON e.id = ranked.id"
            " WHERE ranked.position > %s AND ranked.position <= %s ORDER BY ranked.position"
        )
        cursor.execute(sql, [self.expression(parsed), *rank_params, *params, offset, offset + per_kind])
        return cursor.fetchall()

    def counts(self, parsed, kinds):
        where, params = self._where(parsed, kinds)
        return f"SELECT e.id / {ID_BASE}, COUNT(*) FROM search_searchentry e WHERE {where} GROUP BY 1", params  # noqa: S608

    def matching_ids(self, parsed, kinds):
        where, params = self._where(parsed, kinds)
        return f"SELECT e.id FROM search_searchentry e WHERE {where}", params  # noqa: S608

    def entry_filter(self, parsed, kinds) -> Q:
        """For ``SearchEntry.objects.filter()``: a condition on the entries' own row, not a
        subquery over the same table, so the planner uses the GIN index and a hashed join
        (a self-subquery could be planned as a nested loop that tests every row)."""
        kinds = list(kinds or Kind.values)
        match = RawSQL("document @@ to_tsquery('simple', %s)", [self.expression(parsed)],  # noqa: S611
                       output_field=BooleanField())
        return Q(match) & Q(kind__in=kinds)


def backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {connection.vendor}.")
