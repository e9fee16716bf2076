"""History of a programme: its own changes and those of its terms and windows, newest first.

Terms and windows have their own history tables; their changes are shown
among the programme's, labelled ("2026年度の条件を変更", "募集期間を追加"…), so
that the page tells what applied when and who changed it.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagu.core.fiscal import FiscalYear
from tsunagu.core.history import FieldChange, HistoryEntry, history_entries

from .models import ApplicationWindow, Program, ProgramTerms

ROW_KIND_LABELS = {
    "terms": {"+": _("Terms added"), "~": _("Terms changed"), "-": _("Terms removed")},
    "window": {"+": _("Window added"), "~": _("Window changed"), "-": _("Window removed")},
}


class RowHistoryEntry(HistoryEntry):
    def __init__(self, *, row_kind: str, subject: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.row_kind = row_kind
        self.subject = subject

    @property
    def kind_label(self) -> str:
        return f"{ROW_KIND_LABELS[self.row_kind][self.kind]}（{self.subject}）"


def _display(model_field: models.Field, value) -> str:
    if value in (None, "", []):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if model_field.name == "fiscal_year":
        return FiscalYear(int(value)).label()
    if model_field.name in ("cap_jpy", "min_jpy"):
        return f"¥{int(value):,}"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, list):
        return "、".join(
            f"{item.get('label')}: ¥{item.get('amount_jpy'):,}" if isinstance(item, dict) else str(item) for item in value
        )
    return str(value)


def _rows(program: Program, kind: str, model) -> list[RowHistoryEntry]:
    fields = [f for f in model._meta.concrete_fields if f.editable and f.name not in ("id", "program")]
    by_row: dict[int, list] = defaultdict(list)
    for record in (
        model.history.filter(program_id=program.pk).select_related("history_user").order_by("id", "history_date", "history_id")
    ):
        by_row[record.id].append(record)
    entries = []
    for records in by_row.values():
        previous = None
        for record in records:
            changes = []
            for model_field in fields:
                new = getattr(record, model_field.attname)
                old = getattr(previous, model_field.attname) if previous is not None else None
                if record.history_type == "-":
                    if new not in (None, "", []):
                        changes.append(FieldChange(str(model_field.verbose_name), _display(model_field, new), "—"))
                elif previous is None or record.history_type == "+":
                    if new not in (None, "", [], False):
                        changes.append(FieldChange(str(model_field.verbose_name), "—", _display(model_field, new)))
                elif old != new:
                    changes.append(
                        FieldChange(str(model_field.verbose_name), _display(model_field, old), _display(model_field, new))
                    )
            history_type = "+" if previous is None and record.history_type == "~" else record.history_type
            subject = FiscalYear(record.fiscal_year).label()
            if kind == "window" and record.label:
                subject = f"{subject} {record.label}"
            if history_type != "~" or changes:
                entries.append(
                    RowHistoryEntry(
                        row_kind=kind, subject=subject, when=record.history_date, who=record.history_user,
                        kind=history_type, changes=changes,
                    )
                )
            previous = record
    return entries


def catalogue_history(program: Program, limit: int = 100) -> list[HistoryEntry]:
    entries = list(history_entries(program, limit=limit))
    entries += _rows(program, "terms", ProgramTerms)
    entries += _rows(program, "window", ApplicationWindow)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
