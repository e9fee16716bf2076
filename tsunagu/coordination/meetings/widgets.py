"""The start-page widget: open council action items assigned to the user or their departments."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tsunagu.core.dashboard import DashboardWidget

from .queries import open_actions_for

WIDGET_LENGTH = 8


class CouncilActionsWidget(DashboardWidget):
    key = "coordination-council-actions"
    template = "coordination/meetings/_widget_actions.html"
    order = 25  # after the deadlines (programmes) and the projects of my department (20)

    def context(self, request) -> dict[str, Any] | None:
        user = request.user
        if not user.is_authenticated:
            return None
        departments = list(user.departments.all())
        items, total = open_actions_for(user, WIDGET_LENGTH, departments)
        if not items and not departments:
            return None
        return {
            "items": items, "total": total, "title": _("Action items from councils"),
            "department": departments[0] if departments else None,
        }
