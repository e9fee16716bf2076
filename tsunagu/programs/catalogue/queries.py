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

import calendar
import datetime

from django.db.models import (
    Case,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
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
from django.db.models.functions import Cast, Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.core.fiscal import FiscalYear
from tsunagu.org.permissions import can_coordinate
from tsunagu.search.queries import filter_queryset
from tsunagu.text import filter_words

from ..models import ApplicationWindow, Program, ProgramTerms, WindowStatus
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


class DateNumber(Func):
    """An integer ``yyyymmdd`` computed by the database, read back as a date.

    Dates are compared as numbers so that the same SQL works on SQLite and
    PostgreSQL; a yearly deadline without its day (``close_day`` empty, "by the
    end of the month") is number ``mm31``, read back as the month's last day,
    as ``ApplicationWindow.occurrences_between`` does.
    """

    template = "%(expressions)s"
    output_field = IntegerField()

    def get_db_converters(self, connection):
        return [*super().get_db_converters(connection), self._to_date]

    @staticmethod
    def _to_date(value, expression, connection):
        if value is None:
            return None
        year, month, day = int(value) // 10000, int(value) // 100 % 100, int(value) % 100
        return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _date_number(field: str) -> ExpressionWrapper:
    return ExpressionWrapper(
        ExtractYear(field) * 10000 + ExtractMonth(field) * 100 + ExtractDay(field), output_field=IntegerField()
    )


def next_deadline_annotation(day: datetime.date) -> DateNumber:
    """The programme's next deadline on or after ``day``, computed by the database: the
    earliest closing date of its windows still ahead — a dated or rolling window's
    ``closes_on``, a yearly window's closing day this year or, once passed, next year.

    The same dates as ``ApplicationWindow.next_occurrence`` (the programme page, the
    matcher, the iCalendar feed); one subquery for the whole list, so the list can be
    sorted by it.
    """
    md = day.month * 100 + day.day
    close_md = _month_day("close_month", "close_day", 31)
    deadline = Case(
        When(
            Q(kind__in=[Kind.DATED, Kind.ROLLING], closes_on__gte=day),
            then=_date_number("closes_on"),
        ),
        When(
            Q(kind=Kind.RECURRING, close_month__isnull=False, close_md__gte=md),
            then=Value(day.year * 10000) + F("close_md"),
        ),
        When(
            Q(kind=Kind.RECURRING, close_month__isnull=False),
            then=Value((day.year + 1) * 10000) + F("close_md"),
        ),
        default=None,
        output_field=IntegerField(),
    )
    first = (
        ApplicationWindow.objects.filter(program=OuterRef("pk"))
        .annotate(close_md=close_md)
        .annotate(deadline=deadline)
        .filter(deadline__isnull=False)
        .order_by()
        .values("program")
        .annotate(first=Min("deadline"))
        .values("first")[:1]
    )
    return DateNumber(Subquery(first, output_field=IntegerField()))


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
    search index finds for ``query`` (水道 finds 上下水道, ゴミ finds 廃棄物…) that ``user`` may
    find, and to those whose name's reading holds the query (ちゅうしょう for 中小企業…)."""
    if not filter_words(query):
        return queryset
    found = filter_queryset(ProgramSearch.name, query, queryset, user=user)
    return queryset.filter(Q(pk__in=found.values("pk")) | _text_match(query))


def _text_match(query: str) -> Q:
    """Every word of ``query`` in the programme's or its provider's ``search_text``."""
    condition = Q()
    for word in filter_words(query):
        condition &= Q(search_text__contains=word) | Q(provider__search_text__contains=word)
    return condition


def search_programs(query: str, queryset: QuerySet[Program]) -> QuerySet[Program]:
    """Programmes matching every word of ``query`` in their code, names, purpose or
    provider, folded as every list filter is (``tsunagu.text.filtering``: widths,
    kana, readings). A scan without the search index: the baseline of the benchmarks.
    """
    return queryset.filter(_text_match(query)) if filter_words(query) else queryset


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
