from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "tsunagu.coordination"
    label = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        # Each sub-capability registers its start-page widgets, dossier sections, project panels
        # and search kinds here (lower apps never import coordination).
        from .meetings.registrations import register as register_meetings

        register_meetings()
