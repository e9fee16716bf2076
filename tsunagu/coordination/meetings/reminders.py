"""Reminder e-mails for overdue action items.

The rule (what the tests pin down): an open action item is chased on the first day after its due
date, then every ``REMINDER_INTERVAL_DAYS`` days while it stays open (due 1 June: reminded on 2 June,
9 June, 16 June …). An item done, deleted, without a due date, or of a deleted meeting is never
chased; running twice on the same day sends nothing the second time (``reminded_on``).

Recipients: the assigned person; else the active members of the assigned department who have an
address. The mail is in Japanese.
"""

from __future__ import annotations

import datetime

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tsunagu.org.models import User

from . import actions
from .models import ActionItem

REMINDER_INTERVAL_DAYS = 7


def is_due_for_reminder(item: ActionItem, today: datetime.date) -> bool:
    if item.status != ActionItem.Status.OPEN or item.due_on is None or item.is_deleted:
        return False
    if item.due_on >= today:
        return False
    if item.reminded_on is None:
        return True
    return (today - item.reminded_on).days >= REMINDER_INTERVAL_DAYS


def candidates(today: datetime.date):
    """Open overdue items of live meetings (those not reminded in the last week are chased)."""
    cutoff = today - datetime.timedelta(days=REMINDER_INTERVAL_DAYS)
    return (
        ActionItem.objects.filter(
            status=ActionItem.Status.OPEN, due_on__lt=today, meeting__deleted_at__isnull=True,
        )
        .exclude(reminded_on__gt=cutoff)
        .order_by("pk")
    )


def recipients(item: ActionItem) -> list[str]:
    if item.assignee_user_id:
        user = item.assignee_user
        return [user.email] if user.is_active and user.email else []
    members = User.objects.filter(departments=item.assignee_department_id, is_active=True).exclude(email="")
    return sorted(set(members.values_list("email", flat=True)))


def send_reminder(item_id: int, today: datetime.date | None = None) -> str:
    """Chase one item if it is due for a reminder today; returns what happened."""
    today = today or timezone.localdate()
    item = ActionItem.objects.select_related("meeting__council", "assignee_department", "assignee_user").filter(
        pk=item_id
    ).first()
    if item is None or item.meeting.is_deleted or not is_due_for_reminder(item, today):
        return "skipped"
    to = recipients(item)
    if not to:
        return "no recipient"
    from tsunagu.programs.deadlines.digest import site_url

    with translation.override("ja"):
        context = {"item": item, "days": item.days_overdue(today), "url": site_url() + item.get_absolute_url()}
        subject = render_to_string("coordination/meetings/reminder_subject.txt", context).strip()
        body = render_to_string("coordination/meetings/reminder_body.txt", context)
    send_mail(subject, body, None, to)
    actions.record_reminder(item, today)
    return "sent"
