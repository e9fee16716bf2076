"""Readable change history of a record, built on django-simple-history.

``history_entries(obj)`` returns, newest first, who changed what and when,
with field labels and values shown as the pages show them (one rule for
every history: ``core.display.display_value`` — money with its currency,
choices by label, 年度, dates, yes/no, foreign keys by name, many-to-many as
lists), ready for ``core/_history.html``.

A record's page shows only the latest changes (``history_preview``) with a link
to its full history; ``render_history_page`` renders that full history page for
any kind of record (the app's view checks who may see the record).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from simple_history.models import ModelChange

from tsunagu.core.display import display_value

KIND_LABELS = {
    "+": _("Created"),
    "~": _("Changed"),
    "-": _("Erased"),
    "deleted": _("Deleted"),
    "restored": _("Restored"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: Any
    who: Any
    kind: str
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


def _m2m_snapshots(records, m2m_names: set[str], model) -> dict[str, dict[Any, list[dict]]]:
    """The many-to-many rows each historical record saw: one query per many-to-many field.

    simple-history's own ``diff_against`` asks two queries per field and pair of
    records, which turns a long history into hundreds of queries.
    """
    history_ids = [record.pk for record in records]
    snapshots: dict[str, dict[Any, list[dict]]] = {}
    for name in m2m_names:
        through = getattr(records[0], name).model
        reverse_name = model._meta.get_field(name).m2m_reverse_field_name()
        compared = [
            f.name for f in through._meta.fields if f.editable and f.name not in ("id", "m2m_history_id", "history")
        ]
        rows_by_record: dict[Any, list[dict]] = {pk: [] for pk in history_ids}
        rows = through._default_manager.filter(history_id__in=history_ids).order_by(reverse_name, "pk")
        for row in rows.values("history_id", *compared):
            rows_by_record[row.pop("history_id")].append(row)
        snapshots[name] = rows_by_record
    return snapshots


def history_entries(obj, limit: int = 50, display: Callable[..., str] = display_value) -> list[HistoryEntry]:
    """The history of ``obj``, newest first, in a fixed number of queries (one per m2m field, plus names).

    ``display`` formats a value (signature of ``display_value``); an app whose
    model has fields the general rule cannot read (lists of codes in a JSON
    field, say) passes its own, which falls back on ``display_value``.
    """
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    m2m_names = {f.name for f in records[0]._history_m2m_fields} if records else set()
    tracked = [f for f in model._meta.get_fields() if getattr(f, "concrete", False)]
    hidden = {"id", "version"}
    # deleted_at is not editable, so diff_against cannot compare it; it is compared below.
    include = {f.name for f in tracked if f.editable and f.name not in hidden and f.name not in m2m_names}
    m2m = _m2m_snapshots(records, m2m_names, model) if records else {}

    deltas = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if len(deltas) == limit:
            break
        if older is None:
            deltas.append((newer, None))
            continue
        delta = newer.diff_against(older, included_fields=include)
        for name in sorted(m2m_names):
            old_rows, new_rows = m2m[name][older.pk], m2m[name][newer.pk]
            if old_rows != new_rows:
                delta.changes.append(ModelChange(name, old_rows, new_rows))
                delta.changed_fields.append(name)
        deltas.append((newer, delta))

    # Resolve foreign-key and many-to-many ids to names with one query per related model.
    wanted: dict[type, set] = {}
    for _record, delta in deltas:
        for change in delta.changes if delta else []:
            model_field = model._meta.get_field(change.field)
            if isinstance(model_field, models.ForeignKey):
                wanted.setdefault(model_field.related_model, set()).update(
                    v for v in (change.old, change.new) if v is not None
                )
            elif isinstance(model_field, models.ManyToManyField):
                key = model_field.m2m_reverse_field_name()
                for rows in (change.old, change.new):
                    wanted.setdefault(model_field.related_model, set()).update(r[key] for r in rows or [])
    related_names = {}
    for related_model, ids in wanted.items():
        manager = related_model._base_manager
        for item in manager.filter(pk__in=ids):
            related_names[(related_model, item.pk)] = str(item)

    entries = []
    for record, delta in deltas:
        kind = record.history_type
        older_deleted_at = getattr(delta.old_record, "deleted_at", None) if delta else None
        if delta and (getattr(record, "deleted_at", None) is None) != (older_deleted_at is None):
            kind = "deleted" if record.deleted_at else "restored"
        changes = []
        for change in delta.changes if delta else []:
            model_field = model._meta.get_field(change.field)
            changes.append(
                FieldChange(
                    label=str(model_field.verbose_name),
                    old=display(model_field, change.old, related_names, row=delta.old_record),
                    new=display(model_field, change.new, related_names, row=record),
                )
            )
        if kind == "~" and not changes:
            continue
        entries.append(HistoryEntry(when=record.history_date, who=record.history_user, kind=kind, changes=changes))
    return entries


# How many changes a record's page shows before linking to the full history.
PREVIEW_LENGTH = 5
FULL_PAGE_LENGTH = 50


@dataclass
class HistoryPreview:
    """The latest changes of a record, how many there are in all, and where the rest are."""

    entries: list
    total: int
    full_url: str

    @property
    def has_more(self) -> bool:
        return self.total > len(self.entries)


def history_preview(entries: list, full_url: str, length: int = PREVIEW_LENGTH) -> HistoryPreview:
    """The first ``length`` of ``entries`` (newest first), for ``core/_history.html``'s ``preview``."""
    entries = list(entries)
    return HistoryPreview(entries=entries[:length], total=len(entries), full_url=full_url)


def render_history_page(request, *, record, entries: list, back_url: str, title: str = ""):
    """The full history of ``record`` (newest first, 50 changes a page) with a link back to it."""
    page = Paginator(list(entries), FULL_PAGE_LENGTH).get_page(request.GET.get("page"))
    return render(
        request,
        "core/history_page.html",
        {"record": record, "title": title or str(record), "page": page, "entries": page.object_list,
         "back_url": back_url},
    )


@dataclass
class RecentChange:
    """One line of a "recent changes" list: what happened to which record, and who did it."""

    record: Any  # the historical record (its fields are the record as it was then)
    kind: str
    fields: list[str] = field(default_factory=list)  # labels of the changed fields ("~" only)

    @property
    def when(self):
        return self.record.history_date

    @property
    def who(self):
        return self.record.history_user

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


def recent_changes(history_queryset, limit: int) -> list[RecentChange]:
    """The latest ``limit`` changes among ``history_queryset`` (one model's historical records),
    each saying what happened: created, changed (which fields), deleted, restored.

    A fixed number of queries: the recent records, their predecessors, one per many-to-many field.
    Saves that changed no tracked field are left out, as in ``history_entries``.
    """
    model = history_queryset.model.instance_type
    candidates = list(history_queryset.select_related("history_user").order_by("-history_date", "-history_id")[: limit * 4])
    if not candidates:
        return []
    # Every record of those objects, to find the one before each candidate.
    everything = list(
        history_queryset.model.objects.filter(id__in={r.id for r in candidates}).order_by(
            "id", "history_date", "history_id"
        )
    )
    previous: dict[Any, Any] = {}
    for older, newer in zip(everything, everything[1:], strict=False):
        if older.id == newer.id:
            previous[newer.history_id] = older
    m2m_names = {f.name for f in candidates[0]._history_m2m_fields}
    include = {
        f.name
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False) and f.editable and f.name not in ("id", "version") and f.name not in m2m_names
    }
    pairs = [(record, previous.get(record.history_id)) for record in candidates]
    compared = [r for pair in pairs for r in pair if r is not None]
    m2m = _m2m_snapshots(compared, m2m_names, model) if m2m_names else {}

    result = []
    for record, older in pairs:
        if older is None or record.history_type in ("+", "-"):
            result.append(RecentChange(record=record, kind="+" if older is None else record.history_type))
        elif (getattr(record, "deleted_at", None) is None) != (getattr(older, "deleted_at", None) is None):
            result.append(RecentChange(record=record, kind="deleted" if record.deleted_at else "restored"))
        else:
            changed = list(record.diff_against(older, included_fields=include).changed_fields)
            changed += [name for name in sorted(m2m_names) if m2m[name][older.pk] != m2m[name][record.pk]]
            if changed:
                labels = [str(model._meta.get_field(name).verbose_name) for name in changed]
                result.append(RecentChange(record=record, kind="~", fields=labels))
        if len(result) == limit:
            break
    return result
