from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")

    def ready(self):
        # Keeps the index in step with saves and deletes (see search/signals.py).
        from search import signals  # noqa: F401
