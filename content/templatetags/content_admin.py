"""Template tags of the content admin: the pending-change banner of the change form."""

from django import template

register = template.Library()


@register.inclusion_tag("admin/content/pending_banner.html", takes_context=True)
def pending_banner(context, change, needs_review, obj):
    request = context["request"]
    opts = obj._meta
    return {
        "change": change,
        "needs_review": needs_review,
        "obj": obj,
        "is_publisher": request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}"),
    }
