"""Statistics of applications by 年度 and provider: applications, adoptions, adoption rate, money obtained.

Definitions (one place, used by the page and the tests):

- an *application* is one that was submitted: submitted, adopted, rejected,
  running, reported, or closed after a submission or an adoption. Planned and
  drafting ones are counted apart as *in preparation*; one closed before it
  was submitted (withdrawn) is not counted;
- an *adoption*: adopted, running, reported, or closed with an amount granted;
- the *adoption rate* is adoptions ÷ decided applications (adopted + rejected):
  applications still waiting for a decision do not lower it;
- *money obtained*: the sum of the amounts granted of the adoptions.

Everything is computed by the database in one grouped query; deleted
applications and applications of deleted projects are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from tsunagu.core.fiscal import FiscalYear
from tsunagu.partners.models import Organisation

from ..models import Application

Status = Application.Status

ADOPTED_Q = Q(status__in=[Status.ADOPTED, Status.RUNNING, Status.REPORTED]) | Q(
    status=Status.CLOSED, amount_granted_jpy__isnull=False
)
SUBMITTED_Q = ADOPTED_Q | Q(status__in=[Status.SUBMITTED, Status.REJECTED]) | Q(
    status=Status.CLOSED, submitted_on__isnull=False
)
REJECTED_Q = Q(status=Status.REJECTED) | Q(
    status=Status.CLOSED, decided_on__isnull=False, amount_granted_jpy__isnull=True
)
PREPARING_Q = Q(status__in=[Status.PLANNED, Status.DRAFTING])


@dataclass
class Counts:
    applications: int = 0
    adoptions: int = 0
    rejections: int = 0
    preparing: int = 0
    granted_jpy: int = 0

    def add(self, other: Counts) -> None:
        self.applications += other.applications
        self.adoptions += other.adoptions
        self.rejections += other.rejections
        self.preparing += other.preparing
        self.granted_jpy += other.granted_jpy

    @property
    def decided(self) -> int:
        return self.adoptions + self.rejections

    @property
    def pending(self) -> int:
        return self.applications - self.decided

    @property
    def adoption_rate(self) -> Decimal | None:
        """Adoptions ÷ decided applications, 0–1 with three decimals; None when nothing was decided."""
        if not self.decided:
            return None
        return (Decimal(self.adoptions) / Decimal(self.decided)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)

    @property
    def adoption_percent(self) -> Decimal | None:
        rate = self.adoption_rate
        return None if rate is None else (rate * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Row(Counts):
    fiscal_year: FiscalYear | None = None
    provider: Organisation | None = None


@dataclass
class Statistics:
    rows: list[Row] = field(default_factory=list)  # by 年度, then provider
    by_year: list[Row] = field(default_factory=list)
    by_provider: list[Row] = field(default_factory=list)
    total: Counts = field(default_factory=Counts)


def application_statistics(
    *,
    provider_ids: list[int] | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    department_ids: set[int] | None = None,
) -> Statistics:
    """Counts by 年度 × provider within the filters (all of them optional)."""
    queryset = Application.objects.filter(project__deleted_at__isnull=True)
    if provider_ids:
        queryset = queryset.filter(program__provider_id__in=provider_ids)
    if first_year is not None:
        queryset = queryset.filter(fiscal_year__gte=first_year)
    if last_year is not None:
        queryset = queryset.filter(fiscal_year__lte=last_year)
    if department_ids is not None:
        queryset = queryset.filter(project__lead_department_id__in=department_ids)
    grouped = (
        queryset.order_by()
        .values("fiscal_year", "program__provider_id")
        .annotate(
            applications=Count("pk", filter=SUBMITTED_Q),
            adoptions=Count("pk", filter=ADOPTED_Q),
            rejections=Count("pk", filter=REJECTED_Q),
            preparing=Count("pk", filter=PREPARING_Q),
            granted=Sum("amount_granted_jpy", filter=ADOPTED_Q),
        )
    )
    grouped = list(grouped)
    providers = Organisation.all_objects.in_bulk({g["program__provider_id"] for g in grouped})
    stats = Statistics()
    years: dict[int, Row] = {}
    by_provider: dict[int, Row] = {}
    for group in grouped:
        counts = Counts(
            applications=group["applications"],
            adoptions=group["adoptions"],
            rejections=group["rejections"],
            preparing=group["preparing"],
            granted_jpy=group["granted"] or 0,
        )
        if not (counts.applications or counts.preparing):
            continue  # only withdrawn applications
        year, provider = group["fiscal_year"], providers.get(group["program__provider_id"])
        row = Row(fiscal_year=FiscalYear(year), provider=provider)
        row.add(counts)
        stats.rows.append(row)
        years.setdefault(year, Row(fiscal_year=FiscalYear(year))).add(counts)
        by_provider.setdefault(group["program__provider_id"], Row(provider=provider)).add(counts)
        stats.total.add(counts)
    stats.rows.sort(key=lambda r: (r.fiscal_year.year, r.provider.name if r.provider else ""))
    stats.by_year = [years[y] for y in sorted(years)]
    stats.by_provider = sorted(by_provider.values(), key=lambda r: (-r.adoptions, r.provider.name if r.provider else ""))
    return stats


def providers_with_applications():
    """Organisations providing a programme that has an application (for the provider filter)."""
    return (
        Organisation.objects.filter(programs__applications__deleted_at__isnull=True, programs__applications__isnull=False)
        .distinct()
        .order_by("name_sort", "name_ja")
    )
