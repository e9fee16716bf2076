"""The project-page panel "Programmes that could fund this" (registered in ProgramsConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.portfolio.models import Project
from tsunagu.portfolio.panels import ProjectPanel

from .engine import match
from .plan import plan_from_project

PANEL_SIZE = 5

# A panel of programmes to apply to is for work still to be funded: ideas and
# plans (構想・計画中) and running projects. Finished and dropped projects, and
# any project whose end date has passed, get none.
OPEN_STATUSES = frozenset({Project.Status.IDEA, Project.Status.PLANNED, Project.Status.RUNNING})


def is_open_for_funding(project, today=None) -> bool:
    today = today or timezone.localdate()
    if project.status not in OPEN_STATUSES:
        return False
    return project.end_date is None or project.end_date >= today


class MatchingProgramsPanel(ProjectPanel):
    key = "program-matches"
    title = _("Programmes that could fund this")
    template = "programs/matching/match_panel.html"
    order = 10

    def context(self, project, user) -> dict[str, Any] | None:
        if project.is_deleted or not is_open_for_funding(project):
            return None
        result = match(plan_from_project(project), limit=PANEL_SIZE)
        return {"matches": result.ranked}
