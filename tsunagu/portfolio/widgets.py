"""The home-page widget of this app: the projects of the user's departments.

Registered in ``core.dashboard`` from ``PortfolioConfig.ready()``.

Counts say which is which, with the same conditions as the project list's
filters (``filters.involvement_conditions``): the projects a department leads
(主管) and those it only co-operates in (協力), each linked to the list
filtered the same way, so the start page and the list never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from tsunagu.core.dashboard import DashboardWidget
from tsunagu.core.history import recent_changes
from tsunagu.org.models import Department

from .filters import involvement_conditions
from .models import Project

RECENT_CHANGES = 8


@dataclass
class DepartmentCounts:
    department: Department
    lead: int
    co_operating: int
    running: int  # of the projects it leads
    planned: int  # ideas and plans it leads

    @property
    def total(self) -> int:
        return self.lead + self.co_operating


def department_counts(department: Department) -> DepartmentCounts:
    lead, co_operating = involvement_conditions(Department.subtree_ids({department.pk}))
    counts = Project.objects.aggregate(
        lead=Count("pk", filter=lead),
        co_operating=Count("pk", filter=co_operating),
        running=Count("pk", filter=lead & Q(status=Project.Status.RUNNING)),
        planned=Count("pk", filter=lead & Q(status__in=[Project.Status.IDEA, Project.Status.PLANNED])),
    )
    return DepartmentCounts(department=department, **counts)


class DepartmentProjectsWidget(DashboardWidget):
    """The projects of the user's departments (and those below them) by status, with the latest changes."""

    key = "portfolio-department-projects"
    template = "portfolio/_department_projects.html"
    order = 20

    def context(self, request) -> dict[str, Any] | None:
        user = request.user
        if not user.is_authenticated:
            return None
        departments = list(user.departments.all())
        department_ids = Department.subtree_ids({d.pk for d in departments})
        lead, co_operating = involvement_conditions(department_ids)
        involved = Project.history.filter(
            id__in=Project.all_objects.filter(lead | co_operating).values("pk")
        )
        return {
            "departments": departments,
            "counts": [department_counts(d) for d in departments],
            "recent": recent_changes(involved, RECENT_CHANGES) if departments else [],
            "title": _("Projects of my department"),
        }
