"""Remind departments that have not answered or acknowledged, N days before a circular's deadline.

Run daily (cron or a systemd timer), e.g. ``manage.py send_circular_reminders --days-before 7 --days-before 1``:
a circular whose deadline is 7 or 1 days after today reminds its pending departments (each at most once
a day). The e-mails go through the background worker, as the digests do.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from tsunagu.coordination.circulars.actions import send_scheduled_reminders


class Command(BaseCommand):
    help = "E-mail reminders to departments that have not answered a circular, N days before its deadline."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days-before", type=int, action="append", dest="days_before",
            help="Days before the deadline (repeatable; default 3).",
        )
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, days_before=None, today=None, **options):
        days = days_before or [3]
        if any(n < 0 for n in days):
            self.stderr.write("--days-before must be 0 or more.")
            return
        sent = send_scheduled_reminders(today=today or timezone.localdate(), days_before=days)
        for circular, recipients in sent.items():
            self.stdout.write(f"{circular.title}: {len(recipients)}")
        self.stdout.write(f"reminded {sum(len(r) for r in sent.values())} departments of {len(sent)} circulars")
