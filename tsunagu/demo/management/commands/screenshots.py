"""``python manage.py screenshots`` (``make screenshots``): PNGs of the main pages for docs/screenshots/.

See ``tsunagu/demo/screenshots.py``: a throw-away demo database served on
127.0.0.1, the demo users signed in through the login form, each page captured
at 390 px and 1366 px in Debian's Chromium. The configured database is not touched.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tsunagu.demo import screenshots


class Command(BaseCommand):
    help = (
        "Regenerate docs/screenshots/: the start page, project list, project form, the Hai Phong dossier, "
        "a programme page, the matcher with a project's plan and the subscription page, at 390 and 1366 px, "
        "on a throw-away demo database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "docs" / "screenshots"),
                            help="Folder for the PNGs (default: docs/screenshots).")
        parser.add_argument("--port", type=int, default=None,
                            help="Port of the throw-away server on 127.0.0.1 (default: any free one).")
        parser.add_argument("--only", nargs="*", default=None, help="Names of the pages to capture (default: all).")

    def handle(self, *args, out, only, port, **options):
        if not Path(screenshots.CHROMIUM).exists():
            raise CommandError(f"Chromium not found at {screenshots.CHROMIUM}: apt-get install chromium")
        shots = [shot for shot in screenshots.SHOTS if not only or shot.name in only]
        if not shots:
            raise CommandError(f"No such page; choose from: {', '.join(s.name for s in screenshots.SHOTS)}")
        with screenshots.demo_server(self.stdout.write, port) as (base_url, ids):
            saved = screenshots.capture(base_url, ids, Path(out), self.stdout.write, shots=shots)
        self.stdout.write(self.style.SUCCESS(f"{len(saved)} screenshots in {out}"))
