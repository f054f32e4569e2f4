from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Site")

    def ready(self):
        # Receivers are connected by importing their modules, once the models exist. review_admin: the review
        # of pending changes in the admin, registered here rather than from content/admin.py (the admin's
        # autodiscovery has run by now: its app comes first), so that file stays about the content forms.
        from content import caching, history, review_admin, signals  # noqa: F401

        # Every kind of content, its figures and its tags are versioned (history, compare, restore).
        history.register_content()
