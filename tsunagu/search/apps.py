from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "tsunagu.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        # Keep the index in step with every save, m2m change and (soft) delete.
        from tsunagu.programs.queries import set_search_function

        from . import signals
        from .queries import filter_programs

        signals.connect()
        # The programme list's text box uses this index instead of its plain scan.
        set_search_function(filter_programs)
