from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "tsunagu.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self):
        # Places and organisations are kinds of record the search box finds.
        from tsunagu.search import registry

        from .search import OrganisationSearch, PlaceSearch

        registry.register(PlaceSearch())
        registry.register(OrganisationSearch())
