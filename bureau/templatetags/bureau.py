from django import template

from bureau import images

register = template.Library()


@register.filter
def srcset(fieldfile):
    return images.srcset(fieldfile)


@register.filter
def rendition(fieldfile, width):
    return images.rendition_url(fieldfile, int(width))
