"""The projects section of a place's dossier: every project of every department with that place.

Registered with the partners dossier in ``PortfolioConfig.ready()``. Answers
with a fixed number of queries whatever the number of projects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tsunagu.partners.dossier import DossierSection, TimelineEntry

from .models import Project, ProjectPartner
from .queries import with_list_relations

CURRENT_STATUSES = {Project.Status.IDEA, Project.Status.PLANNED, Project.Status.RUNNING}


@dataclass(frozen=True)
class BudgetShare:
    """The part of a project's budget that is a place's, when the data say it.

    The data model records budget lines per project, 年度 and source
    (``BudgetLine``), never per partner place; ``ProjectPartner`` says which
    places take part, not how the money is split. So a place's share is known
    only when no other place takes part: every partner place of the project
    lies within the dossier's places (the place, the places under it, or a
    country's places), and the whole budget is theirs. A project with partner
    places outside them (a programme for several cities) has a total, not a
    share: ``known`` is False, and pages label the amount as the total of a
    project that includes other partner places.
    """

    known: bool
    amount: int  # the share when known; otherwise the project's whole total
    other_places: int = 0


def budget_share(project: Project, place_ids: set[int]) -> BudgetShare:
    """From the project's prefetched partners (``with_list_relations``): no query."""
    project_places = {partner.place_id for partner in project.partners.all() if partner.place_id}
    others = project_places - place_ids
    return BudgetShare(known=not others, amount=project.budget_total, other_places=len(others))


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
        places = set(place_ids)
        for project in projects:
            project.budget_share = budget_share(project, places)
        own = [p for p in projects if p.budget_share.known]
        shared = [p for p in projects if not p.budget_share.known]
        current = [p for p in projects if p.status in CURRENT_STATUSES]
        past = [p for p in projects if p.status not in CURRENT_STATUSES]
        return {
            "projects": projects,
            "current_projects": current,
            "past_projects": past,
            "department_count": len({p.lead_department_id for p in projects}),
            # A country's dossier (or a province with its cities) covers several places: say which.
            "show_place_names": len(place_ids) > 1,
            # Only money known to be this place's; projects shared with other places are apart.
            "budget_total": sum(p.budget_share.amount for p in own),
            "shared_count": len(shared),
            "shared_total": sum(p.budget_total for p in shared),
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
