"""Signals that keep the index in step with the records, connected per registered kind.

For a kind (``registry.SearchKind``):

- a record of its model saved (soft delete and restore are saves) or deleted:
  its entry is rewritten or removed;
- a change to one of its ``many_to_many`` fields, from either side: reindexed;
- a record of a ``refresh`` model saved (or deleted, when asked): the records
  it returns are reindexed (a window's programme, the projects a renamed
  organisation takes part in…).

Bulk inserts and queryset updates send no signals: run
``manage.py rebuild_search_index`` after them (the demo loader and the
generator insert in bulk).
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from .index import index_records, remove_records

DISPATCH = "tsunagu.search"


def _saved(kind_name):
    def handler(sender, instance, raw=False, **kwargs):
        if not raw:
            index_records(kind_name, [instance.pk])

    return handler


def _deleted(kind_name):
    def handler(sender, instance, **kwargs):
        remove_records(kind_name, [instance.pk])

    return handler


def _refresh(kind_name, refresh):
    def handler(sender, instance, raw=False, created=False, **kwargs):
        if raw or (created and not refresh.on_create):
            return
        index_records(kind_name, refresh.records(instance))

    return handler


def _m2m(kind_name, model):
    """Reindex after a many-to-many change, from the record's side or the other one."""

    def handler(sender, instance, action, reverse, pk_set, **kwargs):
        if not reverse:
            if action in ("post_add", "post_remove", "post_clear"):
                index_records(kind_name, [instance.pk])
            return
        # From the other side (field.programs.add(...)): pk_set holds the records.
        if action == "pre_clear":
            setattr(
                instance,
                f"_search_cleared_ids_{kind_name}",
                list(
                    sender.objects.filter(**{_target_column(sender, model, instance): instance.pk}).values_list(
                        _source_column(sender, model), flat=True
                    )
                ),
            )
        elif action in ("post_add", "post_remove"):
            index_records(kind_name, pk_set or [])
        elif action == "post_clear":
            index_records(kind_name, getattr(instance, f"_search_cleared_ids_{kind_name}", []))

    return handler


def _source_column(through, model) -> str:
    for f in through._meta.fields:
        if f.is_relation and f.related_model is model:
            return f.attname
    raise LookupError(f"{through} has no key to {model}")


def _target_column(through, model, instance) -> str:
    for f in through._meta.fields:
        if f.is_relation and f.related_model is type(instance) and f.related_model is not model:
            return f.attname
    raise LookupError(f"{through} has no key to {type(instance)}")


def _connections(kind):
    """(signal, handler, sender, dispatch_uid) of everything that keeps ``kind`` fresh."""
    prefix = f"{DISPATCH}.{kind.name}"
    model = kind.model
    yield post_save, _saved(kind.name), model, f"{prefix}.saved"
    yield post_delete, _deleted(kind.name), model, f"{prefix}.deleted"
    for name in kind.many_to_many:
        through = getattr(model, name).through
        yield m2m_changed, _m2m(kind.name, model), through, f"{prefix}.m2m.{name}"
    for number, refresh in enumerate(kind.refresh):
        handler = _refresh(kind.name, refresh)
        uid = f"{prefix}.refresh.{number}.{refresh.model._meta.label}"
        yield post_save, handler, refresh.model, f"{uid}.saved"
        if refresh.on_delete:
            yield post_delete, handler, refresh.model, f"{uid}.deleted"


def connect(kind) -> None:
    for signal, handler, sender, uid in _connections(kind):
        signal.connect(handler, sender=sender, dispatch_uid=uid, weak=False)


def disconnect(kind) -> None:
    for signal, _handler, sender, uid in _connections(kind):
        signal.disconnect(sender=sender, dispatch_uid=uid)
