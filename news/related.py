"""Related news: the published articles that share the most tags, parks and enterprises with an article."""

from django.db import connection
from django.db.models import F

from content.caching import remember
from news.models import Article, TaggedArticle


def related_articles(article, limit=4):
    """Published articles sharing the most tags, parks and enterprises with ``article``, newest first.

    At most one query. Ranking reads every link to the article's tags, parks
    and enterprises, thousands of rows for a common tag: the ranked keys are
    kept for the current content generation and the page then reads its few
    rows by key.
    """
    rows = None

    def ranked():
        nonlocal rows
        rows = _rank_related(article, limit)
        return [related.pk for related in rows]

    keys = remember(f"related-articles:{article.pk}:{limit}", ranked)
    if rows is not None:
        return rows
    found = {
        related.pk: related for related in Article.objects.published().filter(pk__in=keys).defer("body", "body_en")
    }
    return [found[pk] for pk in keys if pk in found]


def _rank_related(article, limit):
    """The ``limit`` best related articles, in one query that reads only the links ``article`` shares.

    The links to the same tags, parks and enterprises are gathered from the
    three link tables (through their indexes on tag, park and enterprise),
    counted per article and joined to the published articles. Counting from
    the articles' side instead is three correlated counts for every article
    on the site.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]
    park_ids = [park.pk for park in getattr(article, "public_parks", article.parks.all())]
    enterprise_ids = [enterprise.pk for enterprise in getattr(article, "public_enterprises", article.enterprises.all())]
    links = [
        through.objects.filter(**{f"{target}__in": ids}).order_by().values(linked=F(source))
        for through, source, target, ids in (
            (TaggedArticle, "content_object_id", "tag_id", tag_ids),
            (Article.parks.through, "article_id", "park_id", park_ids),
            (Article.enterprises.through, "article_id", "enterprise_id", enterprise_ids),
        )
        if ids
    ]
    if not links:
        return []  # nothing to share, nothing to ask
    candidates = Article.objects.published().exclude(pk=article.pk).defer("body", "body_en").order_by()
    parts, params = [], []
    for queryset in (candidates, *links):
        sql, part_params = queryset.query.sql_with_params()
        parts.append(sql)
        params.extend(part_params)
    pk = connection.ops.quote_name(Article._meta.pk.column)
    published_at = connection.ops.quote_name(Article._meta.get_field("published_at").column)
    sql = (
        f"SELECT a.* FROM ({parts[0]}) a INNER JOIN ("
        f"SELECT l.linked, COUNT(*) AS shared FROM ({' UNION ALL '.join(parts[1:])}) l GROUP BY l.linked"
        f") r ON r.linked = a.{pk} ORDER BY r.shared DESC, a.{published_at} DESC, a.{pk} DESC LIMIT %s"
    )
    return list(Article.objects.raw(sql, [*params, limit]))
