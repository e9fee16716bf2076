"""Reading the index: ranked hits, hits grouped by kind, programme facets.

- ``search(query, kinds=None, limit=20)``: ranked hits across the kinds.
- ``search_grouped(query, kinds, per_kind)``: the best hits of each kind and
  how many there are, in one query.
- ``search_programs(query, selected, …)``: programmes filtered by facets, with
  the count of every facet value over the current results, in a constant
  number of queries. A facet's own selection does not narrow its counts
  (choosing JICA still shows how many CLAIR programmes there are), the
  others' do.

Queries are parsed in Python (``text.parse_query``) and run by the backend of
the database in use (``backends.py``).
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tsunagu.core.i18n import pick
from tsunagu.partners.models import Country, Organisation
from tsunagu.portfolio.models import ActivityType, Field
from tsunagu.programs.models import ApplicantType, Program, WindowStatus
from tsunagu.text import ParsedQuery, parse_query

from .backends import backend
from .documents import SOURCES
from .facet_bits import FacetBits, facet_bits
from .index import refresh_expired_facets
from .models import KIND_ORDER, Kind, SearchEntry, SearchFacet

DEFAULT_LIMIT = 20
MAX_LIMIT = 200

FACETS: dict[str, object] = {
    "provider": _("Provider"),
    "field": _("Field"),
    "activity": _("Activity type"),
    "region": _("Target region"),
    "applicant": _("Eligible applicants"),
    "window": _("Application window"),
}
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
    def url(self) -> str:
        return SOURCES[self.kind].url(self.object_id, self.slug)

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def window_status(self) -> str:
        values = self.facets.get("window") or []
        return values[0] if values else ""

    @property
    def window_status_label(self) -> str:
        status = self.window_status
        return str(WindowStatus(status).label) if status in WindowStatus.values else ""


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


def _matching(parsed: ParsedQuery, kinds: list[str] | None = None):
    """A filter for the entries matching ``parsed`` (constant SQL, the query a parameter)."""
    return backend().entry_filter(parsed, kinds)


def _kinds(kinds) -> list[str]:
    if kinds is None:
        return list(Kind.values)
    if isinstance(kinds, str):
        kinds = [kinds]
    unknown = [k for k in kinds if k not in Kind.values]
    if unknown:
        raise ValueError(f"Unknown kind(s): {', '.join(unknown)}")
    return list(kinds)


def _sql(queryset: QuerySet) -> tuple[str, list]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _ranked(parsed: ParsedQuery, kinds, limit: int, offset: int, within=None) -> list[Hit]:
    """The hits ranked by the backend, with their entries (one query)."""
    with connection.cursor() as cursor:
        rows = backend().ranked_entries(cursor, parsed, kinds, limit, offset, _COLUMNS, within)
    return [_hit(row) for row in rows]


def search(query: str, kinds=None, limit: int = DEFAULT_LIMIT, offset: int = 0) -> list[Hit]:
    """Ranked hits for ``query`` among ``kinds`` (all four by default), best first: records
    whose name matches the whole query, then the others, each by relevance (bm25 / ts_rank)."""
    parsed = _parsed(query)
    if not parsed:
        return []
    limit = max(1, min(int(limit), MAX_LIMIT))
    return _ranked(parsed, _kinds(kinds), limit, max(0, int(offset)))


@dataclass
class Group:
    kind: str
    hits: list[Hit]
    total: int

    @property
    def label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def more(self) -> int:
        return self.total - len(self.hits)


def search_grouped(query: str, kinds=None, per_kind: int = 5, offset: int = 0) -> list[Group]:
    """The ``per_kind`` best hits of each kind (after skipping ``offset``), ranked as by
    ``search``, and the number of hits per kind, in two queries."""
    parsed = _parsed(query)
    kinds = _kinds(kinds)
    groups = {k: Group(kind=k, hits=[], total=0) for k in kinds}
    if not parsed:
        return list(groups.values())
    b = backend()
    per_kind = max(1, min(int(per_kind), MAX_LIMIT))
    offset = max(0, int(offset))
    kind_of = {order: kind for kind, order in KIND_ORDER.items()}
    with connection.cursor() as cursor:
        for row in b.ranked_entries_per_kind(cursor, parsed, kinds, per_kind, offset, _COLUMNS):
            hit = _hit(row)
            groups[hit.kind].hits.append(hit)
        sql, params = b.counts(parsed, kinds)
        cursor.execute(sql, params)
        for order, total in cursor.fetchall():
            groups[kind_of[int(order)]].total = total
    return list(groups.values())


# -- programmes with facets -------------------------------------------------------------------


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
class ProgramResults:
    query: str
    hits: list[Hit]
    total: int
    facets: list[FacetGroup]
    selected: dict[str, list[str]]


def clean_selection(data) -> dict[str, list[str]]:
    """Facet values from a query string (a QueryDict or a dict of lists), unknown names dropped."""
    selected: dict[str, list[str]] = {}
    for name in FACETS:
        values = data.getlist(name) if hasattr(data, "getlist") else list(data.get(name) or [])
        values = [str(v)[:80] for v in values if str(v).strip()]
        if values:
            selected[name] = list(dict.fromkeys(values))[:MAX_VALUES_PER_FACET]
    return selected


def _program_entries(parsed: ParsedQuery, selected: dict[str, list[str]], skip: str | None = None) -> QuerySet:
    """Programme entries matching the query and every selected facet but ``skip``."""
    entries = SearchEntry.objects.filter(kind=Kind.PROGRAM)
    if parsed:
        entries = entries.filter(_matching(parsed, [Kind.PROGRAM]))
    for name, values in selected.items():
        if name != skip:
            entries = entries.filter(
                id__in=SearchFacet.objects.filter(name=name, value__in=values).values("entry_id")
            )
    return entries


def _program_matches(parsed: ParsedQuery) -> tuple[FacetBits, int]:
    """The facet bitsets and the bitset of the programmes matching the query (all when empty)."""
    bits = facet_bits()
    if not parsed:
        return bits, bits.everything
    sql, params = backend().matching_ids(parsed, [Kind.PROGRAM])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return bits, bits.mask(row[0] for row in cursor.fetchall())


def _facet_counts(found: tuple[FacetBits, int], selected: dict[str, list[str]]) -> dict[str, dict[str, int]]:
    """Counts per facet value over the matching programmes narrowed by the chosen values of the
    *other* facets (a facet's own choice does not narrow its counts): bitset operations, whatever
    the number of programmes."""
    bits, matches = found
    return {name: bits.counts(bits.narrowed(matches, selected, skip=name), name) for name in FACETS}


def _labels(values_by_facet: dict[str, set[str]]) -> dict[str, dict[str, str]]:
    """Display labels of facet values (one small query per facet that names records)."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    provider_ids = [int(v) for v in values_by_facet.get("provider", ()) if v.isdigit()]
    if provider_ids:
        rows = Organisation.all_objects.filter(pk__in=provider_ids).values_list(
            "pk", "name_ja", "name_en", "abbreviation"
        )
        for pk, name_ja, name_en, abbreviation in rows:
            name = pick(name_ja, name_en)
            labels["provider"][str(pk)] = f"{name}（{abbreviation}）" if abbreviation and abbreviation not in name else name
    for facet, model in (("field", Field), ("activity", ActivityType)):
        if values_by_facet.get(facet):
            rows = model.objects.filter(code__in=values_by_facet[facet]).values_list("code", "name_ja", "name_en")
            for code, name_ja, name_en in rows:
                labels[facet][code] = pick(name_ja, name_en)
    for value, label in Program.RegionScope.choices:
        labels["region"][value] = str(label)
    scope_values = set(Program.RegionScope.values)
    countries = [v for v in values_by_facet.get("region", ()) if v not in scope_values]
    if countries:
        for code, name_ja, name_en in Country.objects.filter(code__in=countries).values_list(
            "code", "name_ja", "name_en"
        ):
            labels["region"][code] = pick(name_ja, name_en)
    for value, label in ApplicantType.choices:
        labels["applicant"][value] = str(label)
    for value, label in WindowStatus.choices:
        labels["window"][value] = str(label)
    return labels


def _shown(name: str, counts: dict[str, int], selected: list[str]) -> tuple[list[str], int]:
    """The values to show (chosen ones, then the most frequent), and how many more there are."""
    if name == "window":
        return list(dict.fromkeys([*WindowStatus.values, *selected])), 0
    by_count = sorted(counts, key=lambda v: (-counts[v], v))
    if name == "region":
        scope_values = Program.RegionScope.values
        scopes = [v for v in scope_values if v in counts]
        by_count = scopes + [v for v in by_count if v not in scope_values]
    shown = list(dict.fromkeys([*selected, *by_count[:MAX_VALUES_SHOWN]]))
    return shown, max(0, len(counts) - len([v for v in shown if v in counts]))


def _order_key(name: str):
    if name == "window":
        order = {v: i for i, v in enumerate(WindowStatus.values)}
        return lambda v: (order.get(v.value, 99), v.label)
    if name == "region":
        scopes = {v: i for i, v in enumerate(Program.RegionScope.values)}
        return lambda v: (scopes.get(v.value, 99), -v.count, v.label)
    return lambda v: (-v.count, v.label)


def program_facets(
    parsed: ParsedQuery, selected: dict[str, list[str]], found: tuple[FacetBits, int] | None = None
) -> list[FacetGroup]:
    counts = _facet_counts(found or _program_matches(parsed), selected)
    shown = {name: _shown(name, counts.get(name, {}), selected.get(name, [])) for name in FACETS}
    labels = _labels({name: set(values) for name, (values, _) in shown.items()})
    groups = []
    for name, label in FACETS.items():
        values, more = shown[name]
        items = [
            FacetValue(
                value=value,
                label=labels[name].get(value, value),
                count=counts.get(name, {}).get(value, 0),
                selected=value in selected.get(name, []),
            )
            for value in values
        ]
        if name == "window":
            items = [v for v in items if v.count or v.selected]
        items.sort(key=_order_key(name))
        groups.append(FacetGroup(name=name, label=str(label), values=items, more=more))
    return groups


def search_programs(
    query: str,
    selected: dict[str, list[str]] | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    today: datetime.date | None = None,
    with_facets: bool = True,
) -> ProgramResults:
    """Programmes for ``query`` (all of them when it is empty) narrowed by facet values."""
    selected = {k: v for k, v in (selected or {}).items() if k in FACETS and v}
    refresh_expired_facets(today)
    parsed = parse_query(query)
    entries = _program_entries(parsed, selected)
    found = _program_matches(parsed) if with_facets else None
    if found:
        bits, matches = found
        total = bits.narrowed(matches, selected).bit_count()
    else:
        total = entries.count()
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    if parsed:
        within = _sql(_program_entries(ParsedQuery("", []), selected).values("id")) if selected else None
        hits = _ranked(parsed, [Kind.PROGRAM], limit, offset, within=within)
    else:
        rows = entries.order_by("title_ja", "id").values_list(
            "id", "kind", "object_id", "slug", "title_ja", "title_en", "detail_ja", "detail_en", "facets"
        )[offset : offset + limit]
        hits = [_hit((*row, None)) for row in rows]
    facets = program_facets(parsed, selected, found) if found else []
    return ProgramResults(query=query, hits=hits, total=total, facets=facets, selected=selected)


def filter_programs(query: str, queryset: QuerySet) -> QuerySet:
    """``queryset`` (of programmes) narrowed to those matching ``query`` (unchanged when empty)."""
    parsed = parse_query(query)
    if not parsed:
        return queryset
    entries = SearchEntry.objects.filter(_matching(parsed, [Kind.PROGRAM]), kind=Kind.PROGRAM)
    return queryset.filter(pk__in=entries.values("object_id"))


def facets_for_query(query: str) -> list[FacetGroup]:
    """Programme facets over the programmes matching ``query`` (nothing chosen yet)."""
    refresh_expired_facets()
    return program_facets(parse_query(query), {})


def index_is_empty() -> bool:
    return not SearchEntry.objects.exists()
