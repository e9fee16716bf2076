"""Read paths of the catalogue: the list queryset, window status in SQL, search, access helpers.

- ``program_list_queryset(today)``: programmes with what a list row shows
  (provider, fields, the terms in force, the window status and the next
  deadline) in a fixed number of queries;
- ``window_status_annotation(today)``: open / upcoming / closed / unknown
  computed by the database, in step with ``ApplicationWindow.status_on``;
- ``program_search(query, queryset, user)``: the list's text search, by the
  Japanese-aware search index (``tsunagu.search``); ``search_programs`` is
  the plain ``icontains`` scan it replaced (kept as the benchmarks' baseline);
- ``get_program_for_user``: 404 for unknown (or, unless asked, deleted) codes.
"""

from __future__ import annotations

import datetime

from django.db.models import (
    Case,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.core.fiscal import FiscalYear
from tsunagu.org.permissions import can_coordinate
from tsunagu.search.queries import filter_queryset

from .models import ApplicationWindow, Program, ProgramTerms, WindowStatus
from .search import ProgramSearch

Kind = ApplicationWindow.Kind


def may_edit_catalogue(user) -> bool:
    """Programmes, their terms and windows, imports: the International Policy Division's work."""
    return can_coordinate(user)


def today() -> datetime.date:
    return timezone.localdate()


# -- window status in SQL -----------------------------------------------------------------


def _month_day(month: str, day: str, default_day: int) -> ExpressionWrapper:
    return ExpressionWrapper(F(month) * 100 + Coalesce(F(day), Value(default_day)), output_field=IntegerField())


def open_windows_q(day: datetime.date) -> Q:
    """Windows taking applications on ``day`` (see ``ApplicationWindow.status_on``).

    Needs the ``open_md`` / ``close_md`` annotations of ``windows_with_month_days``.
    """
    md = day.month * 100 + day.day
    dated = Q(kind=Kind.DATED, opens_on__lte=day, closes_on__gte=day)
    yearly = Q(kind=Kind.RECURRING, open_month__isnull=False, close_month__isnull=False) & (
        (Q(close_md__gte=F("open_md")) & Q(open_md__lte=md, close_md__gte=md))
        | (Q(close_md__lt=F("open_md")) & (Q(open_md__lte=md) | Q(close_md__gte=md)))
    )
    rolling = (
        Q(kind=Kind.ROLLING)
        & (Q(opens_on__isnull=True) | Q(opens_on__lte=day))
        & (Q(closes_on__isnull=True) | Q(closes_on__gte=day))
    )
    return dated | yearly | rolling


def upcoming_windows_q(day: datetime.date) -> Q:
    """Windows not open on ``day`` with a later opening or deadline (check ``open_windows_q`` first)."""
    dated = Q(kind=Kind.DATED, closes_on__gte=day) & (Q(opens_on__isnull=True) | Q(opens_on__gt=day))
    yearly = Q(kind=Kind.RECURRING, close_month__isnull=False)
    rolling = Q(kind=Kind.ROLLING, opens_on__gt=day)
    return dated | yearly | rolling


def windows_with_month_days(queryset: QuerySet[ApplicationWindow] | None = None) -> QuerySet[ApplicationWindow]:
    queryset = queryset if queryset is not None else ApplicationWindow.objects.all()
    return queryset.annotate(
        open_md=_month_day("open_month", "open_day", 1), close_md=_month_day("close_month", "close_day", 31)
    )


def window_status_annotation(day: datetime.date) -> Case:
    """A programme's window status computed by the database (one value per programme)."""
    windows = windows_with_month_days(ApplicationWindow.objects.filter(program=OuterRef("pk")))
    return Case(
        When(Exists(windows.filter(open_windows_q(day))), then=Value(WindowStatus.OPEN.value)),
        When(Exists(windows.filter(upcoming_windows_q(day))), then=Value(WindowStatus.UPCOMING.value)),
        When(Exists(windows), then=Value(WindowStatus.CLOSED.value)),
        default=Value(WindowStatus.UNKNOWN.value),
        output_field=CharField(),
    )


def next_deadline_annotation(day: datetime.date) -> Subquery:
    """The next closing date among the programme's dated windows (yearly ones are shown on the page)."""
    return Subquery(
        ApplicationWindow.objects.filter(program=OuterRef("pk"), kind=Kind.DATED, closes_on__gte=day)
        .order_by()
        .values("program")
        .annotate(first=Min("closes_on"))
        .values("first")[:1]
    )


def _terms_in_force(year: int):
    return ProgramTerms.objects.filter(program=OuterRef("pk"), fiscal_year__lte=year).order_by("-fiscal_year")


def program_list_queryset(day: datetime.date | None = None) -> QuerySet[Program]:
    """Programmes with everything a list row shows, in a fixed number of queries."""
    day = day or today()
    year = FiscalYear.of(day).year
    terms = _terms_in_force(year)
    return (
        Program.objects.select_related("provider")
        .prefetch_related("fields")
        .annotate(
            window_state=window_status_annotation(day),
            next_deadline=next_deadline_annotation(day),
            cap_in_force=Subquery(terms.values("cap_jpy")[:1]),
            rate_in_force=Subquery(terms.values("rate")[:1]),
            terms_year=Subquery(terms.values("fiscal_year")[:1]),
            terms_uncertain=Subquery(terms.values("uncertain")[:1]),
        )
    )


def json_list_contains(name: str, value: str) -> Q:
    """Rows whose JSON list ``name`` holds the string ``value`` (on SQLite and PostgreSQL alike).

    Codes are slugs, so looking for the quoted value in the JSON text is exact:
    ``"city"`` does not match ``"designated_city"``.
    """
    return Q(**{f"{name}_text__contains": f'"{value}"'})


def with_json_text(queryset: QuerySet[Program], name: str) -> QuerySet[Program]:
    return queryset.annotate(**{f"{name}_text": Cast(name, output_field=TextField())})


def program_search(query: str, queryset: QuerySet[Program], user) -> QuerySet[Program]:
    """The text search the programme list uses: ``queryset`` narrowed to the programmes the
    search index finds for ``query`` (水道 finds 上下水道, ゴミ finds 廃棄物…) that ``user`` may find."""
    return filter_queryset(ProgramSearch.name, query, queryset, user=user)


def search_programs(query: str, queryset: QuerySet[Program]) -> QuerySet[Program]:
    """Programmes matching every word of ``query`` in their names, purpose, provider or code.

    A plain case-insensitive scan: what the list used before the search index
    (``program_search``), kept as the baseline of the benchmarks.
    """
    for word in query.split():
        queryset = queryset.filter(
            Q(code__icontains=word)
            | Q(name_ja__icontains=word)
            | Q(name_en__icontains=word)
            | Q(purpose__icontains=word)
            | Q(purpose_en__icontains=word)
            | Q(activities_note__icontains=word)
            | Q(provider__name_ja__icontains=word)
            | Q(provider__name_en__icontains=word)
            | Q(provider__abbreviation__icontains=word)
        )
    return queryset


# -- one programme -------------------------------------------------------------------------


def get_program_for_user(user, code: str, *, include_deleted: bool = False) -> Program:
    """The programme with this code, or 404 (deleted ones only for coordinators when asked)."""
    manager = Program.all_objects if include_deleted else Program.objects
    program = manager.select_related("provider").filter(code=code).first()
    if program is None or (program.is_deleted and not may_edit_catalogue(user)):
        raise Http404(_("No such programme."))
    return program


def get_row_for_user(user, model, program: Program, pk: int):
    """A term or window of ``program``, or 404."""
    row = model.objects.filter(program=program, pk=pk).first()
    if row is None:
        raise Http404(_("No such row."))
    row.program = program
    return row


def deleted_programs_queryset() -> QuerySet[Program]:
    return Program.all_objects.filter(deleted_at__isnull=False).select_related("provider").order_by("-deleted_at")


def fiscal_year_coverage(program: Program, until: FiscalYear | None = None) -> list[tuple[FiscalYear, ProgramTerms | None]]:
    """For each 年度 from the first recorded terms to ``until`` (default: next year), the terms in force.

    Uses the prefetched terms; at most 15 years are listed (the most recent).
    """
    rows = sorted(program.terms.all(), key=lambda t: t.fiscal_year)
    if not rows:
        return []
    last = (until or FiscalYear.current().next()).year
    first = max(rows[0].fiscal_year, last - 14)
    coverage = []
    for year in range(last, first - 1, -1):
        in_force = None
        for terms in rows:
            if terms.fiscal_year <= year:
                in_force = terms
        coverage.append((FiscalYear(year), in_force))
    return coverage
