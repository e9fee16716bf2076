"""The database side of a query: SQLite FTS5 or PostgreSQL full-text search.

Both receive the same parsed query (``text.ParsedQuery``: terms that must all
match, each a list of alternatives, an alternative a group of tokens) and
differ only in syntax:

- SQLite: ``search_fts MATCH '("ごみ" OR "syn7dbbce7f") AND "処理"'`` ranked by
  ``bm25(search_fts, 10, 2, 0.5)`` (title, body, sub-words); the records whose
  name matches come first, from the FTS5 table of names (``search_title_fts``)
  ranked by bm25 over the name. An entry's id tells its kind
  (``registry.SearchKind.entry_id``), so keeping to some kinds is a range of
  rowids, which FTS5 applies inside its index; ranking sorts only (rowid,
  score) pairs, so a word found in thousands of records stays fast.
- PostgreSQL: ``document @@ to_tsquery('simple', '(''ごみ'' | ''廃棄物'') & ''処理''')``
  ranked by ``ts_rank(document, query)`` with the weights A (title), B (body),
  D (sub-words).

Every method receives a ``Scope``: the kinds searched and, for the kinds of
which the user may see only some records, the SQL of those records' entry
ids (each kind's ``visible(user)``), which every statement applies. Kinds
everybody sees whole add no condition.

Every method returns SQL and its parameters; values are never formatted
into the SQL. Tokens hold only letters and digits (``text.fold``) and are
quoted all the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from tsunagu.text import Alternative, ParsedQuery

from .registry import ID_BASE, SearchKind

# Column weights: a word in the name counts most, a kanji sub-word least.
FTS5_WEIGHTS = "10.0, 2.0, 0.5"
POSTGRES_WEIGHTS = "{0.05, 0.2, 0.5, 1.0}"  # D, C, B, A


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


@dataclass(frozen=True)
class Scope:
    """What a query may return: entries of ``kinds``, and of each ``restricted`` kind only the
    entries whose id the SQL (with its parameters) selects. ``every_kind``: ``kinds`` are all
    the registered kinds (no condition on the kind is needed)."""

    kinds: tuple[SearchKind, ...]
    restricted: tuple[tuple[SearchKind, str, tuple], ...] = ()
    every_kind: bool = False
    names: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "names", tuple(kind.name for kind in self.kinds))

    def only(self, kind: SearchKind) -> Scope:
        """The same scope kept to one of its kinds."""
        return Scope(
            kinds=(kind,),
            restricted=tuple(r for r in self.restricted if r[0].name == kind.name),
            every_kind=False,
        )


def _scope_condition(scope: Scope, column: str, plus: str = "") -> tuple[str, list]:
    """Conditions on the entry id ``column`` keeping to the scope ("" when it is everything)."""
    parts, params = [], []
    if not scope.every_kind:
        ranges = [kind.id_range for kind in scope.kinds]
        parts.append("(" + " OR ".join([f"{column} BETWEEN %s AND %s"] * len(ranges)) + ")")
        params += [bound for pair in ranges for bound in pair]
    for kind, sql, sql_params in scope.restricted:
        parts.append(f"({column} NOT BETWEEN %s AND %s OR {plus}{column} IN ({sql}))")
        params += [*kind.id_range, *sql_params]
    return "".join(f" AND {part}" for part in parts), params


def _kind_ranges(scope: Scope) -> tuple[str, list]:
    """A condition on ``rowid`` keeping to the scope ("" for every kind, unrestricted)."""
    return _scope_condition(scope, "rowid", plus="+")


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

    def _match(self, parsed, scope) -> tuple[str, list]:
        ranges, params = _kind_ranges(scope)
        return f"search_fts MATCH %s{ranges}", [self.expression(parsed), *params]

    def _ranked_sql(self, parsed, scope, wanted, within=None) -> tuple[str, list]:
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
        ranges, range_params = _kind_ranges(scope)
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

    def ranked_entries(self, cursor, parsed, scope, limit, offset, columns: str, within=None) -> list[tuple]:
        """The best matches, best first (records whose name matches the whole query, then the
        others, each by bm25): the entries' ``columns`` (of ``search_searchentry e``) and the
        score last, in one statement."""
        sql, params = self._ranked_sql(parsed, scope, offset + limit, within)
        cursor.execute(
            f"SELECT {columns}, r.score, r.tier FROM ({sql}) r JOIN search_searchentry e ON e.id = r.rowid",  # noqa: S608
            params,
        )
        rows = sorted(cursor.fetchall(), key=lambda row: (row[-1], row[-2], row[0]))
        return [row[:-1] for row in rows[offset : offset + limit]]

    def ranked_entries_per_kind(self, cursor, parsed, scope, per_kind, offset, columns: str) -> list[tuple]:
        """As ``ranked_entries`` for each kind (its ``per_kind`` best after ``offset``), in one statement."""
        parts, params = [], []
        for kind in scope.kinds:
            sql, kind_params = self._ranked_sql(parsed, scope.only(kind), offset + per_kind)
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

    def counts(self, parsed, scope):
        """(kind number, number of matches) for the kinds with matches."""
        where, params = self._match(parsed, scope)
        return f"SELECT rowid / {ID_BASE}, COUNT(*) FROM search_fts WHERE {where} GROUP BY 1", params  # noqa: S608

    def matching_ids(self, parsed, scope):
        where, params = self._match(parsed, scope)
        return f"SELECT rowid FROM search_fts WHERE {where}", params  # noqa: S608

    def entry_filter(self, parsed, scope: Scope) -> Q:
        """For ``SearchEntry.objects.filter()``: the entries matching ``parsed``."""
        sql, params = self.matching_ids(parsed, scope)
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

    def _where(self, parsed, scope: Scope) -> tuple[str, list]:
        kinds = list(scope.names)
        restricted, params = "", []
        for kind, sql, sql_params in scope.restricted:
            restricted += f" AND (e.kind <> %s OR e.id IN ({sql}))"
            params += [kind.name, *sql_params]
        return (
            f"e.document @@ to_tsquery('simple', %s) AND e.kind IN ({_placeholders(kinds)}){restricted}",
            [self.expression(parsed), *kinds, *params],
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

    def ranked_entries(self, cursor, parsed, scope, limit, offset, columns: str, within=None) -> list[tuple]:
        """The entries' ``columns`` and their score (negated ts_rank: lower is better, as bm25),
        best first."""
        where, params = self._where(parsed, scope)
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

    def ranked_entries_per_kind(self, cursor, parsed, scope, per_kind, offset, columns: str) -> list[tuple]:
        where, params = self._where(parsed, scope)
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

    def counts(self, parsed, scope):
        where, params = self._where(parsed, scope)
        return f"SELECT e.id / {ID_BASE}, COUNT(*) FROM search_searchentry e WHERE {where} GROUP BY 1", params  # noqa: S608

    def matching_ids(self, parsed, scope):
        where, params = self._where(parsed, scope)
        return f"SELECT e.id FROM search_searchentry e WHERE {where}", params  # noqa: S608

    def entry_filter(self, parsed, scope: Scope) -> Q:
        """For ``SearchEntry.objects.filter()``: a condition on the entries' own row, not a
        subquery over the same table, so the planner uses the GIN index and a hashed join
        (a self-subquery could be planned as a nested loop that tests every row)."""
        match = RawSQL("document @@ to_tsquery('simple', %s)", [self.expression(parsed)],  # noqa: S611
                       output_field=BooleanField())
        condition = Q(match) & Q(kind__in=scope.names)
        for kind, sql, sql_params in scope.restricted:
            condition &= ~Q(kind=kind.name) | Q(id__in=RawSQL(sql, sql_params))  # noqa: S611 (parameterised)
        return condition


def backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {connection.vendor}.")
