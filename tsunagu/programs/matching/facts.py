"""What the matcher reads about each programme (``ProgramFacts``), and the text it compares.

The facts are loaded for the whole catalogue at once by ``catalogue.build``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ..models import ProgramTerms
from .reasons import Bilingual
from .text import Document

# The window periods kept for each programme (plans outside compute theirs again).
OCCURRENCES_FROM = datetime.date(2000, 1, 1)
OCCURRENCES_UNTIL = datetime.date(2045, 12, 31)

BASE_COLUMNS = (
    "pk", "code", "name_ja", "name_en", "status", "funding_forms", "city_roles", "eligible_applicants",
    "region_scope", "region_note", "excludes_double_funding", "new_projects_only", "unconfirmed",
    "provider__name_ja", "provider__name_en", "provider__abbreviation",
)
# The text the matcher (and the BM25 baseline of bench/match_quality.py) compares with the plan.
# Each text in Japanese and, where it translates an English source, in its English original.
TEXT_COLUMNS = (
    "provider_note", "purpose", "purpose_en", "activities_note", "activities_note_en", "applicants_note",
    "applicants_note_en", "city_role_note", "city_role_note_en", "requirements", "requirements_en", "notes", "notes_en",
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
    field_ids: frozenset = frozenset()
    activity_ids: frozenset = frozenset()
    # Activity types not funded on their own: code → name.
    excluded_activities: dict = field(default_factory=dict)
    country_codes: set = field(default_factory=set)
    terms: list = field(default_factory=list)
    windows: list = field(default_factory=list)
    occurrences: list | None = None  # WindowOccurrence from OCCURRENCES_FROM to _UNTIL, computed when needed
    document: Document | None = None
    position: int = 0
    # Set by ``catalogue.build`` for the score bounds.
    city_applies: bool = False  # the city may apply itself ("applicant" among its roles)
    pays_money: bool = False  # a grant or contract with recorded terms
    # From the reviewed coding (``coding.matcher_facts``): whose people move, which applicants, joint.
    people: frozenset = frozenset()
    experience: str = ""
    joint: str = ""
    specificity: float = 2.0  # share of the fields plus share of the activity types it is coded with

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
