"""Key figures as their sources state them, and as English readers read them."""

from decimal import Decimal

from django import template

from content.localize import is_english
from content.numbers import english_figure
from parks.models import qualified

register = template.Library()


@register.filter
def figure_value(figure):
    """The qualifier, the number and the unit: the source's own form on Chinese pages (超过 200家, 25亿元),
    converted for English readers on English pages (more than 200 companies, CNY 2.5 billion; content/numbers.py).
    """
    value = figure.value
    if is_english():
        return qualified(figure.qualifier, english_figure(value, figure.unit, figure.unit_en))
    number = f"{value.normalize():,f}" if isinstance(value, Decimal) else str(value)
    return qualified(figure.qualifier, f"{number}{figure.unit}")


@register.filter
def project_amount(project):
    """A project's investment as each language writes it, qualified as a figure is: 约 75亿元 on Chinese pages,
    about CNY 7.5 billion on English ones."""
    if project.amount is None:
        return ""
    if is_english():
        return qualified(project.amount_qualifier, english_figure(project.amount, project.amount_unit))
    return qualified(project.amount_qualifier, f"{project.amount.normalize():,f}{project.amount_unit}")
