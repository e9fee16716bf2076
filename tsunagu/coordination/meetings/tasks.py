"""Background sending of the overdue reminders (django-tasks, as the programme digests).

``manage.py send_action_reminders`` calls ``enqueue_reminders``, which enqueues one
``send_reminder_task`` per overdue open item; a worker (``db_worker``) sends them, or the
immediate backend at once. Arguments are JSON values.
"""

from __future__ import annotations

import datetime

from django_tasks import TaskResult, task

from . import reminders


@task()
def send_reminder_task(item_id: int, today: str | None = None) -> str:
    day = datetime.date.fromisoformat(today) if today else None
    return reminders.send_reminder(item_id, today=day)


def enqueue_reminders(*, today: datetime.date) -> list[TaskResult]:
    ids = [item.pk for item in reminders.candidates(today) if reminders.is_due_for_reminder(item, today)]
    return [send_reminder_task.enqueue(item_id, today.isoformat()) for item_id in ids]
