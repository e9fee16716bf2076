"""Read paths of the policy framework: the tree with its rolled-up figures, access helpers.

``Framework.load(year)`` reads the whole framework in three queries, whatever its size
and however many projects hang off it: the live nodes, the links of live projects to
them, and the budget of those projects summed by project, 年度 and source. Every
figure of the tree page and of a node page is then computed in Python: a node counts
the projects linked to it or to any node below it, each project once, and their
budget once (a project linked to two nodes of the same branch is not counted twice).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from tsunagu.core.fiscal import FiscalYear
from tsunagu.org.permissions import can_coordinate
from tsunagu.portfolio.models import BudgetLine, Project

from .models import PolicyLink, PolicyNode

SOURCES = list(BudgetLine.Source)


@dataclass
class NodeRow:
    """A node with its place in the tree and its rolled-up figures."""

    node: PolicyNode
    depth: int
    children: list[NodeRow] = field(default_factory=list)
    direct_project_ids: set[int] = field(default_factory=set)
    project_ids: set[int] = field(default_factory=set)  # the node's and its descendants', each once
    budget: int = 0  # yen, of ``project_ids``, in the chosen 年度 (or in all)

    @property
    def project_count(self) -> int:
        return len(self.project_ids)


@dataclass
class BudgetRow:
    fiscal_year: int
    by_source: dict[str, int]
    total: int


@dataclass
class Framework:
    year: int | None
    rows: list[NodeRow]  # depth first, in the tree's order
    by_id: dict[int, NodeRow]
    links: dict[int, set[int]]  # project id → the node ids it is linked to
    periods: dict[int, tuple[datetime.date, datetime.date | None]]
    budgets: dict[int, dict[tuple[int, str], int]]  # project id → (年度, source) → yen

    link_rows: list[tuple[int, int]] = field(default_factory=list)  # (node id, project id), every year

    @classmethod
    def load(cls, year: int | None = None) -> Framework:
        nodes = list(PolicyNode.objects.order_by("sort_order", "pk"))

        link_rows = []
        periods = {}
        for node_id, project_id, start, end in PolicyLink.objects.filter(
            node__deleted_at__isnull=True, project__deleted_at__isnull=True
        ).values_list("node_id", "project_id", "project__start_date", "project__end_date"):
            periods[project_id] = (start, end)
            link_rows.append((node_id, project_id))

        budgets: dict[int, dict[tuple[int, str], int]] = defaultdict(dict)
        # An IN (subquery) and not a join: a join would repeat a budget line once per link.
        linked = PolicyLink.objects.filter(node__deleted_at__isnull=True).values("project_id")
        for project_id, fiscal_year, source, total in (
            BudgetLine.objects.filter(project_id__in=linked, project__deleted_at__isnull=True)
            .order_by()
            .values("project_id", "fiscal_year", "source")
            .annotate(total=Sum("amount_jpy"))
            .values_list("project_id", "fiscal_year", "source", "total")
        ):
            budgets[project_id][(fiscal_year, source)] = total

        return cls._build(year, nodes, link_rows, periods, budgets)

    def for_year(self, year: int | None) -> Framework:
        """The same framework with the figures of another 年度 (or of all years), without reading it again."""
        return self._build(year, [row.node for row in self.by_id.values()], self.link_rows, self.periods, self.budgets)

    @classmethod
    def _build(cls, year, nodes, link_rows, periods, budgets) -> Framework:
        by_id = {node.pk: NodeRow(node=node, depth=0) for node in nodes}
        roots: list[NodeRow] = []
        for row in by_id.values():
            parent = by_id.get(row.node.parent_id) if row.node.parent_id else None
            (parent.children if parent else roots).append(row)

        links: dict[int, set[int]] = defaultdict(set)
        for node_id, project_id in link_rows:
            if year is not None and not _spans(*periods[project_id], year):
                continue
            links[project_id].add(node_id)
            if node_id in by_id:
                by_id[node_id].direct_project_ids.add(project_id)

        framework = cls(
            year=year, rows=[], by_id=by_id, links=links, periods=periods, budgets=budgets, link_rows=link_rows
        )
        for root in roots:
            framework._roll_up(root, 0)
        return framework

    def _roll_up(self, row: NodeRow, depth: int) -> set[int]:
        row.depth = depth
        self.rows.append(row)
        ids = set(row.direct_project_ids)
        for child in row.children:
            ids |= self._roll_up(child, depth + 1)
        row.project_ids = ids
        row.budget = sum(self.project_budget(pk) for pk in ids)
        return ids

    def project_budget(self, project_id: int) -> int:
        """A project's budget in the chosen 年度 (all years without one)."""
        return sum(
            amount for (fy, _source), amount in self.budgets.get(project_id, {}).items()
            if self.year is None or fy == self.year
        )

    def ancestors(self, node: PolicyNode) -> list[PolicyNode]:
        """From the top plan down to the node's parent."""
        chain = []
        parent_id = node.parent_id
        while parent_id in self.by_id and len(chain) < len(self.by_id):
            chain.append(self.by_id[parent_id].node)
            parent_id = self.by_id[parent_id].node.parent_id
        return list(reversed(chain))

    def subtree(self, row: NodeRow) -> list[NodeRow]:
        """The node's row and every row below it, depth first."""
        start = self.rows.index(row)
        end = start + 1
        while end < len(self.rows) and self.rows[end].depth > row.depth:
            end += 1
        return self.rows[start:end]

    def budget_table(self, project_ids: set[int]) -> list[BudgetRow]:
        """Budget by 年度 and source of these projects (each once); with a chosen 年度, that year only."""
        table: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys((s.value for s in SOURCES), 0))
        for pk in project_ids:
            for (fy, source), amount in self.budgets.get(pk, {}).items():
                if self.year is None or fy == self.year:
                    table[fy][source] += amount
        return [BudgetRow(fiscal_year=fy, by_source=table[fy], total=sum(table[fy].values())) for fy in sorted(table)]

    def years(self) -> list[int]:
        """The 年度 that have budget lines or project activity among linked projects (for the filter)."""
        found = {fy for lines in self.budgets.values() for fy, _source in lines}
        for start, end in self.periods.values():
            first = FiscalYear.of(start).year
            last = FiscalYear.of(end).year if end else max(FiscalYear.current().year, first)
            found.update(range(first, last + 1))
        return sorted(found)


def _spans(start: datetime.date, end: datetime.date | None, year: int) -> bool:
    fy = FiscalYear(year)
    return start <= fy.end and (end is None or end >= fy.start)


def node_projects(row: NodeRow) -> QuerySet[Project]:
    """The projects of a node's subtree (each once), with what the node page shows: one query."""
    return (
        Project.objects.filter(pk__in=row.project_ids)
        .select_related("lead_department")
        .order_by("name_sort", "title_ja", "pk")
    )


# --- access helpers -------------------------------------------------------------------------


def may_edit_nodes(user) -> bool:
    return can_coordinate(user)


def get_node_for_user(user, pk, *, include_deleted: bool = False) -> PolicyNode:
    """A node anyone signed in may read; a deleted one only for a coordinator who asks for it."""
    manager = PolicyNode.all_objects if include_deleted and can_coordinate(user) else PolicyNode.objects
    try:
        return manager.select_related("parent").get(pk=int(pk))
    except (PolicyNode.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such node of the policy framework.")) from None


def get_deleted_node_for_user(user, pk) -> PolicyNode:
    node = get_node_for_user(user, pk, include_deleted=True)
    if not node.is_deleted:
        raise Http404(_("This node is not deleted."))
    return node


def editable_projects(user) -> QuerySet[Project]:
    """The live projects ``user`` may attach to nodes: all for a coordinator, else their departments'."""
    projects = Project.objects.select_related("lead_department").order_by("name_sort", "title_ja", "pk")
    if can_coordinate(user):
        return projects
    if not getattr(user, "is_authenticated", False):
        return projects.none()
    return projects.filter(lead_department_id__in=user.editable_department_ids)


def project_links(project: Project) -> list[PolicyLink]:
    """The live nodes a project is attached to (for the project panel): one query."""
    return list(
        PolicyLink.objects.filter(project=project, node__deleted_at__isnull=True)
        .select_related("node")
        .order_by("node__sort_order", "node_id")
    )


def deleted_nodes() -> QuerySet[PolicyNode]:
    return PolicyNode.all_objects.filter(deleted_at__isnull=False).select_related("parent").order_by("-deleted_at")
