"""``python manage.py send_digests``: enqueue this week's digest e-mails (see programs/deadlines/tasks.py)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from tsunagu.programs.deadlines.tasks import enqueue_digests


class Command(BaseCommand):
    help = (
        "Enqueue the weekly digest e-mail of every subscription that has it turned on. "
        "A worker sends them (manage.py db_worker with the database task backend; at once with "
        "the immediate backend). Run it once a week, e.g. from cron on Monday morning."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD), e.g. to preview.")
        parser.add_argument(
            "--force", action="store_true", help="Send even to subscriptions that had a digest in the last 6 days."
        )

    def handle(self, *args, today=None, force=False, **options):
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"--today must be a date like 2026-04-01, not {today!r}") from None
        results = enqueue_digests(today=day, force=force)
        outcomes: dict[str, int] = {}
        for result in results:
            key = str(result.return_value) if result.is_finished and result.status == "SUCCESSFUL" else str(
                result.status
            ).lower()
            outcomes[key] = outcomes.get(key, 0) + 1
        summary = ", ".join(f"{key}: {count}" for key, count in sorted(outcomes.items())) or "none"
        self.stdout.write(f"{len(results)} digest(s) enqueued ({summary}).")
