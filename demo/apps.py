from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Commands that bring up a demo site: the demo fixtures, an admin account, benchmark-scale data."""

    name = "demo"
    verbose_name = _("Demo")
