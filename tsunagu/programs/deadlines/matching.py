"""What a subscription follows, and the dates it should hear about.

A subscription follows a programme when the programme is current (active,
verified or not) and matches each dimension the subscription names: one of
its fields, one of its providers, one of its activity types. An empty
dimension matches everything, so an empty subscription follows the whole
catalogue.

Dates come from the programme's application windows: dated windows, yearly
windows (every occurrence in the period) and rolling windows that have a
closing date. The applications a subscription hears about are those of the
projects of its department (and the departments below it); for a user's own
subscription, those of the user's departments.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from tsunagu.org.models import Department

from ..applications.actions import PREPARING, REPORTING
from ..models import Application, ApplicationWindow, Program, Subscription, WindowOccurrence

CURRENT_STATUSES = (Program.Status.ACTIVE, Program.Status.ACTIVE_UNVERIFIED)
CLOSING_SOON_DAYS = 14
FEED_MONTHS = 18


@dataclass(frozen=True)
class Criteria:
    """The dimensions of a subscription as id sets (empty = everything)."""

    field_ids: frozenset[int] = frozenset()
    provider_ids: frozenset[int] = frozenset()
    activity_type_ids: frozenset[int] = frozenset()

    @classmethod
    def of(cls, subscription: Subscription) -> Criteria:
        return cls(
            field_ids=frozenset(f.pk for f in subscription.fields.all()),
            provider_ids=frozenset(p.pk for p in subscription.providers.all()),
            activity_type_ids=frozenset(a.pk for a in subscription.activity_types.all()),
        )

    @property
    def is_everything(self) -> bool:
        return not (self.field_ids or self.provider_ids or self.activity_type_ids)


def matching_programs(criteria: Criteria) -> QuerySet[Program]:
    """Current programmes matching every named dimension, with provider and windows fetched."""
    queryset = Program.objects.filter(status__in=CURRENT_STATUSES)
    if criteria.field_ids:
        queryset = queryset.filter(
            pk__in=Program.fields.through.objects.filter(field_id__in=criteria.field_ids).values("program_id")
        )
    if criteria.provider_ids:
        queryset = queryset.filter(provider_id__in=criteria.provider_ids)
    if criteria.activity_type_ids:
        queryset = queryset.filter(
            pk__in=Program.activity_types.through.objects.filter(
                activitytype_id__in=criteria.activity_type_ids
            ).values("program_id")
        )
    return queryset.select_related("provider").prefetch_related("windows").order_by("code")


@dataclass(frozen=True)
class WindowDates:
    """One period of a programme's window: when it opens (if known) and when it closes."""

    program: Program
    occurrence: WindowOccurrence

    @property
    def window(self) -> ApplicationWindow:
        return self.occurrence.window

    @property
    def opens(self) -> datetime.date | None:
        """The opening date when the catalogue gives one (a dated window may give only its deadline)."""
        window = self.window
        if window.kind == ApplicationWindow.Kind.DATED and window.opens_on is None:
            return None
        if window.kind == ApplicationWindow.Kind.RECURRING and window.open_month is None:
            return None  # "every year by 31 October": only the deadline is known
        if window.kind == ApplicationWindow.Kind.ROLLING:
            return window.opens_on
        return self.occurrence.opens

    @property
    def closes(self) -> datetime.date | None:
        return self.occurrence.closes

    @property
    def fiscal_year(self) -> int:
        return self.occurrence.fiscal_year


def window_dates(program: Program, start: datetime.date, end: datetime.date) -> list[WindowDates]:
    """The periods of the programme's windows with an opening or closing date within ``start``–``end``."""
    found: list[WindowDates] = []
    for window in program.windows.all():
        if window.kind == ApplicationWindow.Kind.ROLLING:
            # Open all along: only its closing date (when it has one) is news.
            if window.closes_on and start <= window.closes_on <= end:
                occurrence = WindowOccurrence(
                    window, window.opens_on or window.closes_on, window.closes_on, window.fiscal_year
                )
                found.append(WindowDates(program, occurrence))
            continue
        for occurrence in window.occurrences_between(start, end):
            dates = WindowDates(program, occurrence)
            in_period = [d for d in (dates.opens, dates.closes) if d and start <= d <= end]
            if in_period:
                found.append(dates)
    return found


def windows_for(criteria: Criteria, start: datetime.date, end: datetime.date) -> list[WindowDates]:
    """Every window period of the matching programmes with a date in the period, by closing date."""
    found: list[WindowDates] = []
    for program in matching_programs(criteria):
        found.extend(window_dates(program, start, end))
    found.sort(key=lambda d: (d.closes or d.opens or start, d.program.code, d.window.pk))
    return found


def closing_between(dates: list[WindowDates], start: datetime.date, end: datetime.date) -> list[WindowDates]:
    return [d for d in dates if d.closes and start <= d.closes <= end]


def opening_between(dates: list[WindowDates], start: datetime.date, end: datetime.date) -> list[WindowDates]:
    return sorted((d for d in dates if d.opens and start <= d.opens <= end), key=lambda d: (d.opens, d.program.code))


def subscription_department_ids(subscription: Subscription) -> set[int]:
    """The departments whose applications the subscription hears about (with those below them)."""
    if subscription.department_id:
        return Department.subtree_ids({subscription.department_id})
    user = subscription.user
    return Department.subtree_ids(set(user.departments.values_list("pk", flat=True)))


@dataclass(frozen=True)
class ApplicationDeadline:
    application: Application
    kind: str  # "due" (application deadline) or "report" (report deadline)
    on: datetime.date


def application_deadlines(
    department_ids: set[int] | None, start: datetime.date, end: datetime.date
) -> list[ApplicationDeadline]:
    """Application deadlines of applications in preparation and report deadlines of adopted ones.

    ``department_ids`` None means every department (a coordinator's view).
    """
    queryset = Application.objects.filter(project__deleted_at__isnull=True).filter(
        Q(status__in=PREPARING, due_on__range=(start, end))
        | Q(status__in=REPORTING, report_due_on__range=(start, end))
    )
    if department_ids is not None:
        queryset = queryset.filter(project__lead_department_id__in=department_ids)
    deadlines = []
    for application in queryset.select_related("project__lead_department", "program__provider"):
        if application.status in PREPARING:
            deadlines.append(ApplicationDeadline(application, "due", application.due_on))
        else:
            deadlines.append(ApplicationDeadline(application, "report", application.report_due_on))
    deadlines.sort(key=lambda d: (d.on, d.application.pk))
    return deadlines


def describe(subscription: Subscription) -> dict[str, list[str]]:
    """Names of what a subscription follows, for pages and e-mails (from its prefetched rows)."""
    return {
        "fields": [f.name for f in subscription.fields.all()],
        "providers": [p.name for p in subscription.providers.all()],
        "activity_types": [a.name for a in subscription.activity_types.all()],
    }
