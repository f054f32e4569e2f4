"""The admin site: its names, and its index ordered by how often staff need each section.

Django lists the admin's sections alphabetically by their names in the
language shown, which puts log-in attempts or users first and articles
anywhere. Staff open articles many times a day, parks and enterprises often,
tags now and then, users and log-in records rarely: the index and the side
navigation follow that order, whatever the language.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from content import review

# App labels, then models within an app, by daily use. Anything not named here follows, alphabetically.
APP_ORDER = ["news", "parks", "pages", "inquiries", "taggit", "content", "search", "auth", "axes"]
MODEL_ORDER = {
    "parks": ["park", "enterprise", "project", "qualification"],
    "taggit": ["tag"],
    "content": ["bodyimage", "slugredirect"],
    "auth": ["user", "group"],
}


# Django's own Chinese for these puts spaces around the model's name ("选择 文章 来修改", "修改 文章", "以 公开状态")
# or misses the point ("无可选的" for no recent actions). Our catalogue comes first (LOCALE_PATHS) and words them
# again; they are named here so that makemessages keeps them.
DJANGO_PHRASES = (
    gettext_noop("Select %s to change"),
    gettext_noop("Change %s"),
    gettext_noop("Add %s"),
    gettext_noop("Add %(name)s"),
    gettext_noop("View %s"),
    gettext_noop(" By %(filter_title)s "),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Delete selected %(verbose_name_plural)s"),
    gettext_noop("Select all %(total_count)s %(module_name)s"),
    gettext_noop("None available"),
)


def _position(order, name):
    return (order.index(name), "") if name in order else (len(order), name)


class BureauAdminSite(admin.AdminSite):
    site_header = _("Qingdao Economic Development Bureau: site administration")
    site_title = _("Bureau site administration")
    index_title = _("Content")
    # Django's "-" for an empty value, also the filters' choice for "no park", "no tags", "nobody": said in words.
    empty_value_display = _("(none)")

    def each_context(self, request):
        # A change sent back since the author's last admin page is said once, on whichever page comes next.
        for change in review.take_sent_back_news(request.user):
            messages.warning(request, review.sent_back_notice(change))
        return super().each_context(request)

    def get_app_list(self, request, app_label=None):
        apps = self._build_app_dict(request, app_label)
        app_list = sorted(apps.values(), key=lambda app: _position(APP_ORDER, app["app_label"]))
        for app in app_list:
            order = MODEL_ORDER.get(app["app_label"], [])
            app["models"].sort(key=lambda model: _position(order, model["object_name"].lower()) + (model["name"],))
        return app_list
