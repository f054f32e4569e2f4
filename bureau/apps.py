from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class BureauConfig(AppConfig):
    name = "bureau"
    verbose_name = _("Site")


class BureauAdminConfig(AdminConfig):
    """The admin, with the site's names and its index in order of daily use (bureau/admin_site.py)."""

    default_site = "bureau.admin_site.BureauAdminSite"


class LoginRecordsConfig(AxesAppConfig):
    """django-axes, under a name staff understand: it has no name of its own, so the admin showed "Axes"."""

    verbose_name = _("Log-in records")


class TagsConfig(TaggitAppConfig):
    """django-taggit, named "Tags" rather than "Taggit" in the admin."""

    verbose_name = _("Tags")
