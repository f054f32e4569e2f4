from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Site")

    def ready(self):
        # Receivers are connected by importing their modules, once the models exist.
        from content import caching, history, signals  # noqa: F401

        # Every kind of content, its figures and its tags are versioned (history, compare, restore).
        history.register_content()
