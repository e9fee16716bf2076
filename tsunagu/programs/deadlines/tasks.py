"""Background sending of the weekly digests (django-tasks).

``send_digests`` (the management command) calls ``enqueue_digests``, which
enqueues one ``send_digest_task`` per subscription that wants a digest. A
worker runs them: with the database backend (``django_tasks_db``), the
``manage.py db_worker`` process; with the immediate backend (the default
when ``TASKS`` is not configured, and in the tests) at once, in the caller.
Arguments are JSON values, as the database backend requires.
"""

from __future__ import annotations

import datetime

from django_tasks import TaskResult, task

from ..models import Subscription
from . import digest


@task()
def send_digest_task(subscription_id: int, today: str | None = None, force: bool = False) -> str:
    day = datetime.date.fromisoformat(today) if today else None
    return digest.send_digest(subscription_id, today=day, force=force)


def enqueue_digests(*, today: datetime.date | None = None, force: bool = False) -> list[TaskResult]:
    """Enqueue the digest of every subscription with the digest turned on."""
    ids = Subscription.objects.filter(digest_enabled=True).order_by("pk").values_list("pk", flat=True)
    day = today.isoformat() if today else None
    return [send_digest_task.enqueue(subscription_id, day, force) for subscription_id in ids]
