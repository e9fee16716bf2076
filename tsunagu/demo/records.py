"""Insert records together with their creation history, in bulk.

django-simple-history writes a history record from ``post_save`` and one more
for every many-to-many change, so a project saved and then given its fields,
activity types and SDGs would start its history with six records. The demo
loader and the generator insert each record, its many-to-many rows and then
exactly one "created" history record holding the final state (many-to-many
included), attributed to a user with a change reason, the way a person
entering the record through the UI would leave it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import models
from django.utils import timezone


def has_history(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def create_with_history(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    user,
    reason: str,
    m2m: dict[str, Iterable[tuple[models.Model, int]]] | None = None,
    batch_size: int | None = None,
) -> list[models.Model]:
    """Insert ``objs`` (and their many-to-many rows) with one creation history record each.

    ``m2m`` maps a many-to-many field name to ``(instance, related_pk)`` pairs.
    Saves send no signals, as with any bulk insert. Returns ``objs`` with pks.
    """
    objs = list(objs)
    if not objs:
        return objs
    for obj in objs:
        # Columns derived on save (reading sort key, search text): bulk_create does not save.
        refresh = getattr(obj, "refresh_text_columns", None)
        if refresh is not None:
            refresh()
    model._base_manager.bulk_create(objs, batch_size=batch_size)
    if any(obj.pk is None for obj in objs):  # pragma: no cover - SQLite < 3.35 or an exotic backend
        raise RuntimeError("The database did not return primary keys from a bulk insert.")

    through_rows: dict[str, list[models.Model]] = {}
    for name, pairs in (m2m or {}).items():
        m2m_field = model._meta.get_field(name)
        through = m2m_field.remote_field.through
        source = m2m_field.m2m_field_name()
        target = m2m_field.m2m_reverse_field_name()
        rows = [through(**{f"{source}_id": obj.pk, f"{target}_id": related}) for obj, related in pairs]
        through_rows[name] = through.objects.bulk_create(rows, batch_size=batch_size)

    if not has_history(model):
        return objs

    history_manager = model.history
    records = history_manager.bulk_history_create(
        objs,
        batch_size=batch_size,
        default_user=user,
        default_change_reason=reason[:100],
        default_date=timezone.now(),
    )
    history_model = history_manager.model
    tracked_m2m = {f.name for f in getattr(history_model, "_history_m2m_fields", [])}
    if tracked_m2m and through_rows:
        record_by_pk = {record.id: record for record in records}
        for name, rows in through_rows.items():
            if name not in tracked_m2m:
                continue
            m2m_history_model = getattr(history_model, name).model
            through = model._meta.get_field(name).remote_field.through
            columns = [f.attname for f in through._meta.fields]
            source = model._meta.get_field(name).m2m_field_name()
            m2m_history_model.objects.bulk_create(
                [
                    m2m_history_model(
                        history_id=record_by_pk[getattr(row, f"{source}_id")].history_id,
                        **{column: getattr(row, column) for column in columns},
                    )
                    for row in rows
                ],
                batch_size=batch_size,
            )
    return objs


def save_revision(obj: models.Model, *, user, reason: str, changes: dict) -> None:
    """Apply ``changes`` and save: simple-history records who changed what, and why."""
    for name, value in changes.items():
        setattr(obj, name, value)
    if hasattr(obj, "version"):
        obj.version += 1
    obj._history_user = user
    obj._change_reason = reason[:100]
    obj.save()
