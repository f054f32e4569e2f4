"""The admin's names for this site (the admin of each kind of content lives in its app)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Qingdao Economic Development Bureau: site administration")
admin.site.site_title = _("Bureau site administration")
admin.site.index_title = _("Content")
