from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search knows no kind of record itself: the apps that own records register them
    (``registry.register`` in their ``AppConfig.ready()``), which also connects the signals
    that keep the index fresh."""

    name = "tsunagu.search"
    label = "search"
    verbose_name = _("Search")
