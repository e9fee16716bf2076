from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "tsunagu.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        # partners must not import portfolio: the dossier learns about projects here.
        from tsunagu.partners.dossier import register

        from .dossier import ProjectsSection

        register(ProjectsSection())

        from tsunagu.core import dashboard

        from .widgets import DepartmentProjectsWidget

        dashboard.register(DepartmentProjectsWidget())

        from tsunagu.search import registry

        from .search import ProjectSearch

        registry.register(ProjectSearch())
