"""``python manage.py load_programs``: seed the catalogue from tsunagu/programs/data/programs.yaml."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tsunagu.org.models import User
from tsunagu.programs.seed import REFERENCE_PATH, load_programs
from tsunagu.programs.transfer.importer import ImportRefused


class Command(BaseCommand):
    help = (
        "Load the support programmes of the research reference file into the catalogue. "
        "Creates the missing programmes (matched by code); existing and deleted ones are left as they are "
        "unless --update is given. All in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=REFERENCE_PATH, help="Reference file (default: the copy in the repository).")
        parser.add_argument("--update", action="store_true", help="Also overwrite existing programmes with the file's values.")
        parser.add_argument("--user", help="Username recorded in the history as the author (default: none).")

    def handle(self, *args, file: Path, update: bool, user: str | None, **options):
        acting_user = None
        if user:
            acting_user = User.objects.filter(username=user).first()
            if acting_user is None:
                raise CommandError(f"No user “{user}”.")
        try:
            report = load_programs(file, acting_user=acting_user, update=update)
        except ImportRefused as error:
            raise CommandError("\n".join(str(issue) for issue in error.issues)) from None
        except FileNotFoundError:
            raise CommandError(f"No such file: {file}") from None
        self.stdout.write(self.style.SUCCESS(f"Catalogue: {report.summary()}."))
