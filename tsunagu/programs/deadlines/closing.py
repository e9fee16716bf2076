"""Home-page widget: "closing soon" for the user's department.

Closing soon lists, for the next 14 days (today included):

- the windows closing of the programmes the user follows: the user's own
  subscription, else the subscriptions of the user's departments, else (no
  subscription at all) every current programme, with a hint to subscribe;
- the applications of the user's departments (and those below them) due, and
  the reports due; a coordinator sees those of every department.

Registered in ``core.dashboard`` from ``ProgramsConfig.ready()``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from tsunagu.core.dashboard import DashboardWidget
from tsunagu.org.models import Department
from tsunagu.org.permissions import can_coordinate

from ..models import Subscription
from .matching import (
    CLOSING_SOON_DAYS,
    Criteria,
    WindowDates,
    application_deadlines,
    closing_between,
    windows_for,
)


def user_department_ids(user) -> set[int]:
    """The user's departments and those below them."""
    return Department.subtree_ids(set(user.departments.values_list("pk", flat=True)))


def followed_criteria(user) -> tuple[list[Criteria], list[Subscription]]:
    """The criteria of the subscriptions that speak for this user (see the module docstring)."""
    own = list(Subscription.objects.filter(user=user).prefetch_related("fields", "providers", "activity_types"))
    if own:
        return [Criteria.of(s) for s in own], own
    departments = set(user.departments.values_list("pk", flat=True))
    department_subscriptions = list(
        Subscription.objects.filter(department_id__in=departments)
        .select_related("department")
        .prefetch_related("fields", "providers", "activity_types")
    )
    return [Criteria.of(s) for s in department_subscriptions], department_subscriptions


def closing_soon(user, *, today: datetime.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=CLOSING_SOON_DAYS)
    criteria, subscriptions = followed_criteria(user)
    seen: dict[tuple, WindowDates] = {}
    for one in criteria or [Criteria()]:
        for dates in closing_between(windows_for(one, today, horizon), today, horizon):
            seen.setdefault((dates.window.pk, dates.closes), dates)
    windows = sorted(seen.values(), key=lambda d: (d.closes, d.program.code))
    department_ids = None if can_coordinate(user) else user_department_ids(user)
    deadlines = application_deadlines(department_ids, today, horizon) if department_ids != set() else []
    return {
        "today": today,
        "days": CLOSING_SOON_DAYS,
        "windows": windows,
        "deadlines": deadlines,
        "subscriptions": subscriptions,
        "follows_everything": not criteria,
        "follows_own": any(s.user_id == user.pk for s in subscriptions),
        "followed_departments": sorted({str(s.department) for s in subscriptions if s.department_id}),
        "all_departments": department_ids is None,
    }


class ClosingSoonWidget(DashboardWidget):
    key = "programs-closing-soon"
    template = "programs/deadlines/_closing_soon.html"
    order = 10

    def context(self, request) -> dict[str, Any] | None:
        if not request.user.is_authenticated:
            return None
        return closing_soon(request.user)
