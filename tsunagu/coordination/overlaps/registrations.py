"""Where overlap warnings show outside their own pages: the coordinator's start page, the dossier of a
place and the page of a project. Registered from ``CoordinationConfig.ready()`` (lower apps never
import coordination). Each answers with a fixed number of queries (tests/coordination/overlaps)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tsunagu.core.dashboard import DashboardWidget
from tsunagu.core.fiscal import FiscalYear
from tsunagu.partners.dossier import DossierSection
from tsunagu.portfolio.panels import ProjectPanel

from . import queries
from .models import OverlapKind

WIDGET_SHOWN = 5


class OverlapsWidget(DashboardWidget):
    """The coordinator's start page: the warnings of this 年度 and the next not yet reviewed."""

    key = "coordination-overlaps"
    template = "coordination/overlaps/_widget.html"
    order = 22  # after the department projects (20), before the council actions (25)

    def context(self, request) -> dict[str, Any] | None:
        if not queries.may_review(request.user):
            return None
        years = queries.current_years()
        warnings, departments = queries.filter_warnings(years, status="open")
        warnings.sort(key=lambda w: w.fiscal_year)  # this 年度 before the next (stable: the list's order within)
        shown = queries.describe(warnings[:WIDGET_SHOWN], departments)
        return {
            "title": _("Overlap warnings"),
            "warnings": shown,
            "count": len(warnings),
            "first_year": FiscalYear(years[0]),
            "last_year": FiscalYear(years[-1]),
        }


class OverlapsPanel(ProjectPanel):
    """The project page: the other departments working with its places or in its field and country."""

    key = "coordination-overlaps"
    title = _("Overlaps with other departments")
    template = "coordination/overlaps/_panel.html"
    order = 40

    def context(self, project, user) -> dict[str, Any] | None:
        if project.is_deleted or not queries.may_see_overlaps(user):
            return None
        years = [fy.year for fy in project.fiscal_years(until=FiscalYear(queries.current_years()[-1]))]
        warnings = queries.warnings_for(years, project_id=project.pk)
        return {"warnings": warnings, "may_review": queries.may_review(user)}


class OverlapsSection(DossierSection):
    """The dossier: the departments working with this place (or a place under it) at the same time, this 年度 and next."""

    key = "coordination-overlaps"
    title = _("Overlap warnings")
    template = "coordination/overlaps/_dossier.html"
    order = 25

    def context(self, place_ids: list[int], user) -> dict[str, Any]:
        years = queries.current_years()
        # The place's own warnings; "same field in the same country" ones are on the projects and the list.
        warnings = queries.warnings_for(years, kinds=(OverlapKind.PLACE,), place_ids=list(place_ids))
        return {
            "warnings": warnings,
            "first_year": FiscalYear(years[0]),
            "last_year": FiscalYear(years[-1]),
        }


def register() -> None:
    from tsunagu.core import dashboard
    from tsunagu.partners import dossier
    from tsunagu.portfolio import panels

    dashboard.register(OverlapsWidget())
    panels.register(OverlapsPanel())
    dossier.register(OverlapsSection())
