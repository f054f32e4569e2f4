"""An article's body with its mentions linked, and its related news."""

from django import template
from django.utils.html import format_html

from content.localize import is_english
from news import mentions, related

register = template.Library()


@register.filter
def linked_body(article, field="body"):
    return mentions.article_body(article, field)


@register.simple_tag
def related_articles(article, limit=4):
    return related.related_articles(article, limit)


@register.filter
def card_summary(article):
    """The summary a card shows in the page's language: never the Chinese one on an English page, where an
    article without English is listed by its title alone (cards leave the bodies out, so no opening lines)."""
    return article.summary_en if is_english() else article.summary


@register.simple_tag
def neighbour_title(title, title_en):
    """The title of the previous or next article: in English where it has one, else in Chinese, marked so."""
    if is_english() and title_en:
        return format_html('<span class="title">{}</span>', title_en)
    return format_html('<span class="title" lang="zh-Hans">{}</span>', title)
