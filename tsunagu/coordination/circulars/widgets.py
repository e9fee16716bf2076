"""Start-page widget: the circulars and inquiries of the user's departments (and, for coordinators,
the ones some department still owes an answer or an acknowledgement)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tsunagu.core.dashboard import DashboardWidget
from tsunagu.org.permissions import can_coordinate

from . import queries

SHOWN = 6


class CircularInboxWidget(DashboardWidget):
    key = "coordination-circulars"
    template = "coordination/circulars/_widget.html"
    order = 30  # after the programmes closing soon (10) and the department projects (20)

    def context(self, request) -> dict[str, Any] | None:
        user = request.user
        if not user.is_authenticated:
            return None
        summary = queries.inbox_summary(user, limit=SHOWN)
        coordinator = can_coordinate(user)
        if not summary["inbox"] and not coordinator:
            return None
        return {
            "title": _("Circulars and inquiries"),
            **summary,
            "outstanding": queries.pending_for_coordinator(SHOWN) if coordinator else None,
        }
