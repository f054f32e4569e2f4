from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from bureau import data

register = template.Library()


@register.simple_tag
def figure_charts(figures):
    """Charts of a park's figures over the years (bureau/data.py), from the figures the page already read."""
    return data.figure_charts(figures)


@register.filter
def breakable_name(name):
    """A column name that a narrow screen may break after an underscore (land_area_km2 → land_ | area_ | km2),
    never inside a word ("land_are|a_km2")."""
    return mark_safe(escape(name).replace("_", "_<wbr>"))
