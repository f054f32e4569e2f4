from django import template

from bureau import data

register = template.Library()


@register.simple_tag
def figure_charts(figures):
    """Charts of a park's figures over the years (bureau/data.py), from the figures the page already read."""
    return data.figure_charts(figures)
