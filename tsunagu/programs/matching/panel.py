"""The project-page panel "Programmes that could fund this" (registered in ProgramsConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tsunagu.portfolio.models import Project
from tsunagu.portfolio.panels import ProjectPanel

from .engine import match
from .plan import plan_from_project

PANEL_SIZE = 5


class MatchingProgramsPanel(ProjectPanel):
    key = "program-matches"
    title = _("Programmes that could fund this")
    template = "programs/match_panel.html"
    order = 10

    def context(self, project, user) -> dict[str, Any] | None:
        if project.is_deleted:
            return None
        result = match(plan_from_project(project), limit=PANEL_SIZE)
        return {
            "matches": result.ranked,
            "ended": project.status in (Project.Status.FINISHED, Project.Status.DROPPED),
        }
