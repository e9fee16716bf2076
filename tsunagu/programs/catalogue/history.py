"""History of a programme: its own changes and those of its terms and windows, newest first.

Terms and windows have their own history tables; their changes are shown
among the programme's, labelled ("2026年度の条件を変更", "募集期間を追加"…), so
that the page tells what applied when and who changed it.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagu.core.display import EMPTY, display_value, format_yen
from tsunagu.core.fiscal import FiscalYear
from tsunagu.core.history import FieldChange, HistoryEntry, history_entries

from ..models import (
    UNCONFIRMABLE,
    ApplicantType,
    ApplicationWindow,
    CityRole,
    FundingForm,
    Program,
    ProgramTerms,
    choice_labels,
)
from ..templatetags.programs_tags import rate

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


# Lists of codes kept in JSON fields, shown by their labels like the catalogue page shows them.
CODE_LISTS = {
    "funding_forms": FundingForm,
    "city_roles": CityRole,
    "eligible_applicants": ApplicantType,
}


def display_program_value(model_field: models.Field, value, names=None, row=None) -> str:
    """The general rule (``core.display.display_value``) plus what only a programme has:
    lists of codes, the rate as a fraction, cap variants, links and sources."""
    if value in (None, "", []):
        return EMPTY
    if model_field.name in CODE_LISTS and isinstance(value, list):
        return "、".join(choice_labels(value, CODE_LISTS[model_field.name]))
    if model_field.name == "unconfirmed" and isinstance(value, list):
        return "、".join(str(UNCONFIRMABLE.get(v, v)) for v in value)
    if model_field.name == "rate":
        return rate(value)
    if isinstance(value, list):
        return "、".join(_list_item(item) for item in value)
    return display_value(model_field, value, names, row)


def _list_item(item) -> str:
    if not isinstance(item, dict):
        return str(item)
    if "amount_jpy" in item:
        return f"{item.get('label')}: {format_yen(item.get('amount_jpy'))}"
    return str(item.get("title") or item.get("url") or item)


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
                        changes.append(
                            FieldChange(
                                str(model_field.verbose_name), display_program_value(model_field, new, row=record), "—"
                            )
                        )
                elif previous is None or record.history_type == "+":
                    if new not in (None, "", [], False):
                        changes.append(
                            FieldChange(
                                str(model_field.verbose_name), "—", display_program_value(model_field, new, row=record)
                            )
                        )
                elif old != new:
                    changes.append(
                        FieldChange(
                            str(model_field.verbose_name),
                            display_program_value(model_field, old, row=previous),
                            display_program_value(model_field, new, row=record),
                        )
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
    entries = list(history_entries(program, limit=limit, display=display_program_value))
    entries += _rows(program, "terms", ProgramTerms)
    entries += _rows(program, "window", ApplicationWindow)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
