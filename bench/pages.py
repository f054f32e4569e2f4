"""The pages the benchmark drives, and their SQL query counts, from the database in DATABASE_URL.

Run by bench/run.py as ``python -m bench.pages`` with the same environment as
gunicorn (page cache off). Prints one JSON object: for each page its URL, the
status the test client got and the number of SQL queries it took; and the
bad requests with the status each must get.
"""

import json
import os
import sys
from urllib.parse import quote, urlencode

import django


def pick_urls():
    from django.db.models import Count
    from taggit.models import Tag

    from news.models import Article
    from parks.models import Enterprise, Park

    articles = Article.objects.published()
    # An article in the middle of the list: neither the newest nor the oldest.
    article = articles.order_by("-published_at", "-pk").values_list("slug", flat=True)[articles.count() // 2]
    park = (
        Park.objects.published().filter(slug="scale-park-0001").first()
        or Park.objects.published().annotate(n=Count("enterprises")).order_by("-n").first()
    )
    tag = Tag.objects.annotate(n=Count("news_taggedarticle_items")).order_by("-n").first()
    enterprise = Enterprise.objects.published().filter(qualifications__slug="high-tech").first()
    district = enterprise.parks.values_list("district", flat=True).first() if enterprise else "laoshan"
    return {
        "home": "/",
        "news list p1": "/news/",
        "news list p2000": "/news/?page=2000",
        "article detail": f"/news/{article}/",
        "park detail": f"/parks/{park.slug}/",
        "enterprise list filtered": "/enterprises/?" + urlencode({"district": district, "qualification": "high-tech"}),
        "tag page": f"/tags/{quote(tag.slug)}/",
        "search": "/search/?" + urlencode({"q": tag.name}),
        "search, news p3": "/search/?" + urlencode({"q": tag.name, "kind": "news", "page": 3}),
        "ceiling": "/bench/ceiling/",
    }


BAD_URLS = {
    # missing pages
    "/news/no-such-article/": 404,
    "/parks/no-such-park/": 404,
    "/tags/no-such-tag/": 404,
    "/news/?page=99999999": 404,
    # malformed parameters
    "/news/?page=abc": 404,
    "/enterprises/?district=atlantis": 400,
    "/news/?tag=no-such-tag": 400,
    "/parks/?level=%00": 400,
}


def main():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    urls = pick_urls()
    client = Client()
    pages = {}
    for name, url in urls.items():
        client.get(url)  # the first request of a process loads templates and translations
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        pages[name] = {"url": url, "status": response.status_code, "queries": len(queries)}
    bad = {}
    for url, expected in BAD_URLS.items():
        response = client.get(url)
        bad[url] = {"expected": expected, "status": response.status_code}
    json.dump({"pages": pages, "bad": bad}, sys.stdout)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bureau.settings")
    django.setup()
    main()
