import os
import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Programs that serve requests or run tasks (the WSGI/ASGI servers) and the manage.py commands that do:
# there the matcher's catalogue snapshot is built at start-up. Not in migrate, tests, shells, benchmarks.
SERVERS = {"gunicorn", "uwsgi", "uvicorn", "daphne", "hypercorn", "waitress-serve", "mod_wsgi-express"}
SERVING_COMMANDS = {"runserver", "db_worker"}


def serves_requests(argv: list[str], environ) -> bool:
    """Whether this process serves requests or runs tasks (``TSUNAGU_WARM_MATCHER=1``/``0`` decides first)."""
    forced = environ.get("TSUNAGU_WARM_MATCHER", "")
    if forced in ("0", "1"):
        return forced == "1"
    program = os.path.basename(argv[0]) if argv else ""
    if program in SERVERS:
        return True
    if program in ("manage.py", "django-admin") and len(argv) > 1 and argv[1] in SERVING_COMMANDS:
        # runserver with the autoreloader: only the child process (RUN_MAIN) serves.
        return argv[1] != "runserver" or "--noreload" in argv or environ.get("RUN_MAIN") == "true"
    return False


class ProgramsConfig(AppConfig):
    name = "tsunagu.programs"
    label = "programs"
    verbose_name = _("Support programmes")

    def ready(self):
        # Applications: the panel on the project page; deadlines: the home-page widget.
        from tsunagu.core import dashboard
        from tsunagu.portfolio import panels

        from .applications.actions import ApplicationsPanel
        from .deadlines.closing import ClosingSoonWidget

        panels.register(ApplicationsPanel())
        dashboard.register(ClosingSoonWidget())
        # Matcher: "programmes that could fund this" on the project page.
        from .matching.panel import MatchingProgramsPanel

        panels.register(MatchingProgramsPanel())
        # Search: programmes are a kind of record the search box finds, with facets.
        from tsunagu.search import registry

        from .catalogue.search import ProgramSearch

        registry.register(ProgramSearch())
        # The matcher's catalogue snapshot, built in the background so that no user waits for it.
        if serves_requests(sys.argv, os.environ):
            from .matching import catalogue

            catalogue.warm_up()
