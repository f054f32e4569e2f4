"""The query shapes of article cards and counts, for news' own pages and for the pages that show news."""

from content.queries import link_count
from news.models import Article


def article_cards(articles=None):
    """Published articles (or ``articles``) as their cards show them: without the bodies (Chinese and English)."""
    return (Article.objects.published() if articles is None else articles).defer("body", "body_en")


def article_count(relation):
    """Each linked object's number of published articles, as an annotation.

    ``relation`` is the article field that links it: ``"parks"`` or ``"enterprises"``.
    """
    through = Article._meta.get_field(relation).remote_field.through
    target = Article._meta.get_field(relation).related_model._meta.model_name
    return link_count(through, "article", Article.objects.published(), target)
