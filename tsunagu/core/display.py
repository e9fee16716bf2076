"""How values are shown, the same on a page and in a record's history.

One rule for every stored value (``display_value``), used by every history
(``core/history.py``, ``portfolio/history.py``, ``programs/catalogue/history.py``) and,
for money, by the ``yen`` and ``money`` template filters the pages use:

- nothing (``None``, ``""``, an empty list) → ``—``;
- a foreign key → the record's name; many-to-many → the names, sorted, joined by 、;
- a field with choices → the choice's label; a boolean → はい / いいえ;
- money: an integer field named ``*_jpy`` → ``¥3,000,000``; an amount in a
  foreign currency (a decimal field named ``amount_*`` of a row that has a
  ``currency``) → ``VND 100,000,000`` (decimals only when there are some);
- a ``fiscal_year`` field → the 年度 label (``2026年度（令和8年度）``);
- a date → ``2026-04-01``; a date and time → local ``2026-04-01 09:30``;
- another decimal → without trailing zeros (``150.25``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from tsunagu.core.fiscal import FiscalYear

EMPTY = "—"


def format_yen(value) -> str:
    """Whole yen with grouping: ``¥1,234,568`` (rounded half up), ``-¥500`` for a negative amount."""
    if value in (None, ""):
        return ""
    # str() first so that a float becomes the decimal it prints as, not its binary expansion;
    # number_format would truncate decimals rather than round them.
    amount = Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{number_format(abs(amount), decimal_pos=0, force_grouping=True)}"


def format_money(amount, currency: str | None) -> str:
    """``¥3,000,000`` for yen; ``VND 100,000,000`` or ``USD 1,234.50`` for another currency."""
    if amount in (None, ""):
        return ""
    if not currency or currency == "JPY":
        return format_yen(amount)
    value = Decimal(str(amount))
    places = 0 if value == value.to_integral_value() else 2
    return f"{currency} {number_format(value, decimal_pos=places, force_grouping=True)}"


def is_yen_field(model_field) -> bool:
    return isinstance(model_field, models.IntegerField) and model_field.name.endswith("_jpy")


def display_value(model_field, value, names: Mapping[tuple[type, Any], str] | None = None, row=None) -> str:
    """``value`` of ``model_field`` as a page shows it (see the module docstring).

    ``names`` maps ``(related model, pk)`` to the record's name, for foreign keys
    and many-to-many rows; ``row`` is the record the value belongs to (a
    historical record), which gives a foreign amount its currency.
    """
    if value is None or value == "" or value == []:
        return EMPTY
    names = names or {}
    if isinstance(model_field, models.ForeignKey):
        return names.get((model_field.related_model, value), f"#{value}")
    if isinstance(model_field, models.ManyToManyField):
        through_field = model_field.m2m_reverse_field_name()
        ids = [item[through_field] for item in value]
        labels = [names.get((model_field.related_model, pk), f"#{pk}") for pk in ids]
        return "、".join(sorted(labels)) or EMPTY
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if is_yen_field(model_field):
        return format_yen(value)
    if model_field.name == "fiscal_year":
        return FiscalYear(int(value)).label()
    if isinstance(model_field, models.DecimalField):
        currency = getattr(row, "currency", None)
        if model_field.name.startswith("amount") and currency:
            return format_money(value, currency)
        return format(Decimal(value).normalize(), "f")
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
