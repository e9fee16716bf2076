"""``python manage.py demo_logins``: print the demo logins in Japanese and English."""

from django.core.management.base import BaseCommand

from tsunagu.demo.logins import render_logins


class Command(BaseCommand):
    help = "Print the demo logins (username, password, role, department) in Japanese and English."

    requires_system_checks = []

    def handle(self, *args, **options):
        self.stdout.write(render_logins())
