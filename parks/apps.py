from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParksConfig(AppConfig):
    name = "parks"
    verbose_name = _("Parks and enterprises")

    def ready(self):
        from parks import signals  # noqa: F401  (connects the sort keys' receiver)
