"""``python manage.py load_programs``: seed and update the catalogue from tsunagu/programs/data/programs.yaml."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tsunagu.org.models import User
from tsunagu.programs.transfer.importer import ImportRefused
from tsunagu.programs.transfer.seed import REFERENCE_PATH, load_programs
from tsunagu.programs.transfer.seed_update import KEPT, SeedReport

# A value longer than this is shortened in the preview.
SHOWN_CHARS = 70


def shown(value) -> str:
    if value in (None, "", []):
        return "—"
    text = str(value).replace("\n", " ")
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


class Command(BaseCommand):
    help = (
        "Load the support programmes of the research reference file into the catalogue: create the missing "
        "ones and update those whose entry changed, keeping values that a coordinator edited in tsunagu "
        "(--force takes the file's values). Deleted programmes stay deleted. All in one transaction; "
        "--dry-run shows what would change and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=REFERENCE_PATH,
                            help="Reference file (default: the copy in the repository).")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument("--force", action="store_true",
                            help="Also overwrite values that were edited in tsunagu since they were seeded.")
        parser.add_argument("--user", help="Username recorded in the history as the author (default: none).")

    def handle(self, *args, file: Path, dry_run: bool, force: bool, user: str | None, **options):
        acting_user = None
        if user:
            acting_user = User.objects.filter(username=user).first()
            if acting_user is None:
                raise CommandError(f"No user “{user}”.")
        try:
            report = load_programs(file, acting_user=acting_user, force=force, dry_run=dry_run)
        except ImportRefused as error:
            raise CommandError("\n".join(str(issue) for issue in error.issues)) from None
        except FileNotFoundError:
            raise CommandError(f"No such file: {file}") from None
        self._print_preview(report)
        prefix = "Dry run, nothing written" if dry_run else "Catalogue"
        self.stdout.write(self.style.SUCCESS(f"{prefix}: {report.summary()}."))

    def _print_preview(self, report: SeedReport):
        for update in report.updates:
            if not update.changes:
                self.stdout.write(f"+ {update.code}  {update.name}: new")
                continue
            self.stdout.write(f"~ {update.code}  {update.name}:")
            for change in update.changes:
                line = f"    {change.key}: {shown(change.current)} → {shown(change.new)}"
                if change.outcome == KEPT:
                    why = "edited in tsunagu" if change.why == "edited" else "not known to be seeded"
                    line += f"  [kept: {why}; --force takes the file's value]"
                self.stdout.write(line)
