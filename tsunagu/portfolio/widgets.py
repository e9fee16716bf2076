"""The home-page widget of this app: the projects of the user's departments.

Registered in ``core.dashboard`` from ``PortfolioConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from tsunagu.core.dashboard import DashboardWidget
from tsunagu.org.models import Department

from .models import Project

RECENT_CHANGES = 8


class DepartmentProjectsWidget(DashboardWidget):
    """The projects of the user's departments (and those below them) by status, with the latest changes."""

    key = "portfolio-department-projects"
    template = "portfolio/_department_projects.html"
    order = 20

    def context(self, request) -> dict[str, Any] | None:
        user = request.user
        if not user.is_authenticated:
            return None
        own = set(user.departments.values_list("pk", flat=True))
        department_ids = Department.subtree_ids(own)
        departments = list(Department.objects.filter(pk__in=own))
        projects = Project.objects.filter(lead_department_id__in=department_ids)
        counts = projects.aggregate(
            total=Count("pk"),
            running=Count("pk", filter=Q(status=Project.Status.RUNNING)),
            planned=Count("pk", filter=Q(status__in=[Project.Status.IDEA, Project.Status.PLANNED])),
        )
        recent = list(
            Project.history.filter(lead_department_id__in=department_ids)
            .select_related("history_user")
            .order_by("-history_date")[:RECENT_CHANGES]
        )
        return {
            "departments": departments,
            "counts": counts,
            "department_ids": sorted(d.pk for d in departments),
            "recent": recent,
            "title": _("Projects of my department"),
        }
