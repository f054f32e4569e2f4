"""Key figures as their sources state them."""

from decimal import Decimal

from django import template
from django.utils import translation

register = template.Library()


@register.filter
def figure_value(figure):
    """The value as the source states it: qualifier, number with thousands separators, unit.

    English pages give the English unit where an editor entered one, and the source's own unit otherwise.
    """
    value = figure.value
    number = f"{value.normalize():,f}" if isinstance(value, Decimal) else str(value)
    prefix = f"{figure.get_qualifier_display()} " if figure.qualifier else ""
    if figure.unit_en and not translation.get_language().startswith("zh"):
        return f"{prefix}{number} {figure.unit_en}"
    return f"{prefix}{number}{figure.unit}"
