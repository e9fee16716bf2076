"""Reading the index: ranked hits, hits grouped by kind, a kind's records with facets.

- ``search(query, kinds=None, limit=20, *, user)``: ranked hits across the kinds.
- ``search_grouped(query, kinds, per_kind, *, user)``: the best hits of each
  kind and how many there are, in one query.
- ``faceted_search(kind, query, selected, *, user, …)``: a kind's records
  (programmes) filtered by facet values, with the count of every facet value
  over the current results, in a constant number of queries. A facet's own
  selection does not narrow its counts (choosing JICA still shows how many
  CLAIR programmes there are), the others' do.
- ``filter_queryset(kind, query, queryset, *, user)``: a list's queryset
  narrowed to the records matching ``query`` (the programme list's text box).

Every function takes the ``user`` who searches and keeps to what each kind's
``visible(user)`` lets them find (``_scope``): hits, counts and facet counts
alike. Queries are parsed in Python (``text.parse_query``) and run by the
backend of the database in use (``backends.py``).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BigIntegerField, ExpressionWrapper, F, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from tsunagu.core.i18n import pick
from tsunagu.text import ParsedQuery, parse_query

from . import registry
from .backends import Scope, backend
from .facet_bits import FacetBits, facet_bits
from .index import refresh_expired_facets
from .models import SearchEntry, SearchFacet
from .registry import Facet, SearchKind

DEFAULT_LIMIT = 20
MAX_LIMIT = 200

MAX_VALUES_PER_FACET = 30
# Values shown per facet: the chosen ones and the most frequent.
MAX_VALUES_SHOWN = 15


@dataclass
class Hit:
    kind: str
    object_id: int
    slug: str
    title_ja: str
    title_en: str
    detail_ja: str
    detail_en: str
    score: float
    facets: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return pick(self.title_ja, self.title_en)

    @property
    def detail(self) -> str:
        return pick(self.detail_ja, self.detail_en)

    @cached_property
    def search_kind(self) -> SearchKind:
        return registry.get(self.kind)

    @cached_property
    def url(self) -> str:
        return self.search_kind.url(self.object_id, self.slug)

    @property
    def kind_label(self) -> str:
        return str(self.search_kind.label)

    @property
    def template(self) -> str:
        return self.search_kind.template

    @cached_property
    def badge(self):
        return self.search_kind.badge(self)


_COLUMNS = "e.id, e.kind, e.object_id, e.slug, e.title_ja, e.title_en, e.detail_ja, e.detail_en, e.facets"


def _hit(row) -> Hit:
    facets = row[8]
    if isinstance(facets, str):
        facets = json.loads(facets)
    return Hit(
        kind=row[1],
        object_id=row[2],
        slug=row[3],
        title_ja=row[4],
        title_en=row[5],
        detail_ja=row[6],
        detail_en=row[7],
        facets=facets or {},
        score=-float(row[9]) if row[9] is not None else 0.0,
    )


def _parsed(query) -> ParsedQuery:
    return parse_query(query) if isinstance(query, str) else query


def _kinds(kinds) -> list[SearchKind]:
    if kinds is None:
        return registry.kinds()
    if isinstance(kinds, str):
        kinds = [kinds]
    known = registry.kind_names()
    unknown = [k for k in kinds if k not in known]
    if unknown:
        raise ValueError(f"Unknown kind(s): {', '.join(unknown)}")
    return [registry.get(k) for k in dict.fromkeys(kinds)]


def _visible_entry_ids(kind: SearchKind, rule: Q) -> tuple[str, tuple] | None:
    """SQL of the entry ids of the records of ``kind`` that ``rule`` selects (None: no record)."""
    ids = (
        kind.model._base_manager.filter(rule)
        .annotate(_search_entry_id=ExpressionWrapper(F("pk") + Value(kind.number * registry.ID_BASE),
                                                     output_field=BigIntegerField()))
        .values("_search_entry_id")
    )
    try:
        sql, params = ids.query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, tuple(params)


def _scope(user, kinds) -> Scope:
    """The kinds ``user`` may find records of, with the SQL of what they may see of each kind
    that they may see only some records of (``SearchKind.visible``)."""
    searched: list[SearchKind] = []
    restricted = []
    for kind in _kinds(kinds):
        rule = kind.visible(user)
        if rule is False:
            continue
        if rule is not True:
            if not isinstance(rule, Q):
                raise TypeError(f"{type(kind).__name__}.visible() must return True, False or a Q, not {rule!r}")
            visible = _visible_entry_ids(kind, rule)
            if visible is None:
                continue
            restricted.append((kind, *visible))
        searched.append(kind)
    every_kind = not restricted and {k.name for k in searched} >= set(registry.kind_names())
    return Scope(kinds=tuple(searched), restricted=tuple(restricted), every_kind=every_kind)


def _sql(queryset: QuerySet) -> tuple[str, list]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _known(hits: list[Hit], scope: Scope) -> list[Hit]:
    """Hits of the kinds searched (entries of a kind no longer registered are never shown)."""
    return [hit for hit in hits if hit.kind in scope.names]


def _ranked(parsed: ParsedQuery, scope: Scope, limit: int, offset: int, within=None) -> list[Hit]:
    """The hits ranked by the backend, with their entries (one query)."""
    with connection.cursor() as cursor:
        rows = backend().ranked_entries(cursor, parsed, scope, limit, offset, _COLUMNS, within)
    return _known([_hit(row) for row in rows], scope)


def search(query: str, kinds=None, limit: int = DEFAULT_LIMIT, offset: int = 0, *, user) -> list[Hit]:
    """Ranked hits for ``query`` among ``kinds`` (every registered kind by default) that ``user``
    may find, best first: records whose name matches the whole query, then the others, each by
    relevance (bm25 / ts_rank)."""
    parsed = _parsed(query)
    if not parsed:
        return []
    scope = _scope(user, kinds)
    if not scope.kinds:
        return []
    limit = max(1, min(int(limit), MAX_LIMIT))
    return _ranked(parsed, scope, limit, max(0, int(offset)))


@dataclass
class Group:
    kind: str
    hits: list[Hit]
    total: int

    @property
    def label(self) -> str:
        return str(registry.get(self.kind).label)

    @property
    def more(self) -> int:
        return self.total - len(self.hits)


def search_grouped(query: str, kinds=None, per_kind: int = 5, offset: int = 0, *, user) -> list[Group]:
    """The ``per_kind`` best hits of each kind (after skipping ``offset``), ranked as by
    ``search``, and the number of hits per kind, in two queries. Kinds of which ``user``
    may find nothing are left out."""
    parsed = _parsed(query)
    scope = _scope(user, kinds)
    groups = {k.name: Group(kind=k.name, hits=[], total=0) for k in scope.kinds}
    if not parsed or not scope.kinds:
        return list(groups.values())
    b = backend()
    per_kind = max(1, min(int(per_kind), MAX_LIMIT))
    offset = max(0, int(offset))
    kind_of = {k.number: k.name for k in scope.kinds}
    with connection.cursor() as cursor:
        for row in b.ranked_entries_per_kind(cursor, parsed, scope, per_kind, offset, _COLUMNS):
            hit = _hit(row)
            if hit.kind in groups:
                groups[hit.kind].hits.append(hit)
        sql, params = b.counts(parsed, scope)
        cursor.execute(sql, params)
        for number, total in cursor.fetchall():
            if int(number) in kind_of:
                groups[kind_of[int(number)]].total = total
    return list(groups.values())


# -- a kind's records with facets -------------------------------------------------------------


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    name: str
    label: str
    values: list[FacetValue]
    more: int = 0  # values with results that are not shown (only the most frequent are)

    @property
    def selected(self) -> list[FacetValue]:
        return [v for v in self.values if v.selected]


@dataclass
class FacetedResults:
    kind: str
    query: str
    hits: list[Hit]
    total: int
    facets: list[FacetGroup]
    selected: dict[str, list[str]]


def clean_selection(kind: str, data) -> dict[str, list[str]]:
    """Facet values of ``kind`` from a query string (a QueryDict or a dict of lists), unknown
    names dropped."""
    selected: dict[str, list[str]] = {}
    for facet in registry.get(kind).facets:
        name = facet.name
        values = data.getlist(name) if hasattr(data, "getlist") else list(data.get(name) or [])
        values = [str(v)[:80] for v in values if str(v).strip()]
        if values:
            selected[name] = list(dict.fromkeys(values))[:MAX_VALUES_PER_FACET]
    return selected


def _entries(scope: Scope, parsed: ParsedQuery, selected: dict[str, list[str]], skip: str | None = None) -> QuerySet:
    """Entries of the scope's one kind that ``user`` may find, matching the query and every
    selected facet but ``skip``."""
    (kind,) = scope.kinds
    entries = SearchEntry.objects.filter(kind=kind.name)
    if parsed:
        entries = entries.filter(backend().entry_filter(parsed, scope))
    else:
        for _kind, sql, params in scope.restricted:
            entries = entries.filter(id__in=RawSQL(sql, params))  # noqa: S611 (parameterised)
    for name, values in selected.items():
        if name != skip:
            entries = entries.filter(
                id__in=SearchFacet.objects.filter(name=name, value__in=values).values("entry_id")
            )
    return entries


def _matches(scope: Scope, parsed: ParsedQuery) -> tuple[FacetBits, int]:
    """The facet bitsets of the scope's kind and the bitset of its entries that match the query
    (all when it is empty) and that the user may find."""
    (kind,) = scope.kinds
    bits = facet_bits(kind.name)
    if parsed:
        sql, params = backend().matching_ids(parsed, scope)
    elif scope.restricted:
        ((_kind, sql, params),) = scope.restricted
    else:
        return bits, bits.everything
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return bits, bits.mask(row[0] for row in cursor.fetchall())


def _facet_counts(kind: SearchKind, found: tuple[FacetBits, int], selected: dict[str, list[str]]):
    """Counts per facet value over the matching records narrowed by the chosen values of the
    *other* facets (a facet's own choice does not narrow its counts): bitset operations, whatever
    the number of records."""
    bits, matches = found
    return {f.name: bits.counts(bits.narrowed(matches, selected, skip=f.name), f.name) for f in kind.facets}


def _shown(facet: Facet, counts: dict[str, int], selected: list[str]) -> tuple[list[str], int]:
    """The values to show (chosen ones, leading ones, then the most frequent), and how many more
    there are."""
    if facet.closed:
        return list(dict.fromkeys([*facet.leading, *selected])), 0
    by_count = sorted(counts, key=lambda v: (-counts[v], v))
    if facet.leading:
        by_count = [v for v in facet.leading if v in counts] + [v for v in by_count if v not in facet.leading]
    shown = list(dict.fromkeys([*selected, *by_count[:MAX_VALUES_SHOWN]]))
    return shown, max(0, len(counts) - len([v for v in shown if v in counts]))


def _order_key(facet: Facet):
    lead = {v: i for i, v in enumerate(facet.leading)}
    last = len(lead)
    if facet.closed:
        return lambda v: (lead.get(v.value, last), v.label)
    return lambda v: (lead.get(v.value, last), -v.count, v.label)


def kind_facets(
    kind: SearchKind, counts: dict[str, dict[str, int]], selected: dict[str, list[str]]
) -> list[FacetGroup]:
    groups = []
    for facet in kind.facets:
        values, more = _shown(facet, counts.get(facet.name, {}), selected.get(facet.name, []))
        labels = facet.labels(set(values)) if values else {}
        items = [
            FacetValue(
                value=value,
                label=labels.get(value, value),
                count=counts.get(facet.name, {}).get(value, 0),
                selected=value in selected.get(facet.name, []),
            )
            for value in values
        ]
        if facet.closed:
            items = [v for v in items if v.count or v.selected]
        items.sort(key=_order_key(facet))
        groups.append(FacetGroup(name=facet.name, label=str(facet.label), values=items, more=more))
    return groups


def _one_kind(user, kind: str) -> tuple[SearchKind, Scope | None]:
    """The kind and the scope of what ``user`` may find of it (None: nothing)."""
    scope = _scope(user, [kind])
    return registry.get(kind), (scope if scope.kinds else None)


def faceted_search(
    kind: str,
    query: str,
    selected: dict[str, list[str]] | None = None,
    *,
    user,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    today: datetime.date | None = None,
    with_facets: bool = True,
) -> FacetedResults:
    """Records of ``kind`` for ``query`` (all of them when it is empty) that ``user`` may find,
    narrowed by facet values, with the counts of the facet values."""
    search_kind, scope = _one_kind(user, kind)
    selected = {k: v for k, v in (selected or {}).items() if search_kind.facet(k) and v}
    if scope is None:
        return FacetedResults(kind=kind, query=query, hits=[], total=0,
                              facets=kind_facets(search_kind, {}, selected) if with_facets else [], selected=selected)
    refresh_expired_facets(today)
    parsed = parse_query(query)
    entries = _entries(scope, parsed, selected)
    found = _matches(scope, parsed) if with_facets else None
    if found:
        bits, matches = found
        total = bits.narrowed(matches, selected).bit_count()
    else:
        total = entries.count()
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    if parsed:
        within = _sql(_entries(scope, ParsedQuery("", []), selected).values("id")) if selected else None
        hits = _ranked(parsed, scope, limit, offset, within=within)
    else:
        rows = entries.order_by("title_ja", "id").values_list(
            "id", "kind", "object_id", "slug", "title_ja", "title_en", "detail_ja", "detail_en", "facets"
        )[offset : offset + limit]
        hits = [_hit((*row, None)) for row in rows]
    facets = kind_facets(search_kind, _facet_counts(search_kind, found, selected), selected) if found else []
    return FacetedResults(kind=kind, query=query, hits=hits, total=total, facets=facets, selected=selected)


def filter_queryset(kind: str, query: str, queryset: QuerySet, *, user) -> QuerySet:
    """``queryset`` (of the kind's model) narrowed to the records matching ``query`` that
    ``user`` may find (unchanged when the query is empty)."""
    parsed = parse_query(query)
    if not parsed:
        return queryset
    _search_kind, scope = _one_kind(user, kind)
    if scope is None:
        return queryset.none()
    entries = SearchEntry.objects.filter(backend().entry_filter(parsed, scope), kind=kind)
    return queryset.filter(pk__in=entries.values("object_id"))


def facets_for_query(kind: str, query: str, *, user) -> list[FacetGroup]:
    """The facets of ``kind`` over its records matching ``query`` (nothing chosen yet)."""
    search_kind, scope = _one_kind(user, kind)
    if scope is None:
        return []
    refresh_expired_facets()
    return kind_facets(search_kind, _facet_counts(search_kind, _matches(scope, parse_query(query)), {}), {})


def index_is_empty() -> bool:
    return not SearchEntry.objects.exists()
