"""What the matcher reads about each programme, loaded with a fixed number of queries.

``load_facts(queryset, full=True)`` turns a programme queryset into
``ProgramFacts``: one query for the programmes (with the provider), one per
many-to-many (fields, activity types, countries), one for the terms and one
for the windows — whatever the number of programmes. ``full=False`` (used to
explain refusals) skips the terms, the windows and the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from ..models import ApplicationWindow, Program, ProgramTerms
from .reasons import Bilingual
from .text import Document, document

BASE_COLUMNS = (
    "pk", "code", "name_ja", "name_en", "status", "funding_forms", "city_roles", "eligible_applicants",
    "region_scope", "region_note", "excludes_double_funding", "new_projects_only", "unconfirmed",
    "provider__name_ja", "provider__name_en", "provider__abbreviation",
)
# The text the matcher (and the BM25 baseline of bench/match_quality.py) compares with the plan.
TEXT_COLUMNS = (
    "provider_note", "purpose", "purpose_en", "activities_note", "applicants_note", "city_role_note",
    "requirements", "notes",
)


@dataclass(slots=True)
class ProgramFacts:
    pk: int
    code: str
    name: Bilingual
    provider: Bilingual
    status: str
    funding_forms: list
    city_roles: list
    eligible_applicants: list
    region_scope: str
    region_note: str
    excludes_double_funding: bool
    new_projects_only: bool
    unconfirmed: frozenset
    field_ids: set = field(default_factory=set)
    activity_ids: set = field(default_factory=set)
    country_codes: set = field(default_factory=set)
    terms: list = field(default_factory=list)
    windows: list = field(default_factory=list)
    document: Document | None = None

    def terms_for(self, year: int) -> ProgramTerms | None:
        rows = [t for t in self.terms if t.fiscal_year <= year]
        if rows:
            return max(rows, key=lambda t: t.fiscal_year)
        # Terms recorded only for later years still describe the programme better than nothing.
        return min(self.terms, key=lambda t: t.fiscal_year) if self.terms else None


def program_text(row: dict) -> str:
    parts = [row.get("name_ja"), row.get("name_en"), row.get("provider__name_ja"), row.get("provider__name_en"),
             row.get("provider__abbreviation"), row.get("region_note")]
    parts += [row.get(column) for column in TEXT_COLUMNS]
    return "\n".join(str(part) for part in parts if part)


def load_facts(queryset: QuerySet[Program], *, full: bool = True) -> list[ProgramFacts]:
    columns = BASE_COLUMNS + (TEXT_COLUMNS if full else ())
    rows = list(queryset.order_by().values(*columns))
    if not rows:
        return []
    by_pk: dict[int, ProgramFacts] = {}
    facts = []
    for row in rows:
        item = ProgramFacts(
            pk=row["pk"],
            code=row["code"],
            name=Bilingual(row["name_ja"], row["name_en"]),
            provider=Bilingual(row["provider__name_ja"] or "", row["provider__name_en"] or ""),
            status=row["status"],
            funding_forms=list(row["funding_forms"] or []),
            city_roles=list(row["city_roles"] or []),
            eligible_applicants=list(row["eligible_applicants"] or []),
            region_scope=row["region_scope"],
            region_note=row["region_note"] or "",
            excludes_double_funding=row["excludes_double_funding"],
            new_projects_only=row["new_projects_only"],
            unconfirmed=frozenset(row["unconfirmed"] or []),
        )
        if full:
            item.document = document(program_text(row))
        by_pk[item.pk] = item
        facts.append(item)

    ids = queryset.order_by().values("pk")
    for through, column, target in (
        (Program.fields.through, "field_id", "field_ids"),
        (Program.activity_types.through, "activitytype_id", "activity_ids"),
    ):
        for program_id, value in through.objects.filter(program_id__in=ids).values_list("program_id", column):
            getattr(by_pk[program_id], target).add(value)
    country_ids = queryset.order_by().filter(region_scope=Program.RegionScope.COUNTRIES).values("pk")
    for program_id, code in Program.countries.through.objects.filter(program_id__in=country_ids).values_list(
        "program_id", "country__code"
    ):
        by_pk[program_id].country_codes.add(code)
    if full:
        for terms in ProgramTerms.objects.filter(program_id__in=ids).order_by():
            by_pk[terms.program_id].terms.append(terms)
        for window in ApplicationWindow.objects.filter(program_id__in=ids).order_by():
            by_pk[window.program_id].windows.append(window)
    return facts
