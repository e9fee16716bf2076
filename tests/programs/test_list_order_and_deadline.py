"""The programme list sorts names by reading (五十音) and fills and sorts 次の締切 from every window kind."""

import datetime

import pytest
from django.urls import reverse

from tests.programs.conftest import TODAY
from tsunagu.programs.catalogue.queries import program_list_queryset
from tsunagu.programs.models import ApplicationWindow

LIST = reverse("programs:list")


def names(response) -> list[str]:
    return [program.name_ja for program in response.context["programs"]]


@pytest.fixture
def mixed_names(make):
    for code, name in [
        ("n1", "二国間クレジット制度"), ("n2", "中小企業海外展開支援"), ("n3", "クレア海外協力"),
        ("n4", "JICA草の根技術協力"), ("n5", "UNIDO投資促進"), ("n6", "あおぞら交流"),
    ]:
        make(code, name_ja=name)


def test_the_list_opens_in_gojuon_order_of_the_names_as_its_header_says(mixed_names, as_viewer, fixed_today):
    response = as_viewer.get(LIST)
    # JICA is read ジャイカ and UNIDO ユニード (Sudachi's readings), so they sit among the kana names.
    assert names(response) == [
        "あおぞら交流", "クレア海外協力", "JICA草の根技術協力", "中小企業海外展開支援", "二国間クレジット制度", "UNIDO投資促進",
    ]
    assert 'aria-sort="ascending"' in response.content.decode()


def test_descending_name_order_is_the_reverse(mixed_names, as_viewer, fixed_today):
    ascending = names(as_viewer.get(f"{LIST}?sort=name"))
    assert names(as_viewer.get(f"{LIST}?sort=-name")) == ascending[::-1]


def test_a_name_typed_in_kana_finds_the_programme_by_its_reading(mixed_names, as_viewer, fixed_today):
    assert names(as_viewer.get(f"{LIST}?q=ちゅうしょうきぎょう")) == ["中小企業海外展開支援"]
    assert names(as_viewer.get(f"{LIST}?q=ｸﾚｱ")) == ["クレア海外協力"]


@pytest.fixture
def windows(make):
    """Programmes with a window of each kind; today is 2026-05-15."""
    make("yearly-later", name_ja="毎年十月", windows=[
        {"kind": "recurring", "fiscal_year": 2026, "open_month": 9, "close_month": 10, "close_day": 31},
    ])
    make("yearly-passed", name_ja="毎年三月", windows=[
        {"kind": "recurring", "fiscal_year": 2026, "close_month": 3, "close_day": 15},
    ])
    make("yearly-month-end", name_ja="毎年六月末", windows=[
        {"kind": "recurring", "fiscal_year": 2026, "open_month": 5, "close_month": 6},
    ])
    make("dated", name_ja="日付あり", windows=[
        {"kind": "dated", "fiscal_year": 2026, "closes_on": datetime.date(2026, 5, 20)},
        {"kind": "dated", "fiscal_year": 2025, "closes_on": datetime.date(2025, 5, 20)},
    ])
    make("rolling-until", name_ja="随時期限あり", windows=[
        {"kind": "rolling", "fiscal_year": 2026, "closes_on": datetime.date(2026, 8, 1)},
    ])
    make("rolling-open", name_ja="随時", windows=[{"kind": "rolling", "fiscal_year": 2026}])
    make("none", name_ja="窓口不明")


def deadlines(response) -> dict[str, datetime.date | None]:
    return {program.code: program.next_deadline for program in response.context["programs"]}


def test_next_deadline_is_filled_for_yearly_dated_and_rolling_windows(windows, as_viewer, fixed_today):
    assert deadlines(as_viewer.get(LIST)) == {
        "yearly-later": datetime.date(2026, 10, 31),
        "yearly-passed": datetime.date(2027, 3, 15),  # this year's has passed: next year's
        "yearly-month-end": datetime.date(2026, 6, 30),  # no day given: the end of the month
        "dated": datetime.date(2026, 5, 20),
        "rolling-until": datetime.date(2026, 8, 1),
        "rolling-open": None,
        "none": None,
    }
    assert "2026-10-31" in as_viewer.get(LIST).content.decode()


def test_the_list_deadline_is_the_one_the_programme_page_computes(windows, fixed_today):
    for program in program_list_queryset(TODAY):
        closes = [
            occurrence.closes
            for window in ApplicationWindow.objects.filter(program=program).exclude(kind="rolling", closes_on=None)
            if (occurrence := window.next_occurrence(TODAY)) is not None
        ]
        assert program.next_deadline == (min(closes) if closes else None), program.code


def test_sorting_by_next_deadline_puts_programmes_without_one_last_both_ways(windows, as_viewer, fixed_today):
    ascending = [code for code in deadlines(as_viewer.get(f"{LIST}?sort=deadline"))]
    assert ascending[:5] == ["dated", "yearly-month-end", "rolling-until", "yearly-later", "yearly-passed"]
    assert set(ascending[5:]) == {"rolling-open", "none"}
    descending = [code for code in deadlines(as_viewer.get(f"{LIST}?sort=-deadline"))]
    assert descending[:5] == ascending[:5][::-1]


def test_a_leap_day_deadline_falls_on_28_february_in_other_years(make, fixed_today):
    make("leap", windows=[{"kind": "recurring", "fiscal_year": 2026, "close_month": 2, "close_day": 29}])
    (program,) = program_list_queryset(TODAY)
    assert program.next_deadline == datetime.date(2027, 2, 28)
