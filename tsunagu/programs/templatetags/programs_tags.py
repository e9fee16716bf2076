"""Display helpers of the catalogue: rates, caps, window periods."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from tsunagu.core.i18n import ui_is_japanese

from ..models import ApplicationWindow

register = template.Library()

FRACTIONS = {
    Decimal("0.5"): "1/2",
    Decimal("0.3333"): "1/3",
    Decimal("0.6667"): "2/3",
    Decimal("0.25"): "1/4",
    Decimal("0.75"): "3/4",
}


@register.filter
def rate(value) -> str:
    """``0.5`` → ``1/2（50%）``; ``0.3`` → ``30%``."""
    if value in (None, ""):
        return ""
    value = Decimal(value).normalize()
    percent = format((value * 100).quantize(Decimal("0.01")).normalize(), "f")
    fraction = FRACTIONS.get(value)
    return f"{fraction}（{percent}%）" if fraction else f"{percent}%"


def _month_day(month: int | None, day: int | None, *, closing: bool) -> str:
    if month is None:
        return ""
    if ui_is_japanese():
        if day is None:
            return f"{month}月末" if closing else f"{month}月"
        return f"{month}月{day}日"
    name = str(MONTHS[month])
    if day is None:
        return _("end of %(month)s") % {"month": name} if closing else name
    return f"{day} {name}"


@register.filter
def window_period(window: ApplicationWindow) -> str:
    """The period of a window in words: dates, “every year, July – end of September”, “any time”."""
    if window.kind == ApplicationWindow.Kind.ROLLING:
        text = _("Any time")
        if window.opens_on or window.closes_on:
            text += f"（{window.opens_on or ''} 〜 {window.closes_on or ''}）"
        return text
    if window.kind == ApplicationWindow.Kind.RECURRING:
        close = _month_day(window.close_month, window.close_day, closing=True)
        if window.open_month is None:
            return _("Every year, deadline %(close)s") % {"close": close}
        opening = _month_day(window.open_month, window.open_day, closing=False)
        return _("Every year, %(open)s – %(close)s") % {"open": opening, "close": close}
    if window.opens_on:
        return f"{window.opens_on.isoformat()} 〜 {window.closes_on.isoformat() if window.closes_on else ''}"
    if window.closes_on:
        return _("Deadline %(date)s") % {"date": window.closes_on.isoformat()}
    return ""


@register.filter
def iso(value) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else ""
