"""``python manage.py send_action_reminders``: enqueue reminders of overdue council action items."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tsunagu.coordination.meetings.tasks import enqueue_reminders


class Command(BaseCommand):
    help = (
        "Enqueue a reminder e-mail for every open council action item past its due date (first the day "
        "after, then weekly). A worker sends them (manage.py db_worker). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        day = timezone.localdate()
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"--today must be a date like 2026-04-01, not {today!r}") from None
        results = enqueue_reminders(today=day)
        self.stdout.write(f"{len(results)} reminder(s) enqueued.")
