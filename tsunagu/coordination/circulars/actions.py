"""Every write to circulars, inquiries and answers: checked, atomic, recorded, mail sent on commit."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.core.concurrency import claim_version
from tsunagu.core.fiscal import FiscalYear
from tsunagu.org.models import Department
from tsunagu.org.permissions import can_coordinate, require

from .models import (
    ANSWER_HAS_PROJECTS,
    Answer,
    AnswerRow,
    Circular,
    InquiryColumn,
    Reading,
    Recipient,
    to_json,
)
from .queries import may_act_for, may_write_circulars


def _stamp(instance, user):
    instance._history_user = user


# -- writing and sending ----------------------------------------------------------------------


def save_circular(
    circular: Circular, *, acting_user, m2m: dict, columns: list[InquiryColumn] | None = None,
    delete_columns: list[InquiryColumn] = (), seen_version: int | None = None,
) -> Circular:
    """Create or change a draft circular with its links, targets and (for an inquiry) columns."""
    require(may_write_circulars(acting_user))
    with transaction.atomic():
        if circular.pk:
            stored = Circular.objects.filter(pk=circular.pk).values_list("status", flat=True).first()
            if stored != Circular.Status.DRAFT:
                raise ValidationError(_("A sent circular can no longer be changed."))
            claim_version(circular, seen_version)
        else:
            circular.created_by = acting_user
        circular.full_clean()
        if circular.is_inquiry and circular.deadline is None:
            raise ValidationError({"deadline": _("An inquiry needs an answer deadline.")})
        _stamp(circular, acting_user)
        circular.save()
        for name, values in m2m.items():
            getattr(circular, name).set(values)
        for column in delete_columns:
            if column.circular_id == circular.pk:
                _stamp(column, acting_user)
                column.delete()
        for position, column in enumerate(columns or []):
            column.circular = circular
            column.position = position
            column.full_clean()
            _stamp(column, acting_user)
            column.save()
    return circular


def target_departments(circular: Circular) -> list[Department]:
    """The departments a circular goes to, by how it is targeted."""
    if circular.targeting == Circular.Targeting.ALL:
        queryset = Department.objects.filter(parent__isnull=True, is_international_division=False)
    elif circular.targeting == Circular.Targeting.FIELDS:
        from tsunagu.programs.models import Subscription

        field_ids = list(circular.fields.values_list("pk", flat=True))
        subscriptions = Subscription.objects.filter(department__isnull=False).order_by()
        # A subscription without fields follows every field.
        ids = set(subscriptions.filter(fields__in=field_ids).values_list("department_id", flat=True))
        ids |= set(subscriptions.filter(fields__isnull=True).values_list("department_id", flat=True))
        queryset = Department.objects.filter(pk__in=ids)
    else:
        queryset = circular.departments.all()
    return list(queryset.order_by("sort_order", "code"))


def send_circular(circular: Circular, *, acting_user, seen_version: int | None = None) -> list[Recipient]:
    """Send a draft: one recipient row per targeted department, an e-mail to each after commit."""
    require(may_write_circulars(acting_user))
    with transaction.atomic():
        locked = Circular.objects.select_for_update().get(pk=circular.pk)
        if locked.status != Circular.Status.DRAFT:
            raise ValidationError(_("This circular has already been sent."))
        departments = target_departments(circular)
        if not departments:
            raise ValidationError(_("No department would receive this circular: pick departments or fields."))
        if circular.is_inquiry:
            if circular.deadline is None:
                raise ValidationError(_("An inquiry needs an answer deadline."))
            if not circular.columns.exists():
                raise ValidationError(_("An inquiry needs at least one question or column."))
        claim_version(circular, seen_version)
        circular.status = Circular.Status.SENT
        circular.sent_at = timezone.now()
        circular.sent_by = acting_user
        _stamp(circular, acting_user)
        circular.save()
        recipients = []
        for department in departments:
            recipient = Recipient(circular=circular, department=department)
            _stamp(recipient, acting_user)
            recipient.save()
            recipients.append(recipient)
        ids = [r.pk for r in recipients]
        transaction.on_commit(lambda: _enqueue_mail(ids, "sent"))
    return recipients


def _enqueue_mail(recipient_ids: list[int], reason: str) -> None:
    from .tasks import send_circular_mail_task

    for pk in recipient_ids:
        send_circular_mail_task.enqueue(pk, reason)


def delete_circular(circular: Circular, *, acting_user) -> None:
    require(may_write_circulars(acting_user))
    with transaction.atomic():
        claim_version(circular, circular.version)
        circular.mark_deleted()
        _stamp(circular, acting_user)
        circular.save(update_fields=["deleted_at", "version"])


def restore_circular(circular: Circular, *, acting_user) -> None:
    require(can_coordinate(acting_user))
    with transaction.atomic():
        claim_version(circular, circular.version)
        circular.mark_restored()
        _stamp(circular, acting_user)
        circular.save(update_fields=["deleted_at", "version"])


# -- reading, acknowledging, reminding -----------------------------------------------------------


def mark_read(circular: Circular, user) -> bool:
    """Record the user's first view of a sent circular; True if this was it."""
    if not circular.is_sent or not getattr(user, "is_authenticated", False):
        return False
    try:
        with transaction.atomic():
            _, created = Reading.objects.get_or_create(circular=circular, user=user)
    except IntegrityError:  # two tabs at once: the other one recorded it
        return False
    return created


def acknowledge(recipient: Recipient, *, acting_user) -> Recipient:
    """An editor of the department (or a coordinator) confirms the department has taken note."""
    require(may_act_for(acting_user, recipient.department_id))
    with transaction.atomic():
        recipient = Recipient.objects.select_for_update().get(pk=recipient.pk)
        if recipient.acknowledged_at is None:
            recipient.acknowledged_at = timezone.now()
            recipient.acknowledged_by = acting_user
            _stamp(recipient, acting_user)
            recipient.save()
    return recipient


def pending_recipients(circular: Circular) -> list[Recipient]:
    return [r for r in circular.recipients.select_related("circular", "department") if r.is_pending()]


def remind(circular: Circular, *, acting_user, now: datetime.datetime | None = None) -> list[Recipient]:
    """E-mail a reminder to every department that has not acknowledged (circular) or answered (inquiry)."""
    require(may_write_circulars(acting_user))
    if not circular.is_sent:
        raise ValidationError(_("A draft has no recipients to remind."))
    pending = pending_recipients(circular)
    _mark_reminded(pending, acting_user, now or timezone.now())
    return pending


def _mark_reminded(pending: list[Recipient], acting_user, now: datetime.datetime) -> None:
    """Stamp ``pending`` as reminded at ``now`` and e-mail each of them once the transaction commits."""
    with transaction.atomic():
        for recipient in pending:
            recipient.last_reminded_at = now
            _stamp(recipient, acting_user)
            recipient.save(update_fields=["last_reminded_at"])
        ids = [r.pk for r in pending]
        transaction.on_commit(lambda: _enqueue_mail(ids, "reminder"))


def reminder_day(deadline: datetime.date, days_before: int) -> datetime.date:
    return deadline - datetime.timedelta(days=days_before)


def circulars_due_for_reminder(today: datetime.date, days_before: list[int]) -> list[Circular]:
    """Sent circulars with a deadline exactly ``n`` days after ``today`` for some ``n`` of ``days_before``."""
    deadlines = [today + datetime.timedelta(days=n) for n in days_before]
    return list(Circular.objects.filter(status=Circular.Status.SENT, deadline__in=deadlines).order_by("deadline", "pk"))


def send_scheduled_reminders(*, today: datetime.date, days_before: list[int]) -> dict[Circular, list[Recipient]]:
    """Remind the pending departments of every circular whose deadline is ``days_before`` away.

    ``today`` picks the deadlines; a department already reminded on the real current day (by the button
    or an earlier run) is not reminded again, so the command may safely run twice.
    """
    sent = {}
    now_day = timezone.localdate()
    for circular in circulars_due_for_reminder(today, days_before):
        pending = [
            r for r in pending_recipients(circular)
            if r.last_reminded_at is None or timezone.localdate(r.last_reminded_at) != now_day
        ]
        if not pending:
            continue
        _mark_reminded(pending, None, timezone.now())
        sent[circular] = pending
    return sent


# -- answers ------------------------------------------------------------------------------------


def save_answer(
    recipient: Recipient, rows: list[dict], *, acting_user, seen_version: int | None = None, via_excel: bool = False,
) -> Answer:
    """Replace the department's answer with ``rows`` (each ``{column: cleaned value}``) and mark it answered."""
    require(may_act_for(acting_user, recipient.department_id))
    circular = recipient.circular
    if not circular.is_inquiry or not circular.is_sent:
        raise ValidationError(_("Only a sent inquiry can be answered."))
    columns = list(circular.columns.all())
    with transaction.atomic():
        answer, created = Answer.objects.select_for_update().get_or_create(
            circular=circular, department=recipient.department
        )
        if not created:
            claim_version(answer, seen_version)
        if answer.has_projects():
            raise ValidationError(str(ANSWER_HAS_PROJECTS))
        for old in answer.rows.all():
            _stamp(old, acting_user)
            old.delete()
        for position, row in enumerate(rows):
            stored = {column.key: to_json(column, row.get(column.pk)) for column in columns}
            new = AnswerRow(answer=answer, position=position,
                            values={k: v for k, v in stored.items() if v is not None})
            _stamp(new, acting_user)
            new.save()
        answer.submitted_at = timezone.now()
        answer.submitted_by = acting_user
        answer.via_excel = via_excel
        _stamp(answer, acting_user)
        answer.save()
        recipient.answered_at = answer.submitted_at
        _stamp(recipient, acting_user)
        recipient.save(update_fields=["answered_at"])
    return answer


def make_draft_projects(circular: Circular, row_ids: list[int], *, acting_user) -> list:
    """Turn chosen answer rows into draft projects led by the answering department (coordinator only)."""
    from tsunagu.portfolio.actions import ProjectChanges, create_project
    from tsunagu.portfolio.models import BudgetLine, Project

    require(may_write_circulars(acting_user))
    columns = {c.project_field: c for c in circular.columns.all() if c.project_field}
    rows = list(
        AnswerRow.objects.select_related("answer__department")
        .filter(answer__circular=circular, pk__in=row_ids, project__isnull=True)
    )
    if not rows:
        raise ValidationError(_("Choose at least one row that is not a project yet."))
    created = []
    with transaction.atomic():
        for row in rows:
            def value(name, row=row):
                column = columns.get(name)
                return row.typed(column) if column else None

            title = value("title") or _("%(circular)s: row %(row)d of %(department)s") % {
                "circular": circular.title, "row": row.position + 1, "department": row.answer.department.name
            }
            start = value("start_date") or FiscalYear(FiscalYear.current().year + 1).start
            end = value("end_date")
            if end and end < start:
                end = None
            project = Project(
                title_ja=str(title)[:200],
                summary=value("summary") or "",
                lead_department=row.answer.department,
                status=Project.Status.DRAFT,
                start_date=start,
                end_date=end,
            )
            budget = value("budget")
            changes = ProjectChanges()
            if budget:
                changes.save.append(BudgetLine(
                    fiscal_year=FiscalYear.of(start).year, source=BudgetLine.Source.CITY, amount_jpy=int(budget),
                    source_name=_("From the inquiry “%(title)s”") % {"title": circular.title},
                ))
            create_project(acting_user=acting_user, project=project, changes=changes)
            row.project = project
            _stamp(row, acting_user)
            row.save(update_fields=["project"])
            created.append(project)
    return created
