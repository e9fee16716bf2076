from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data (the Kitakyushu story) and the synthetic-city generator.

    The top layer: it may import every domain app, none imports it.
    """

    name = "tsunagu.demo"
    label = "demo"
    verbose_name = _("Demo data")
