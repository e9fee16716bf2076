"""Plain descriptions of demo records, independent of the database.

The Kitakyushu story (``kitakyushu.py``) is written with these; the loader
(``loader.py``) turns them into model instances. Records refer to each other
by short keys (``"haiphong"``, ``"clair"``), never by database ids, so that the
data reads like a table and loading it twice finds the same records again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

# The source name every CLAIR model-project budget line carries. Reports count
# the city's adopted model projects by it (17 by FY2011 in the article).
CLAIR_MODEL_PROJECT = "自治体国際協力促進事業（モデル事業）"
LGOTP = "自治体職員協力交流事業（LGOTP）"
JICA_GRASSROOTS = "JICA草の根技術協力事業（地域活性化特別枠）"
MOE_CITY_TO_CITY = "低炭素社会実現のための都市間連携事業（環境省委託）"
CITY_BUDGET = "一般会計"
WATER_ACCOUNT = "水道事業会計"

# Written on every budget line whose amount the article does not give.
SAMPLE_AMOUNT = "金額はデモ用のサンプル"


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name_ja: str
    name_en: str
    kind: str  # bureau / department / section
    parent: str | None = None
    is_international_division: bool = False


@dataclass(frozen=True)
class UserSpec:
    username: str
    role: str
    full_name: str
    full_name_en: str
    departments: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlaceSpec:
    key: str
    country: str  # ISO 3166-1 alpha-2
    name_ja: str
    name_en: str
    name_local: str
    latitude: str
    longitude: str
    kind: str = "city"
    notes: str = ""
    is_sample: bool = False
    other_names: str = ""  # e.g. the kanji name of a Vietnamese city
    is_home: bool = False  # the city itself (not a partner place)


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    kind: str
    name_ja: str
    name_en: str
    abbreviation: str = ""
    country: str | None = None
    place: str | None = None
    website: str = ""
    notes: str = ""
    is_sample: bool = False


@dataclass(frozen=True)
class AgreementSpec:
    kind: str
    title_ja: str
    title_en: str
    signed_on: datetime.date
    place: str | None = None
    organisation: str | None = None
    renewed_on: datetime.date | None = None
    ended_on: datetime.date | None = None
    term_years: int | None = None
    signatory_city: str = ""
    signatory_partner: str = ""
    assembly_approval_required: bool = False
    assembly_approved_on: datetime.date | None = None
    letter_references: str = ""
    document_url: str = ""
    notes: str = ""
    is_sample: bool = False


@dataclass(frozen=True)
class MemberSpec:
    place: str
    role: str = "member"
    joined_on: datetime.date | None = None
    left_on: datetime.date | None = None


@dataclass(frozen=True)
class NetworkSpec:
    name_ja: str
    name_en: str
    founded_on: datetime.date | None
    purpose: str
    members: tuple[MemberSpec, ...]
    website: str = ""
    is_sample: bool = False


@dataclass(frozen=True)
class BudgetSpec:
    fiscal_year: int
    source: str  # city / program / partner / other
    amount_jpy: int
    source_name: str = CITY_BUDGET
    funder: str | None = None  # organisation key
    currency: str = "JPY"
    amount_foreign: Decimal | None = None
    exchange_rate: Decimal | None = None
    rate_date: datetime.date | None = None
    note: str = SAMPLE_AMOUNT


@dataclass(frozen=True)
class PartnerSpec:
    role: str
    place: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class LinkSpec:
    title: str
    url: str = ""
    file_reference: str = ""


@dataclass(frozen=True)
class Revision:
    """A later change to a demo record, so that its history tells a story."""

    user: str
    reason: str
    changes: dict


@dataclass(frozen=True)
class ProjectSpec:
    title_ja: str
    title_en: str
    lead: str
    status: str
    start: datetime.date
    end: datetime.date | None
    summary: str = ""
    results: str = ""
    co: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    targets: tuple[str, ...] = ()
    partners: tuple[PartnerSpec, ...] = ()
    budget: tuple[BudgetSpec, ...] = ()
    links: tuple[LinkSpec, ...] = ()
    author: str = "kokusai"
    # Values the record was first saved with; ``revisions`` then bring it to
    # the values above (the last revision must restore them).
    initial: dict = field(default_factory=dict)
    revisions: tuple[Revision, ...] = ()
    deleted_by: str | None = None
    deleted_reason: str = ""
    is_sample: bool = False


# Small constructors that keep the story's budget tables short.


def city(fy: int, amount: int, note: str = SAMPLE_AMOUNT, source_name: str = CITY_BUDGET) -> BudgetSpec:
    return BudgetSpec(fy, "city", amount, source_name=source_name, note=note)


def clair_model(fy: int, amount: int, note: str = SAMPLE_AMOUNT) -> BudgetSpec:
    return BudgetSpec(fy, "program", amount, source_name=CLAIR_MODEL_PROJECT, funder="clair", note=note)


def program(fy: int, amount: int, source_name: str, funder: str, note: str = SAMPLE_AMOUNT) -> BudgetSpec:
    return BudgetSpec(fy, "program", amount, source_name=source_name, funder=funder, note=note)


def partner_money(
    fy: int, amount: int, source_name: str, funder: str | None = None, note: str = SAMPLE_AMOUNT
) -> BudgetSpec:
    return BudgetSpec(fy, "partner", amount, source_name=source_name, funder=funder, note=note)


def foreign(
    fy: int,
    source: str,
    currency: str,
    amount_foreign: str,
    rate: str,
    rate_date: datetime.date,
    source_name: str,
    funder: str | None = None,
    note: str = SAMPLE_AMOUNT,
) -> BudgetSpec:
    """A line kept in its original currency; the yen amount is derived from the rate."""
    amount = Decimal(amount_foreign)
    yen = int((amount * Decimal(rate)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return BudgetSpec(
        fy,
        source,
        yen,
        source_name=source_name,
        funder=funder,
        currency=currency,
        amount_foreign=amount,
        exchange_rate=Decimal(rate),
        rate_date=rate_date,
        note=note,
    )


def yearly_city(first: int, last: int, base: int, step: int = 0, note: str = SAMPLE_AMOUNT,
                source_name: str = CITY_BUDGET) -> tuple[BudgetSpec, ...]:
    """One city-budget line per 年度, changing by ``step`` a year (a believable drift)."""
    return tuple(
        city(fy, base + step * (fy - first), note=note, source_name=source_name)
        for fy in range(first, last + 1)
    )


def at(place: str, role: str = "counterpart") -> PartnerSpec:
    return PartnerSpec(role=role, place=place)


def org(organisation: str, role: str = "partner") -> PartnerSpec:
    return PartnerSpec(role=role, organisation=organisation)
