"""History of a project: one record per save, and the changes of its rows.

Two things django-simple-history does not do the way a project page needs:

- Saving a project and then setting its many-to-many fields makes
  simple-history write one record for the save and one more for every
  many-to-many field that changed. ``record_history`` lets the actions layer
  write a single record once everything is in place (the save itself runs
  with ``skip_history_when_saving``).
- Partners, budget lines and links have their own history tables;
  ``project_history`` merges their changes into the project's history so the
  page shows, for example, who raised the FY2025 city budget and when.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.core.display import display_value
from tsunagu.core.history import FieldChange, HistoryEntry, history_entries
from tsunagu.partners.models import Organisation, Place

from .models import BudgetLine, Project, ProjectLink, ProjectPartner


@contextmanager
def history_paused(instance):
    """Within the block, saves and many-to-many changes of ``instance`` write no history."""
    instance.skip_history_when_saving = True
    try:
        yield
    finally:
        del instance.skip_history_when_saving


def record_history(instance, history_type: str, user, when=None) -> None:
    """Write one history record of ``instance`` as it now is, many-to-many fields included.

    The same rows simple-history writes from its post_save handler; used after
    a save made inside ``history_paused``. ``when`` is the moment the change
    began, so that the project's record sorts before the rows saved with it.
    """
    history_model = type(instance).history.model
    record = history_model.objects.create(
        history_type=history_type,
        history_user=user if getattr(user, "is_authenticated", False) else None,
        history_date=when or timezone.now(),
        **{field.attname: getattr(instance, field.attname) for field in history_model.tracked_fields},
    )
    for m2m_field in history_model._history_m2m_fields:
        m2m_history_model = getattr(history_model, m2m_field.name).model
        through = m2m_field.remote_field.through
        columns = [f.attname for f in through._meta.fields]
        rows = through.objects.filter(**{m2m_field.m2m_field_name(): instance}).values(*columns)
        m2m_history_model.objects.bulk_create(
            m2m_history_model(history=record, **row) for row in rows
        )


class RowHistoryEntry(HistoryEntry):
    """A change of a partner, budget line or link, shown among the project's own changes."""

    def __init__(self, *, row_kind: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.row_kind = row_kind

    @property
    def kind_label(self) -> str:
        return str(ROW_KIND_LABELS[self.row_kind][self.kind])


ROW_KIND_LABELS = {
    "partner": {"+": _("Partner added"), "~": _("Partner changed"), "-": _("Partner removed")},
    "budget": {"+": _("Budget line added"), "~": _("Budget line changed"), "-": _("Budget line removed")},
    "link": {"+": _("Link added"), "~": _("Link changed"), "-": _("Link removed")},
}

ROW_MODELS = (("partner", ProjectPartner), ("budget", BudgetLine), ("link", ProjectLink))


def _row_fields(model) -> list[models.Field]:
    return [
        f for f in model._meta.concrete_fields if f.name not in ("id", "project") and f.editable
    ]


def _row_history(project: Project) -> list[RowHistoryEntry]:
    records_by_kind = {
        kind: list(
            model.history.filter(project_id=project.pk)
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        for kind, model in ROW_MODELS
    }
    place_ids: set[int] = set()
    organisation_ids: set[int] = set()
    for records in records_by_kind.values():
        for record in records:
            if getattr(record, "place_id", None):
                place_ids.add(record.place_id)
            for attname in ("organisation_id", "funder_id"):
                if getattr(record, attname, None):
                    organisation_ids.add(getattr(record, attname))
    names = {(Place, p.pk): str(p) for p in Place._base_manager.filter(pk__in=place_ids)} if place_ids else {}
    if organisation_ids:
        names.update(
            {(Organisation, o.pk): str(o) for o in Organisation._base_manager.filter(pk__in=organisation_ids)}
        )

    entries = []
    for kind, model in ROW_MODELS:
        fields = _row_fields(model)
        by_row: dict[int, list] = defaultdict(list)
        for record in records_by_kind[kind]:
            by_row[record.id].append(record)
        for records in by_row.values():
            previous = None
            for record in records:
                changes = []
                for model_field in fields:
                    new = getattr(record, model_field.attname)
                    old = getattr(previous, model_field.attname) if previous is not None else None
                    if record.history_type == "-":
                        # What was removed: its last values.
                        if new not in (None, ""):
                            changes.append(
                                FieldChange(str(model_field.verbose_name), display_value(model_field, new, names, record), "—")
                            )
                    elif previous is None or record.history_type == "+":
                        if new not in (None, ""):
                            changes.append(
                                FieldChange(str(model_field.verbose_name), "—", display_value(model_field, new, names, record))
                            )
                    elif old != new:
                        changes.append(
                            FieldChange(
                                str(model_field.verbose_name),
                                display_value(model_field, old, names, previous),
                                display_value(model_field, new, names, record),
                            )
                        )
                history_type = "+" if previous is None and record.history_type == "~" else record.history_type
                if history_type != "~" or changes:
                    entries.append(
                        RowHistoryEntry(
                            row_kind=kind,
                            when=record.history_date,
                            who=record.history_user,
                            kind=history_type,
                            changes=changes,
                        )
                    )
                previous = record
    return entries


def project_history(project: Project, limit: int = 100) -> list[HistoryEntry]:
    """The project's changes and those of its partners, budget lines and links, newest first."""
    entries = list(history_entries(project, limit=limit)) + _row_history(project)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
