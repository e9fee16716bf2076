"""The fiscal-year (年度) and era-calendar (和暦) helper that every list, filter and form uses."""

import datetime

import pytest
from django.utils import translation

from tsunagu.core.fiscal import (
    FiscalYear,
    accepted_years,
    era_of,
    fiscal_year_choices,
    format_wareki,
    parse_fiscal_year,
)

D = datetime.date


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (D(2026, 3, 31), 2025),  # the last day of FY2025
        (D(2026, 4, 1), 2026),  # the first day of FY2026
        (D(2026, 12, 31), 2026),
        (D(2027, 1, 1), 2026),
        (D(2027, 3, 31), 2026),
        (D(2019, 4, 30), 2019),
        (D(2019, 5, 1), 2019),
    ],
)
def test_a_fiscal_year_runs_from_1_april_to_31_march(day, year):
    assert FiscalYear.of(day) == FiscalYear(year)
    assert day in FiscalYear(year)
    assert day not in FiscalYear(year + 1)


def test_start_and_end_are_1_april_and_31_march():
    assert FiscalYear(2026).start == D(2026, 4, 1)
    assert FiscalYear(2026).end == D(2027, 3, 31)


def test_an_aware_datetime_counts_by_its_date_in_japan():
    # 16:00 UTC on 31 March is 01:00 on 1 April in Tokyo: already the new fiscal year.
    moment = datetime.datetime(2026, 3, 31, 16, 0, tzinfo=datetime.UTC)
    assert FiscalYear.of(moment) == FiscalYear(2026)
    assert moment in FiscalYear(2026)
    assert FiscalYear.of(datetime.datetime(2026, 3, 31, 14, 59, tzinfo=datetime.UTC)) == FiscalYear(2025)


def test_next_previous_range_and_order():
    fy = FiscalYear(2019)
    assert fy.next() == FiscalYear(2020)
    assert fy.previous() == FiscalYear(2018)
    assert FiscalYear.range(FiscalYear(2018), FiscalYear(2020)) == [
        FiscalYear(2018), FiscalYear(2019), FiscalYear(2020)
    ]
    assert FiscalYear(2018) < FiscalYear(2019)
    assert len({FiscalYear(2019), FiscalYear(2019)}) == 1


@pytest.mark.parametrize("year", [1926, 2200, 0, -1])
def test_years_outside_the_supported_span_are_refused(year):
    with pytest.raises(ValueError):
        FiscalYear(year)


@pytest.mark.parametrize(
    ("year", "label_ja", "label_en", "short"),
    [
        (2026, "2026年度（令和8年度）", "FY2026", "R8"),
        (2020, "2020年度（令和2年度）", "FY2020", "R2"),
        # FY2019 began under Heisei (until 30 April 2019) but is named in Reiwa.
        (2019, "2019年度（令和元年度）", "FY2019", "R1"),
        (2018, "2018年度（平成30年度）", "FY2018", "H30"),
        (1989, "1989年度（平成元年度）", "FY1989", "H1"),
        # FY1988 ran until 31 March 1989, after Shōwa ended on 7 January 1989: still 昭和63年度.
        (1988, "1988年度（昭和63年度）", "FY1988", "S63"),
    ],
)
def test_labels_in_japanese_and_english(year, label_ja, label_en, short):
    fy = FiscalYear(year)
    assert fy.label_ja == label_ja
    assert fy.label_en == label_en
    assert fy.short_ja == short
    with translation.override("ja"):
        assert fy.label() == label_ja
        assert str(fy) == label_ja
    with translation.override("en"):
        assert fy.label() == label_en
        assert str(fy) == label_en


def test_fiscal_year_2019_is_reiwa_gannen():
    assert FiscalYear(2019).wareki == "令和元年度"


def test_fiscal_year_1988_is_showa_63():
    assert FiscalYear(1988).wareki == "昭和63年度"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (D(1989, 1, 7), "昭和64年1月7日"),  # the last day of Shōwa
        (D(1989, 1, 8), "平成元年1月8日"),  # the first day of Heisei
        (D(2019, 4, 30), "平成31年4月30日"),  # the last day of Heisei
        (D(2019, 5, 1), "令和元年5月1日"),  # the first day of Reiwa
        (D(2026, 4, 1), "令和8年4月1日"),
        (D(1926, 12, 25), "昭和元年12月25日"),
    ],
)
def test_format_wareki_at_era_boundaries(day, text):
    assert format_wareki(day) == text


def test_a_date_before_showa_has_no_era():
    with pytest.raises(ValueError):
        era_of(D(1926, 12, 24))


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2026", 2026),
        (2026, 2026),
        (" 2026 ", 2026),
        ("FY2026", 2026),
        ("fy2026", 2026),
        ("FY 2026", 2026),
        ("2026年度", 2026),
        ("２０２６", 2026),  # full-width digits, as typed with a Japanese IME
        ("２０２６年度", 2026),
        ("ＦＹ２０２６", 2026),
        ("R8", 2026),
        ("r8", 2026),
        ("Ｒ８", 2026),
        ("令和8", 2026),
        ("令和８年度", 2026),
        ("令和元", 2019),
        ("令和元年度", 2019),
        ("R1", 2019),
        ("H31", 2019),  # budgets drafted before May 2019 said 平成31年度
        ("平成30年度", 2018),
        ("平成元年度", 1989),
        ("S63", 1988),
        ("昭和63年度", 1988),
    ],
)
def test_parse_fiscal_year_accepts_what_people_type(text, year):
    assert parse_fiscal_year(text) == FiscalYear(year)


@pytest.mark.parametrize(
    "text", ["", "abc", "0", "R0", "令和0", "20261", "元", "R", "X8", "R8.5", "T15", "大正15年度", "M45", "H99999"]
)
def test_parse_fiscal_year_refuses_other_input_with_a_message(text):
    with translation.override("en"), pytest.raises(ValueError) as error:
        parse_fiscal_year(text)
    assert str(error.value) == f"“{text}” is not a fiscal year (for example 2026 or R8)."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # 昭和 ended on 7 January 1989, inside 昭和63年度: FY1989 began as 平成元年度.
        ("S64", "昭和64年度はありません（昭和は昭和64年1月7日まで。1989年度は平成元年度です）。"),
        ("昭和64年度", "昭和64年度はありません（昭和は昭和64年1月7日まで。1989年度は平成元年度です）。"),
        ("H32", "平成32年度はありません（平成は平成31年4月30日まで。2020年度は令和2年度です）。"),
        ("平成40年度", "平成40年度はありません（平成は平成31年4月30日まで。2028年度は令和10年度です）。"),
        ("平成400", "平成400年度はありません（平成は平成31年4月30日まで）。"),
    ],
)
def test_era_years_that_never_existed_are_refused_with_the_reason(text, message):
    with translation.override("ja"), pytest.raises(ValueError) as error:
        parse_fiscal_year(text)
    assert str(error.value) == message


def test_heisei_31_existed_and_is_fiscal_2019():
    # 平成 lasted until 30 April 2019, so FY2019 began as 平成31年度 (budgets of the time say so);
    # the calendar names the year 令和元年度.
    assert parse_fiscal_year("平成31年度") == parse_fiscal_year("令和元年度") == FiscalYear(2019)
    assert FiscalYear(2019).wareki == "令和元年度"
    assert parse_fiscal_year("S63") == FiscalYear(1988)
    assert parse_fiscal_year("平成元年度") == FiscalYear(1989)


def test_the_accepted_years_run_from_showa_2_to_thirty_years_ahead():
    assert accepted_years(D(2026, 5, 1)) == (1927, 2056)
    assert accepted_years(D(2027, 3, 31)) == (1927, 2056)
    assert accepted_years(D(2027, 4, 1)) == (1927, 2057)


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("S2", True), ("1927", True), ("S1", False), ("1926", False),
        ("2056", True), ("R38", True), ("2057", False), ("R39", False),
        ("R99", False), ("令和100年度", False), ("2199", False), ("2200", False),
    ],
)
def test_years_outside_the_accepted_range_are_refused_with_the_range(text, accepted):
    today = D(2026, 5, 1)
    if accepted:
        assert parse_fiscal_year(text, today=today).year in range(1927, 2057)
        return
    with translation.override("ja"), pytest.raises(ValueError) as error:
        parse_fiscal_year(text, today=today)
    assert str(error.value) == (
        f"「{text}」は受け付けられる年度の範囲外です（1927年度（昭和2年度）から2056年度（令和38年度）まで）。"
    )


def test_the_refusal_is_in_japanese_for_japanese_users():
    with translation.override("ja"), pytest.raises(ValueError) as error:
        parse_fiscal_year("abc")
    message = str(error.value)
    assert message == "「abc」は年度として認識できません（入力例：2026、R8）。"
    assert "is not a fiscal year" not in message


def test_fiscal_year_choices_are_newest_first_in_the_ui_language():
    with translation.override("ja"):
        assert fiscal_year_choices(2018, 2020) == [
            (2020, "2020年度（令和2年度）"),
            (2019, "2019年度（令和元年度）"),
            (2018, "2018年度（平成30年度）"),
        ]
    with translation.override("en"):
        assert fiscal_year_choices(2019, 2020) == [(2020, "FY2020"), (2019, "FY2019")]
