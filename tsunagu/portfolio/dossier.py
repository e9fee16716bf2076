"""The projects section of a place's dossier: every project of every department with that place.

Registered with the partners dossier in ``PortfolioConfig.ready()``. Answers
with a fixed number of queries whatever the number of projects.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tsunagu.partners.dossier import DossierSection, TimelineEntry

from .models import Project, ProjectPartner
from .queries import with_list_relations

CURRENT_STATUSES = {Project.Status.IDEA, Project.Status.PLANNED, Project.Status.RUNNING}


def _projects_of_places(place_ids: list[int]):
    return Project.objects.filter(
        pk__in=ProjectPartner.objects.filter(place_id__in=place_ids).values("project_id")
    )


class ProjectsSection(DossierSection):
    key = "projects"
    title = _("Projects")
    template = "portfolio/dossier_projects.html"
    order = 20

    def context(self, place_ids: list[int], user) -> dict[str, Any]:
        projects = list(
            with_list_relations(_projects_of_places(place_ids))
            .prefetch_related(
                "activity_types",
                Prefetch(
                    "partners",
                    queryset=ProjectPartner.objects.filter(place_id__in=place_ids).select_related(
                        "place"
                    ),
                    to_attr="links_to_place",
                ),
            )
            .order_by("-start_date", "pk")
        )
        current = [p for p in projects if p.status in CURRENT_STATUSES]
        past = [p for p in projects if p.status not in CURRENT_STATUSES]
        return {
            "projects": projects,
            "current_projects": current,
            "past_projects": past,
            "department_count": len({p.lead_department_id for p in projects}),
            # A country's dossier (or a province with its cities) covers several places: say which.
            "show_place_names": len(place_ids) > 1,
            "budget_total": sum(p.budget_total for p in projects),
        }

    def timeline(self, place_ids: list[int], user) -> list[TimelineEntry]:
        today = timezone.localdate()
        entries = []
        for project in _projects_of_places(place_ids).only("pk", "title_ja", "title_en", "start_date", "end_date"):
            url = project.get_absolute_url()
            entries.append(
                TimelineEntry(date=project.start_date, label=project.title, kind=gettext("Project started"), url=url)
            )
            if project.end_date:
                kind = gettext("Project ended") if project.end_date <= today else gettext("Project ends (planned)")
                entries.append(TimelineEntry(date=project.end_date, label=project.title, kind=kind, url=url))
        return entries
