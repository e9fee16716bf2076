"""``python manage.py load_demo``: the Kitakyushu demo (see tsunagu/demo/loader.py)."""

import time

from django.core.management.base import BaseCommand

from tsunagu.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the Kitakyushu demo: departments, demo users (password tsunagu-demo), places, "
        "organisations, agreements, the East Asian network and the projects of the CLAIR article. "
        "Safe to run again: only missing records are created (matched by code, username or name), "
        "existing and deleted ones are left as they are; all in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-logins",
            action="store_true",
            help="Also give the existing demo users back their documented password, role and departments.",
        )

    def handle(self, *args, reset_logins=False, **options):
        started = time.perf_counter()
        report = load_demo(reset_logins=reset_logins)
        seconds = time.perf_counter() - started
        if report.created_anything:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {seconds:.1f} s: {report.summary()}."))
        else:
            self.stdout.write(f"Demo data already loaded; nothing to do ({seconds:.2f} s).")
        if reset_logins:
            self.stdout.write("Demo logins reset to their documented password, role and departments.")
