"""Signals that keep the index in step with the records (connected in ``SearchConfig.ready``).

- a programme, project, place or organisation saved (soft delete and restore
  are saves) or deleted: its entry is rewritten or removed;
- its many-to-many links changed (fields, activity types, countries,
  departments, SDGs), from either side: reindexed;
- a window added, changed or removed: its programme (window-status facet);
- a project partner added or removed: its project;
- an organisation, place or department renamed: the records that show its
  name (a provider's programmes, the projects it takes part in or leads).

Bulk inserts and queryset updates send no signals: run
``manage.py rebuild_search_index`` after them (the demo loader and the
generator insert in bulk).
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from tsunagu.org.models import Department
from tsunagu.partners.models import Organisation, Place
from tsunagu.portfolio.models import Project, ProjectPartner
from tsunagu.programs.models import ApplicationWindow, Program

from .index import index_records, remove_records
from .models import Kind

DISPATCH = "tsunagu.search"


def _program_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_records(Kind.PROGRAM, [instance.pk])


def _project_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_records(Kind.PROJECT, [instance.pk])


def _place_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index_records(Kind.PLACE, [instance.pk])
    index_records(Kind.PROJECT, ProjectPartner.objects.filter(place=instance).values_list("project_id", flat=True))


def _organisation_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index_records(Kind.ORGANISATION, [instance.pk])
    index_records(Kind.PROGRAM, Program.objects.filter(provider=instance).values_list("pk", flat=True))
    index_records(
        Kind.PROJECT, ProjectPartner.objects.filter(organisation=instance).values_list("project_id", flat=True)
    )


def _department_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return
    led = Project.objects.filter(lead_department=instance).values_list("pk", flat=True)
    co = Project.co_departments.through.objects.filter(department=instance).values_list("project_id", flat=True)
    index_records(Kind.PROJECT, [*led, *co])


def _window_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        index_records(Kind.PROGRAM, [instance.program_id])


def _partner_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        index_records(Kind.PROJECT, [instance.project_id])


def _deleted(kind):
    def handler(sender, instance, **kwargs):
        remove_records(kind, [instance.pk])

    return handler


def _m2m(kind, model):
    """Reindex after a many-to-many change, from the record's side or the other one."""

    def handler(sender, instance, action, reverse, pk_set, **kwargs):
        if not reverse:
            if action in ("post_add", "post_remove", "post_clear"):
                index_records(kind, [instance.pk])
            return
        # From the other side (field.programs.add(...)): pk_set holds the records.
        if action == "pre_clear":
            instance._search_cleared_ids = list(
                sender.objects.filter(**{_target_column(sender, model, instance): instance.pk}).values_list(
                    _source_column(sender, model), flat=True
                )
            )
        elif action in ("post_add", "post_remove"):
            index_records(kind, pk_set or [])
        elif action == "post_clear":
            index_records(kind, getattr(instance, "_search_cleared_ids", []))

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


SAVED = (
    (Program, _program_saved),
    (Project, _project_saved),
    (Place, _place_saved),
    (Organisation, _organisation_saved),
    (Department, _department_saved),
    (ApplicationWindow, _window_changed),
    (ProjectPartner, _partner_changed),
)
DELETED = ((Program, Kind.PROGRAM), (Project, Kind.PROJECT), (Place, Kind.PLACE), (Organisation, Kind.ORGANISATION))
M2M = (
    (Program, Kind.PROGRAM, ("fields", "activity_types", "countries")),
    (Project, Kind.PROJECT, ("co_departments", "fields", "activity_types", "sdg_goals")),
)


def connect() -> None:
    for model, handler in SAVED:
        post_save.connect(handler, sender=model, dispatch_uid=f"{DISPATCH}.saved.{model.__name__}")
    for model, kind in DELETED:
        post_delete.connect(_deleted(kind), sender=model, dispatch_uid=f"{DISPATCH}.deleted.{model.__name__}",
                            weak=False)
    for model in (ApplicationWindow, ProjectPartner):
        post_delete.connect(dict(SAVED)[model], sender=model, dispatch_uid=f"{DISPATCH}.deleted.{model.__name__}")
    for model, kind, names in M2M:
        for name in names:
            through = getattr(model, name).through
            m2m_changed.connect(
                _m2m(kind, model), sender=through, dispatch_uid=f"{DISPATCH}.m2m.{model.__name__}.{name}", weak=False
            )
