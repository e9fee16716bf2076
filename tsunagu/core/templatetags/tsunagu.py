"""Template filters used everywhere: fiscal years, era dates, yen, query strings."""

import datetime
from decimal import Decimal

from django import template
from django.utils.formats import number_format

from tsunagu.core.fiscal import FiscalYear, format_wareki
from tsunagu.core.i18n import ui_is_japanese

register = template.Library()


@register.filter
def fy(value):
    """A fiscal year label from a year number, a date or a FiscalYear: 2026年度（令和8年度） / FY2026."""
    if value in (None, ""):
        return ""
    if isinstance(value, FiscalYear):
        return value.label()
    if isinstance(value, datetime.date):
        return FiscalYear.of(value).label()
    return FiscalYear(int(value)).label()


@register.filter
def wareki(value):
    """A date in the era calendar for Japanese readers, ISO for English ones."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if ui_is_japanese():
        return f"{value.isoformat()}（{format_wareki(value)}）"
    return value.isoformat()


@register.filter
def yen(value):
    if value in (None, ""):
        return ""
    return f"¥{number_format(Decimal(value), decimal_pos=0, force_grouping=True)}"


@register.simple_tag(takes_context=True)
def query_replace(context, **changes):
    """The current query string with some parameters replaced (for sort and page links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()
