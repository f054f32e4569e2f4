"""Key figures as their sources state them, and as English readers read them."""

from datetime import date

from django import template
from django.utils import formats
from django.utils.translation import pgettext

from content.localize import is_english
from content.numbers import english_figure, plain_number
from parks.models import qualified

register = template.Library()


@register.filter
def quantity(value):
    """A stored measure as a reader writes it: 15,000 and 2.5, never 15000.0 or 2.500."""
    return "" if value in (None, "") else plain_number(value)


@register.filter
def partial_date(obj, prefix):
    """A date known to the year or to the month (``established``, ``founded``) as each language writes it:
    2020年7月 and July 2020, 2012年 and 2012; the ISO form (2020-07) stays for data files and structured data."""
    year, month = getattr(obj, f"{prefix}_year", None), getattr(obj, f"{prefix}_month", None)
    if not year:
        return ""
    if month:
        return formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")
    return pgettext("a year on its own", "%(year)s") % {"year": year}


@register.filter
def figure_value(figure):
    """The qualifier, the number and the unit: the source's own form on Chinese pages (超过 200家, 25亿元),
    converted for English readers on English pages (more than 200 companies, CNY 2.5 billion; content/numbers.py).
    """
    value = figure.value
    if is_english():
        return qualified(figure.qualifier, english_figure(value, figure.unit, figure.unit_en))
    return qualified(figure.qualifier, f"{plain_number(value)}{figure.unit}")


@register.filter
def project_amount(project):
    """A project's investment as each language writes it, qualified as a figure is: 约 75亿元 on Chinese pages,
    about CNY 7.5 billion on English ones."""
    if project.amount is None:
        return ""
    if is_english():
        return qualified(project.amount_qualifier, english_figure(project.amount, project.amount_unit))
    return qualified(project.amount_qualifier, f"{plain_number(project.amount)}{project.amount_unit}")
