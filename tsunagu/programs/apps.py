from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "tsunagu.programs"
    label = "programs"
    verbose_name = _("Support programmes")

    def ready(self):
        # Applications: the panel on the project page; deadlines: the home-page widget.
        from tsunagu.core import dashboard
        from tsunagu.portfolio import panels

        from .applications import ApplicationsPanel
        from .deadlines.closing import ClosingSoonWidget

        panels.register(ApplicationsPanel())
        dashboard.register(ClosingSoonWidget())
        # Matcher: "programmes that could fund this" on the project page.
        from .matching.panel import MatchingProgramsPanel

        panels.register(MatchingProgramsPanel())
        # Search: programmes are a kind of record the search box finds, with facets.
        from tsunagu.search import registry

        from .search import ProgramSearch

        registry.register(ProgramSearch())
