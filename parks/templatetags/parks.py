"""Key figures as their sources state them, and as English readers read them."""

from decimal import Decimal

from django import template

from content.localize import is_english
from content.numbers import english_figure

register = template.Library()


@register.filter
def figure_value(figure):
    """The qualifier, the number and the unit: the source's own form on Chinese pages (超过 200家, 25亿元),
    converted for English readers on English pages (more than 200 companies, CNY 2.5 billion; content/numbers.py).
    """
    value = figure.value
    prefix = f"{figure.get_qualifier_display()} " if figure.qualifier else ""
    if is_english():
        return f"{prefix}{english_figure(value, figure.unit, figure.unit_en)}"
    number = f"{value.normalize():,f}" if isinstance(value, Decimal) else str(value)
    return f"{prefix}{number}{figure.unit}"


@register.filter
def project_amount(project):
    """A project's investment as each language writes it: 25亿元 on Chinese pages, CNY 2.5 billion on English ones."""
    if project.amount is None:
        return ""
    if is_english():
        return english_figure(project.amount, project.amount_unit)
    return f"{project.amount.normalize():,f}{project.amount_unit}"
