"""Every write to councils and meetings: checked, atomic, attributed, recorded in the history.

- ``save_record`` creates or updates any record of this sub-capability (coordinators only),
  refusing to overwrite a change made since the editor opened the form (optimistic locking);
- ``delete_record`` / ``restore_record`` hide and bring back a record (soft delete);
- ``mark_action`` marks an action item done (or open again): the assignee's editors may;
- ``carry_over`` copies the unreached agenda items of a meeting to the next one, linked to the originals;
- ``extend_series`` creates the next N meetings of a recurring series;
- ``attach_document`` stores an uploaded file on an agenda item (the form checked size and type).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.core.concurrency import ConcurrentEditError, claim_version
from tsunagu.org.permissions import require

from .models import ActionItem, AgendaDocument, AgendaItem, Meeting, MeetingSeries
from .queries import may_manage, may_mark_action, next_meeting


def _save(instance, acting_user, update_fields=None) -> None:
    instance._history_user = acting_user
    instance.save(update_fields=update_fields)


def save_record(instance, *, acting_user, seen_version: int | None = None, m2m: dict | None = None):
    """Create (no pk yet) or update a record; coordinators only. ``m2m``: field name → the new set."""
    require(may_manage(acting_user))
    with transaction.atomic():
        if instance.pk:
            if not type(instance).objects.filter(pk=instance.pk).exists():
                raise ConcurrentEditError()  # deleted meanwhile
            claim_version(instance, seen_version)
        instance.full_clean()
        _save(instance, acting_user)
        for name, values in (m2m or {}).items():
            getattr(instance, name).set(values)
    return instance


def delete_record(instance, *, acting_user) -> None:
    require(may_manage(acting_user))
    with transaction.atomic():
        claim_version(instance, instance.version)
        instance.mark_deleted()
        _save(instance, acting_user, update_fields=["deleted_at", "version"])


def restore_record(instance, *, acting_user) -> None:
    """Bring a record back, unless an equal live one was added meanwhile (e.g. the member's attendance)."""
    require(may_manage(acting_user))
    with transaction.atomic():
        claim_version(instance, instance.version)
        instance.mark_restored()
        try:
            instance.validate_constraints()
        except ValidationError:
            raise ValidationError(
                _("This record cannot be restored: an equal one was added after it was deleted. Delete that one first.")
            ) from None
        _save(instance, acting_user, update_fields=["deleted_at", "version"])


def mark_action(item: ActionItem, *, acting_user, done: bool, note: str = "", seen_version: int | None = None) -> None:
    """Mark an action item done (with what was done) or open again."""
    require(may_mark_action(acting_user, item))
    with transaction.atomic():
        claim_version(item, seen_version)
        if done:
            item.status = ActionItem.Status.DONE
            item.done_at = timezone.now()
            if note:
                item.done_note = note
        else:
            item.status = ActionItem.Status.OPEN
            item.done_at = None
        _save(item, acting_user, update_fields=["status", "done_at", "done_note", "version"])


UNREACHED = (AgendaItem.Status.PLANNED, AgendaItem.Status.NOT_REACHED)


def carry_over(meeting: Meeting, *, acting_user, target: Meeting | None = None) -> list[AgendaItem]:
    """Put the agenda items the meeting did not reach on the next meeting's agenda.

    Each copy links back to its original (``carried_from``), which is marked carried over;
    the copies follow the next meeting's own items in their original order. An item
    already carried over is not carried again.
    """
    require(may_manage(acting_user))
    target = target or next_meeting(meeting)
    if target is None:
        raise ValidationError(_("There is no next meeting of this council to carry the items over to: create it first."))
    with transaction.atomic():
        originals = list(
            AgendaItem.objects.select_for_update().filter(meeting=meeting, status__in=UNREACHED).order_by("order", "pk")
        )
        start = max(target.agenda_items.values_list("order", flat=True), default=0)
        copies = []
        for offset, item in enumerate(originals, start=1):
            copy = AgendaItem(
                meeting=target, order=start + offset, title=item.title, presenter=item.presenter,
                presenter_department=item.presenter_department, kind=item.kind, project=item.project,
                program=item.program, place=item.place, carried_from=item,
            )
            copy.full_clean()
            _save(copy, acting_user)
            copies.append(copy)
            item.status = AgendaItem.Status.CARRIED_OVER
            item.version += 1
            _save(item, acting_user, update_fields=["status", "version"])
    return copies


MAX_SERIES_STEP = 24


def extend_series(series: MeetingSeries, count: int, *, acting_user) -> list[Meeting]:
    """Create the next ``count`` meetings of the series after its latest one (or from its first date)."""
    require(may_manage(acting_user))
    if not 1 <= count <= MAX_SERIES_STEP:
        raise ValidationError(_("Create between 1 and %(max)d meetings at a time.") % {"max": MAX_SERIES_STEP})
    with transaction.atomic():
        series = MeetingSeries.objects.select_for_update().get(pk=series.pk)
        existing = Meeting.all_objects.filter(series=series).count()
        created = []
        for index in range(existing, existing + count):
            starts_at = series.occurrence(index)
            meeting = Meeting(
                council=series.council, group=series.group, series=series,
                title=_("%(title)s (No. %(number)d)") % {"title": series.title, "number": index + 1},
                starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=series.duration_minutes),
                place=series.place, online_url=series.online_url,
            )
            meeting.full_clean()
            _save(meeting, acting_user)
            created.append(meeting)
    return created


def attach_document(item: AgendaItem, *, acting_user, title: str, upload) -> AgendaDocument:
    require(may_manage(acting_user))
    with transaction.atomic():
        document = AgendaDocument(
            agenda_item=item, title=title or upload.name, file=upload, content_type=upload.content_type or "",
            size=upload.size, original_name=upload.name[:255],
        )
        _save(document, acting_user)
    return document


def record_reminder(item: ActionItem, day: datetime.date) -> None:
    """Remember the day an overdue item was chased (no version bump: not an edit of its content)."""
    ActionItem.objects.filter(pk=item.pk).update(reminded_on=day)
    item.reminded_on = day
