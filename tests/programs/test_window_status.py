"""Window status (open / upcoming / closed) in Python and in the database agree, day by day."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tsunagu.programs.catalogue.queries import program_list_queryset
from tsunagu.programs.models import ApplicationWindow, Program, WindowStatus

D = datetime.date

WINDOWS = {
    "dated": {"kind": "dated", "fiscal_year": 2026, "opens_on": D(2025, 7, 14), "closes_on": D(2025, 9, 30)},
    "deadline-only": {"kind": "dated", "fiscal_year": 2024, "closes_on": D(2023, 10, 31)},
    "yearly": {"kind": "recurring", "fiscal_year": 2026, "open_month": 7, "close_month": 9, "lead_years": 1},
    "yearly-days": {"kind": "recurring", "fiscal_year": 2025, "open_month": 6, "open_day": 15, "close_month": 7, "close_day": 10},
    "wrapping": {"kind": "recurring", "fiscal_year": 2025, "open_month": 11, "close_month": 2},
    "yearly-deadline": {"kind": "recurring", "fiscal_year": 2025, "close_month": 10, "close_day": 31},
    "rolling": {"kind": "rolling", "fiscal_year": 2025},
    "rolling-later": {"kind": "rolling", "fiscal_year": 2025, "opens_on": D(2026, 1, 1), "closes_on": D(2026, 3, 31)},
}

DAYS = [
    D(2025, 1, 1), D(2025, 2, 28), D(2025, 3, 1), D(2025, 6, 14), D(2025, 6, 15), D(2025, 7, 10), D(2025, 7, 11),
    D(2025, 7, 14), D(2025, 9, 30), D(2025, 10, 1), D(2025, 10, 31), D(2025, 11, 1), D(2025, 12, 31),
    D(2026, 1, 1), D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 1), D(2024, 2, 29),
]


@pytest.fixture
def one_window_each(make):
    return {name: make(f"w-{name}", windows=[spec]) for name, spec in WINDOWS.items()}


def test_python_and_sql_agree_on_every_day(one_window_each, db):
    make_none = one_window_each["dated"].provider
    Program.objects.create(code="w-none", provider=make_none, name_ja="窓口なし")
    for day in DAYS:
        in_sql = dict(program_list_queryset(day).values_list("code", "window_state"))
        for program in Program.objects.prefetch_related("windows"):
            assert in_sql[program.code] == program.window_status(day), (program.code, day)


@pytest.mark.parametrize(
    ("name", "day", "expected"),
    [
        ("dated", D(2025, 7, 13), "upcoming"),
        ("dated", D(2025, 7, 14), "open"),
        ("dated", D(2025, 9, 30), "open"),
        ("dated", D(2025, 10, 1), "closed"),
        ("deadline-only", D(2023, 10, 30), "upcoming"),
        ("deadline-only", D(2023, 11, 1), "closed"),
        ("yearly", D(2030, 8, 1), "open"),
        ("yearly", D(2030, 10, 1), "upcoming"),
        ("yearly-days", D(2025, 6, 14), "upcoming"),
        ("yearly-days", D(2025, 6, 15), "open"),
        ("yearly-days", D(2025, 7, 11), "upcoming"),
        ("wrapping", D(2025, 12, 31), "open"),
        ("wrapping", D(2026, 2, 28), "open"),
        ("wrapping", D(2026, 3, 1), "upcoming"),
        ("yearly-deadline", D(2025, 10, 31), "upcoming"),
        ("rolling", D(2040, 1, 1), "open"),
        ("rolling-later", D(2025, 12, 31), "upcoming"),
        ("rolling-later", D(2026, 4, 1), "closed"),
    ],
)
def test_status_of_a_window(one_window_each, name, day, expected):
    assert one_window_each[name].windows.get().status_on(day) == expected


def test_a_programme_is_open_if_any_window_is(make):
    program = make("mixed", windows=[WINDOWS["deadline-only"], WINDOWS["dated"]])
    assert program.window_status(D(2025, 8, 1)) == WindowStatus.OPEN
    assert program.window_status(D(2026, 1, 1)) == WindowStatus.CLOSED
    assert make("none").window_status(D(2026, 1, 1)) == WindowStatus.UNKNOWN


def test_yearly_windows_yield_dates_for_the_years_asked(one_window_each):
    yearly = one_window_each["yearly"].windows.get()
    assert list(yearly.windows_between(D(2025, 1, 1), D(2026, 12, 31))) == [
        (D(2025, 7, 1), D(2025, 9, 30)),
        (D(2026, 7, 1), D(2026, 9, 30)),
    ]
    occurrence = next(yearly.occurrences_between(D(2025, 1, 1), D(2025, 12, 31)))
    assert occurrence.fiscal_year == 2026  # applications in July 2025 are for 2026年度
    wrapping = one_window_each["wrapping"].windows.get()
    assert list(wrapping.windows_between(D(2025, 12, 1), D(2025, 12, 2))) == [(D(2025, 11, 1), D(2026, 2, 28))]
    deadline = one_window_each["yearly-deadline"].windows.get()
    assert list(deadline.windows_between(D(2025, 1, 1), D(2025, 12, 31))) == [(D(2025, 10, 31), D(2025, 10, 31))]


def test_invalid_windows_are_refused(provider):
    program = Program.objects.create(code="x", provider=provider, name_ja="x")
    with pytest.raises(ValidationError) as error:
        ApplicationWindow(program=program, kind="dated", fiscal_year=2025, opens_on=D(2025, 5, 1)).full_clean()
    assert "closes_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        ApplicationWindow(program=program, kind="recurring", fiscal_year=2025, open_month=4).full_clean()
    assert "close_month" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        ApplicationWindow(program=program, kind="recurring", fiscal_year=2025, close_month=2, close_day=30).full_clean()
    assert "close_day" in error.value.message_dict
