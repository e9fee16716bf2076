from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "tsunagu.coordination"
    label = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        # Each sub-capability registers its start-page widgets, dossier sections, project panels
        # and search kinds here (lower apps never import coordination).
        from .policy.registrations import register as register_policy

        register_policy()
        from .circulars.registrations import register as register_circulars

        register_circulars()
        from .overlaps.registrations import register as register_overlaps

        register_overlaps()
        from .meetings.registrations import register as register_meetings

        register_meetings()
