"""Fiscal years (年度) and the Japanese era calendar (和暦).

A Japanese public body's fiscal year runs from 1 April to 31 March and is
named after the calendar year in which it starts: 1 April 2026 – 31 March 2027
is 2026年度, in the era calendar 令和8年度.

Naming a fiscal year that straddles an era change follows government usage:
the year is named in the era that covers most of it, i.e. the era in force on
1 October. So FY2019 (Heisei until 30 April 2019) is 令和元年度, and FY1988
(Shōwa until 7 January 1989) is 昭和63年度.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Era:
    name_ja: str
    name_en: str
    start: datetime.date


# Newest first. Only eras a record of overseas work can reach.
ERAS = (
    Era("令和", "Reiwa", datetime.date(2019, 5, 1)),
    Era("平成", "Heisei", datetime.date(1989, 1, 8)),
    Era("昭和", "Shōwa", datetime.date(1926, 12, 25)),
)

# The years a stored 年度 may take (model validators, ``FiscalYear``).
FIRST_SUPPORTED_YEAR = 1927
LAST_SUPPORTED_YEAR = 2199

# What a person may type or a catalogue file may give (年度 and dates alike): from the
# first 年度 named in 昭和 (昭和2年度 = 1927) to this many years after the current 年度.
# Nobody plans a 年度 further ahead; "2199" or "R99" are typing mistakes. The bound
# moves with time, so what was accepted once stays accepted.
YEARS_AHEAD_ACCEPTED = 30


def _local_date(day: datetime.date) -> datetime.date:
    """A date as is; an aware datetime as its date in Japan (TIME_ZONE), a naive one as its date."""
    if isinstance(day, datetime.datetime):
        if day.tzinfo is not None:
            from django.utils import timezone

            return timezone.localdate(day)
        return day.date()
    return day


def era_of(day: datetime.date) -> tuple[Era, int]:
    """The era in force on ``day`` and the year within it (1 = 元年)."""
    day = _local_date(day)
    for era in ERAS:
        if day >= era.start:
            return era, day.year - era.start.year + 1
    raise ValueError(f"{day} is before the Shōwa era")


def era_year_label(era: Era, year: int) -> str:
    return f"{era.name_ja}{'元' if year == 1 else year}"


def format_wareki(day: datetime.date) -> str:
    """``2019-05-01`` → ``令和元年5月1日``."""
    era, year = era_of(day)
    return f"{era_year_label(era, year)}年{day.month}月{day.day}日"


@dataclass(frozen=True, order=True)
class FiscalYear:
    """One fiscal year, identified by the calendar year it starts in."""

    year: int

    def __post_init__(self) -> None:
        if not isinstance(self.year, int) or not (
            FIRST_SUPPORTED_YEAR <= self.year <= LAST_SUPPORTED_YEAR
        ):
            raise ValueError(f"fiscal year out of range: {self.year!r}")

    @classmethod
    def of(cls, day: datetime.date) -> FiscalYear:
        """The fiscal year containing ``day`` (31 March belongs to the previous one).

        An aware datetime counts by its date in Japan: 2026-03-31 16:00 UTC is
        1 April there, so already the new fiscal year.
        """
        day = _local_date(day)
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def current(cls) -> FiscalYear:
        from django.utils import timezone

        return cls.of(timezone.localdate())

    @classmethod
    def range(cls, first: FiscalYear, last: FiscalYear) -> list[FiscalYear]:
        return [cls(y) for y in range(first.year, last.year + 1)]

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 4, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year + 1, 3, 31)

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= _local_date(day) <= self.end

    def next(self) -> FiscalYear:
        return FiscalYear(self.year + 1)

    def previous(self) -> FiscalYear:
        return FiscalYear(self.year - 1)

    @property
    def era(self) -> tuple[Era, int]:
        """The era that names this fiscal year (the one in force on 1 October)."""
        naming_day = datetime.date(self.year, 10, 1)
        era, _ = era_of(naming_day)
        return era, self.year - era.start.year + 1

    @property
    def wareki(self) -> str:
        """``令和8年度``."""
        era, year = self.era
        return f"{era_year_label(era, year)}年度"

    @property
    def label_ja(self) -> str:
        """``2026年度（令和8年度）``."""
        return f"{self.year}年度（{self.wareki}）"

    @property
    def label_en(self) -> str:
        return f"FY{self.year}"

    @property
    def short_ja(self) -> str:
        """``R8``-style short form used in narrow table columns."""
        era, year = self.era
        return f"{era.name_en[0]}{year}"

    def label(self) -> str:
        """The label in the active UI language."""
        return self.label_ja if (get_language() or "ja").startswith("ja") else self.label_en

    def __str__(self) -> str:
        return self.label()


def accepted_years(today: datetime.date | None = None) -> tuple[int, int]:
    """The first and last 年度 a person may enter (see ``YEARS_AHEAD_ACCEPTED``)."""
    current = FiscalYear.of(today) if today else FiscalYear.current()
    return FIRST_SUPPORTED_YEAR, min(LAST_SUPPORTED_YEAR, current.year + YEARS_AHEAD_ACCEPTED)


def accepted_dates(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The first and last date a person may enter: the days of ``accepted_years``."""
    first, last = accepted_years(today)
    return FiscalYear(first).start, FiscalYear(last).end


def fiscal_year_choices(first: int, last: int) -> list[tuple[int, str]]:
    """Form choices for a span of fiscal years, newest first, labelled in the UI language."""
    return [(y, FiscalYear(y).label()) for y in range(last, first - 1, -1)]


_ERA_YEAR = re.compile(r"(?P<prefix>\D+?)(?P<year>元|\d+)年?", re.ASCII)


def _next_era(era: Era) -> Era | None:
    newer = [e for e in ERAS if e.start > era.start]
    return min(newer, key=lambda e: e.start) if newer else None


def _era_names_fiscal_year(era: Era, year: int) -> bool:
    """Whether ``era`` was in force on some day of 年度 ``year``, so that the 年度 can bear its name.

    昭和64年度 never existed: 昭和 ended on 7 January 1989, within 昭和63年度, and
    1 April 1989 began 平成元年度. 平成31年度 did exist: 平成 lasted until
    30 April 2019, and budgets and documents of FY2019 drafted before May say
    平成31年度, so it is read as FY2019 (which the calendar names 令和元年度).
    """
    following = _next_era(era)
    return era.start <= datetime.date(year + 1, 3, 31) and (
        following is None or following.start > datetime.date(year, 4, 1)
    )


def _not_a_fiscal_year(value: object) -> ValueError:
    return ValueError(_("“%(value)s” is not a fiscal year (for example 2026 or R8).") % {"value": value})


def parse_fiscal_year(value: object, *, today: datetime.date | None = None) -> FiscalYear:
    """Parse a 年度 typed or sent by a user: ``2026``, ``FY2026``, ``2026年度``, ``R8``, ``令和8``.

    Full-width characters (``２０２６``, ``ＦＹ２０２６``) and 元 for the first
    year of an era (``令和元年度``) are accepted. An era year must have existed
    (no 昭和64年度, no 平成32年度; 平成31年度 is FY2019) and the year must lie in
    ``accepted_years`` (昭和2年度 to 30 years ahead). 大正 and 明治 are not
    supported (before ``FIRST_SUPPORTED_YEAR``). Raises ``ValueError`` with a
    message in the user's language, the same wherever a 年度 is entered.
    """
    text = unicodedata.normalize("NFKC", str(value)).strip().upper()
    text = re.sub(r"\s+", "", text).removeprefix("FY")
    text = text.removesuffix("年度").removesuffix("年")
    year: int | None = None
    if re.fullmatch(r"\d{4}", text, re.ASCII):
        year = int(text)
    elif match := _ERA_YEAR.fullmatch(text):
        prefix, number = match["prefix"], match["year"]
        era_year = 1 if number == "元" else int(number)
        era = next((e for e in ERAS if prefix in (e.name_ja, e.name_en[0].upper())), None)
        if era is None or era_year < 1:
            raise _not_a_fiscal_year(value)
        year = era.start.year + era_year - 1
        if year > 9000:
            raise _not_a_fiscal_year(value)
        if not _era_names_fiscal_year(era, year):
            following = _next_era(era)
            facts = {
                "name": f"{era_year_label(era, era_year)}年度",
                "era": era.name_ja,
                "last_day": format_wareki(following.start - datetime.timedelta(days=1)),
            }
            if FIRST_SUPPORTED_YEAR <= year <= LAST_SUPPORTED_YEAR:
                raise ValueError(
                    _("There was no %(name)s: %(era)s ended on %(last_day)s, and %(year)s is %(wareki)s.")
                    % {**facts, "year": f"{year}年度",
                       "wareki": FiscalYear(year).wareki}
                )
            raise ValueError(_("There was no %(name)s: %(era)s ended on %(last_day)s.") % facts)
    if year is None:
        raise _not_a_fiscal_year(value)
    first, last = accepted_years(today)
    if not first <= year <= last:
        raise ValueError(
            _("“%(value)s” is outside the fiscal years accepted: %(first)s to %(last)s.")
            % {"value": value, "first": FiscalYear(first).label(), "last": FiscalYear(last).label()}
        )
    return FiscalYear(year)
