"""Key figures as their sources state them."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def figure_value(figure):
    """The value as the source states it: qualifier, number with thousands separators, unit."""
    value = figure.value
    number = f"{value.normalize():,f}" if isinstance(value, Decimal) else str(value)
    prefix = f"{figure.get_qualifier_display()} " if figure.qualifier else ""
    return f"{prefix}{number}{figure.unit}"
