"""Read paths of the portfolio: the list and dossier querysets, access helpers, the budget table.

Every view fetches a project through a ``get_*_project_for_user`` helper, so
"missing or deleted → 404" and "not yours → 403" are decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from tsunagu.core.fiscal import FiscalYear
from tsunagu.org.models import Department
from tsunagu.org.permissions import can_coordinate, can_edit_department_records

from .models import BudgetLine, Project, ProjectPartner

STATUS_ORDER = [
    Project.Status.IDEA,
    Project.Status.PLANNED,
    Project.Status.RUNNING,
    Project.Status.FINISHED,
    Project.Status.DROPPED,
]


def budget_total_subquery() -> Coalesce:
    """The sum of a project's budget lines in yen, computed by the database (0 without lines).

    A correlated subquery rather than ``Sum("budget_lines__amount_jpy")``: a
    join would multiply the sum by every other joined row (fields, partners).
    """
    total = (
        BudgetLine.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(total=Sum("amount_jpy"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def with_list_relations(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """What a row of a project list shows, fetched with a fixed number of queries."""
    return queryset.select_related("lead_department").prefetch_related(
        "fields",
        Prefetch(
            "partners",
            queryset=ProjectPartner.objects.select_related("place__country", "organisation"),
        ),
    ).annotate(budget_total=budget_total_subquery())


def project_list_queryset() -> QuerySet[Project]:
    return with_list_relations(Project.objects.all())


def status_rank() -> Case:
    """The lifecycle order of statuses (idea → planned → running → finished → dropped)."""
    return Case(
        *[When(status=status, then=Value(rank)) for rank, status in enumerate(STATUS_ORDER)],
        output_field=IntegerField(),
    )


def deleted_projects_queryset() -> QuerySet[Project]:
    return (
        Project.all_objects.filter(deleted_at__isnull=False)
        .select_related("lead_department")
        .order_by("-deleted_at", "pk")
    )


# --- access helpers -------------------------------------------------------------------------


def may_create_projects(user) -> bool:
    """Coordinators, administrators, and editors who have a department to put a project in."""
    if can_coordinate(user):
        return True
    return bool(getattr(user, "is_authenticated", False) and user.editable_department_ids)


def may_edit_project(user, project: Project) -> bool:
    return can_edit_department_records(user, project.owning_department_ids())


def may_delete_project(user, project: Project) -> bool:
    """Deleting is the owner's (or a coordinator's) decision, like editing."""
    return can_edit_department_records(user, project.owning_department_ids())


def may_restore_project(user) -> bool:
    return can_coordinate(user)


def get_project_for_user(user, pk: int, *, include_deleted: bool = False) -> Project:
    """A project anyone signed in may read; 404 when it does not exist or is deleted.

    ``include_deleted`` lets coordinators open a deleted project (to restore it).
    """
    manager = Project.all_objects if include_deleted and can_coordinate(user) else Project.objects
    try:
        return manager.select_related("lead_department").get(pk=pk)
    except (Project.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such project.")) from None


def get_editable_project_for_user(user, pk: int) -> Project:
    project = get_project_for_user(user, pk)
    if not may_edit_project(user, project):
        raise PermissionDenied
    return project


def get_deletable_project_for_user(user, pk: int) -> Project:
    project = get_project_for_user(user, pk)
    if not may_delete_project(user, project):
        raise PermissionDenied
    return project


def get_deleted_project_for_user(user, pk: int) -> Project:
    """A deleted project, for the coordinator who restores it."""
    if not may_restore_project(user):
        raise PermissionDenied
    try:
        return Project.all_objects.select_related("lead_department").get(
            pk=pk, deleted_at__isnull=False
        )
    except Project.DoesNotExist:
        raise Http404(_("No such deleted project.")) from None


def editable_departments(user) -> QuerySet[Department]:
    """The departments a user may make the lead department of a project."""
    if can_coordinate(user):
        return Department.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Department.objects.none()
    return Department.objects.filter(pk__in=user.editable_department_ids)


def department_tree_choices(departments) -> list[tuple[int, str]]:
    """Departments in tree order (局 → 部 → 課), indented by level, from one query."""
    departments = list(departments)
    by_id = {d.pk: d for d in departments}
    children: dict[int | None, list[Department]] = {}
    for department in departments:
        parent = department.parent_id if department.parent_id in by_id else None
        children.setdefault(parent, []).append(department)
    choices: list[tuple[int, str]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for department in children.get(parent_id, []):
            choices.append((department.pk, "\u3000" * depth + department.name))
            walk(department.pk, depth + 1)

    walk(None, 0)
    return choices


def fiscal_year_bounds() -> tuple[int, int]:
    """The first and last 年度 any project touches (one query), for the 年度 filter."""
    current = FiscalYear.current().year
    bounds = Project.objects.aggregate(first=Min("start_date"), last_start=Max("start_date"), last=Max("end_date"))
    first = FiscalYear.of(bounds["first"]).year if bounds["first"] else current - 10
    last_dates = [d for d in (bounds["last"], bounds["last_start"]) if d]
    last = max([FiscalYear.of(d).year for d in last_dates] + [current + 1])
    return min(first, current), last


# --- the budget table of a project ----------------------------------------------------------


@dataclass
class BudgetColumn:
    key: tuple
    label: str


@dataclass
class BudgetRow:
    fiscal_year: FiscalYear
    cells: list[int | None]
    total: int


@dataclass
class BudgetTable:
    columns: list[BudgetColumn] = field(default_factory=list)
    rows: list[BudgetRow] = field(default_factory=list)
    column_totals: list[int] = field(default_factory=list)
    total: int = 0

    @property
    def external_total(self) -> int:
        """Money not from the city's own budget (programmes, partners, other)."""
        return sum(
            amount for column, amount in zip(self.columns, self.column_totals, strict=True)
            if column.key[0] != BudgetLine.Source.CITY
        )


def _budget_column(line: BudgetLine) -> BudgetColumn:
    if line.source == BudgetLine.Source.PROGRAM:
        name = line.source_name.strip()
        funder = str(line.funder) if line.funder_id else ""
        label = f"{name}（{funder}）" if name and funder else (name or funder)
        return BudgetColumn(key=(line.source, line.funder_id or 0, name), label=label)
    labels = {
        BudgetLine.Source.CITY: BudgetLine.Source.CITY.label,
        BudgetLine.Source.PARTNER: _("Partners' share"),
        BudgetLine.Source.OTHER: BudgetLine.Source.OTHER.label,
    }
    return BudgetColumn(key=(line.source,), label=str(labels[line.source]))


def budget_table(project: Project, lines: list[BudgetLine]) -> BudgetTable:
    """Budget by 年度 × source: city budget, each external programme, partners, other."""
    columns: dict[tuple, BudgetColumn] = {}
    amounts: dict[tuple[int, tuple], int] = {}
    for line in lines:
        column = _budget_column(line)
        columns.setdefault(column.key, column)
        amounts[(line.fiscal_year, column.key)] = amounts.get((line.fiscal_year, column.key), 0) + line.amount_jpy
    source_order = {source: rank for rank, source in enumerate(
        [BudgetLine.Source.CITY, BudgetLine.Source.PROGRAM, BudgetLine.Source.PARTNER, BudgetLine.Source.OTHER]
    )}
    ordered = sorted(columns.values(), key=lambda c: (source_order[c.key[0]], c.label))
    years = {fy.year for fy in project.fiscal_years()} | {line.fiscal_year for line in lines}
    table = BudgetTable(columns=ordered)
    for year in sorted(years):
        cells = [amounts.get((year, column.key)) for column in ordered]
        table.rows.append(
            BudgetRow(fiscal_year=FiscalYear(year), cells=cells, total=sum(c for c in cells if c))
        )
    table.column_totals = [
        sum(amounts.get((year, column.key), 0) for year in years) for column in ordered
    ]
    table.total = sum(table.column_totals)
    return table
