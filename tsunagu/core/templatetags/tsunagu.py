"""Template filters used everywhere: fiscal years, era dates, yen, query strings."""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from tsunagu.core.display import format_money, format_yen
from tsunagu.core.fiscal import FiscalYear, format_wareki
from tsunagu.core.i18n import ui_is_japanese

register = template.Library()


def fiscal_year_label(value) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, FiscalYear):
        return value.label()
    if isinstance(value, datetime.date):
        return FiscalYear.of(value).label()
    return FiscalYear(int(value)).label()


@register.filter(needs_autoescape=True)
def fy(value, autoescape=True):
    """A fiscal year label from a year number, a date or a FiscalYear: 2026年度（令和8年度） / FY2026.

    In HTML the label is wrapped in ``<span class="fy">``, which never breaks across lines
    (a narrow table cell would otherwise show 2026年/度（令/和8年/度）); plain-text templates
    (``autoescape off``, e.g. e-mails) get the bare label.
    """
    label = fiscal_year_label(value)
    if not label or not autoescape:
        return label
    return format_html('<span class="fy">{}</span>', label)


@register.filter
def wareki(value):
    """A date in the era calendar for Japanese readers, ISO for English ones."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if ui_is_japanese():
        try:
            return f"{value.isoformat()}（{format_wareki(value)}）"
        except ValueError:  # before the Shōwa era: no era name to give
            return value.isoformat()
    return value.isoformat()


@register.filter
def yen(value):
    """Whole yen with grouping: ``¥1,234,568`` (rounded half up), ``-¥500`` for a negative amount."""
    return format_yen(value)


@register.filter
def money(amount, currency):
    """An amount in its currency as pages and histories show it: ``¥3,000,000``, ``VND 100,000,000``."""
    return format_money(amount, currency)


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
