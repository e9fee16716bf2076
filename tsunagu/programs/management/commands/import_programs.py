"""``python manage.py import_programs file.yaml|file.xlsx``: check, show the changes, write all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.org.models import User
from tsunagu.programs.transfer.importer import (
    CHANGED,
    NEW,
    UNCHANGED,
    ImportRefused,
    apply_plan,
    plan_from_file,
)


class Command(BaseCommand):
    help = (
        "Import a catalogue file (YAML or Excel, docs/catalogue-format.md). Every value is checked first; "
        "errors are listed with their sheet/row/column or programme code and key, and nothing is written. "
        "Without --apply only the changes are shown."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--apply", action="store_true", help="Write the changes (default: only show them).")
        parser.add_argument("--user", help="Username recorded in the history (must be a coordinator).")

    def handle(self, *args, path: Path, apply: bool, user: str | None, **options):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        plan = plan_from_file(data, path.name)
        if not plan.ok:
            raise CommandError("\n".join(str(issue) for issue in plan.issues))
        for change in plan.changes:
            if change.kind != UNCHANGED:
                keys = f" ({', '.join(change.changed_keys)})" if change.changed_keys else ""
                self.stdout.write(f"{change.kind:9} {change.code}{keys}")
        counts = plan.counts
        self.stdout.write(f"{counts[NEW]} new, {counts[CHANGED]} changed, {counts[UNCHANGED]} unchanged.")
        if not apply:
            self.stdout.write("Nothing written (use --apply to write).")
            return
        acting_user = None
        if user:
            acting_user = User.objects.filter(username=user).first()
            if acting_user is None:
                raise CommandError(f"No user “{user}”.")
        try:
            done = apply_plan(plan, acting_user=acting_user, check_permission=acting_user is not None)
        except (ImportRefused, ConcurrentEditError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Imported: {done[NEW]} created, {done[CHANGED]} changed."))
