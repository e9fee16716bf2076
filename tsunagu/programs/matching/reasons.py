"""Reasons: why a programme gained or lost points, why confidence is lower, why it was refused.

A reason keeps a stable ``code`` (for programs and tests), a translatable
message with ``%(name)s`` placeholders and its parameters. The text is made
when it is shown, in the active language, so the same result prints in
Japanese in the UI and in English with ``--language en``. Parameters that
depend on the language (names, dates, amounts, rates) are small objects
whose ``str()`` follows the active language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext

from tsunagu.core.fiscal import FiscalYear
from tsunagu.core.i18n import pick, ui_is_japanese


@dataclass(frozen=True)
class Reason:
    code: str
    message: Any  # a lazy translation with %(name)s placeholders
    params: dict = field(default_factory=dict, compare=False, hash=False)
    points: float = 0.0  # score points gained (> 0) or lost (< 0)
    confidence: float = 0.0  # confidence lost (< 0) because a fact is unknown or unconfirmed

    @property
    def text(self) -> str:
        values = {key: str(value) for key, value in self.params.items()}
        return str(self.message) % values if values else str(self.message)

    @property
    def points_display(self) -> str:
        return f"{self.points:+.1f}".replace("-", "−")

    @property
    def confidence_display(self) -> str:
        return f"{self.confidence:+.2f}".replace("-", "−")

    def as_dict(self) -> dict:
        data: dict[str, Any] = {"code": self.code, "text": self.text}
        if self.points:
            data["points"] = round(self.points, 2)
        if self.confidence:
            data["confidence"] = round(self.confidence, 2)
        return data

    def __str__(self) -> str:
        return self.text


# -- language-aware parameters -------------------------------------------------------------


@dataclass(frozen=True)
class Bilingual:
    ja: str
    en: str

    def __str__(self) -> str:
        return pick(self.ja, self.en)


@dataclass(frozen=True)
class Names:
    """A list of bilingual names, joined the way the language joins them."""

    items: tuple

    def __str__(self) -> str:
        return ("、" if ui_is_japanese() else ", ").join(str(item) for item in self.items)


@dataclass(frozen=True)
class Words:
    """Words quoted from the plan, joined per language."""

    items: tuple

    def __str__(self) -> str:
        if ui_is_japanese():
            return "、".join(f"「{w}」" for w in self.items)
        return ", ".join(f"“{w}”" for w in self.items)


@dataclass(frozen=True)
class Day:
    value: datetime.date

    def __str__(self) -> str:
        if ui_is_japanese():
            return f"{self.value.year}年{self.value.month}月{self.value.day}日"
        return self.value.isoformat()


@dataclass(frozen=True)
class Year:
    """A fiscal year: 2026年度 / FY2026."""

    value: int

    def __str__(self) -> str:
        return FiscalYear(self.value).label()


@dataclass(frozen=True)
class Yen:
    value: int

    def __str__(self) -> str:
        return f"¥{self.value:,}"


_FRACTION_SIGNS = {Fraction(1, 2): "½", Fraction(1, 3): "⅓", Fraction(2, 3): "⅔", Fraction(1, 4): "¼",
                   Fraction(3, 4): "¾", Fraction(1, 5): "⅕", Fraction(2, 5): "⅖", Fraction(3, 5): "⅗",
                   Fraction(4, 5): "⅘", Fraction(1, 10): "⅒"}


@dataclass(frozen=True)
class Rate:
    """A share of the costs: ⅔ (English) / 3分の2 (Japanese), else a percentage."""

    value: Decimal

    def __str__(self) -> str:
        if self.value >= 1:
            return gettext("all")
        fraction = Fraction(self.value).limit_denominator(10)
        if abs(float(fraction) - float(self.value)) < 0.002 and fraction in _FRACTION_SIGNS:
            if ui_is_japanese():
                return f"{fraction.denominator}分の{fraction.numerator}"
            return _FRACTION_SIGNS[fraction]
        return f"{float(self.value) * 100:.0f}%"


@dataclass(frozen=True)
class Percent:
    value: float

    def __str__(self) -> str:
        return f"{self.value:.0f}%"


@dataclass(frozen=True)
class Label:
    """A choice label (lazy) or any lazy text, shown in the active language."""

    value: Any

    def __str__(self) -> str:
        return str(self.value)
