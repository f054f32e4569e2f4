"""An article's body with its mentions linked, and its related news."""

from django import template

from news import mentions, related

register = template.Library()


@register.filter
def linked_body(article):
    return mentions.article_body(article)


@register.simple_tag
def related_articles(article, limit=4):
    return related.related_articles(article, limit)
