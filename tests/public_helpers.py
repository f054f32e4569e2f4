"""Builders and checks shared by the public-page tests (tests/test_public_*.py, tests/test_browser_*.py)."""

import json
import re
from datetime import timedelta
from decimal import Decimal
from xml.etree import ElementTree

from django.utils import timezone

from parks.models import EnterpriseFigure, ParkFigure, Qualification
from tests.helpers import make_article, make_enterprise, make_park, upload

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def make_qualification(slug="unicorn", name="独角兽企业", name_en="Unicorn"):
    return Qualification.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en})[0]


def make_park_figure(park, label="营业收入", value="1200.5", unit="亿元", year=2024, source=None, **fields):
    return ParkFigure.objects.create(
        park=park, label=label, value=Decimal(value), unit=unit, year=year, source_article=source, **fields
    )


def make_enterprise_figure(enterprise, label="营业收入", value="12.3", unit="亿元", year=2023, source=None, **fields):
    return EnterpriseFigure.objects.create(
        enterprise=enterprise, label=label, value=Decimal(value), unit=unit, year=year, source_article=source, **fields
    )


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def build_world(n, covers=False):
    """``n`` of everything, all linked to each other, so that a page shows ``n`` items of each kind.

    One zone holds ``n`` sub-parks and ``n`` enterprises; every article
    mentions the zone and every enterprise; every object carries the tag
    人工智能 and one tag of its own; the zone has ``n`` figures, each from an article.
    """
    zone = make_park(name="青岛高新技术产业开发区", name_en="Qingdao Hi-tech Zone", aliases="青岛高新区, 高新区",
                     kind="high_tech_zone", level="national", district="chengyang", summary="国家级高新区。")  # fmt: skip
    zone.tags.add("人工智能", "区域")
    unicorn = make_qualification()
    listed = make_qualification("listed", "上市企业", "Listed")
    operator = make_enterprise(name="青岛高新科技投资有限公司", short_name="高新投资")
    zone.operator = operator
    zone.save()
    parks, enterprises, articles = [], [], []
    for i in range(n):
        park = make_park(
            name=f"示范产业园{i:02d}",
            parent=zone,
            district="laoshan",
            level="municipal",
            summary="演示园区。",
            featured=i < 3,  # the home page's key parks, as staff choose them
        )
        park.tags.add("人工智能", f"园区标签{i:02d}")
        parks.append(park)
        enterprise = make_enterprise(
            name=f"青岛示范科技有限公司{i:02d}", short_name=f"示范科技{i:02d}", stock_code=f"{6000 + i}", featured=i < 3
        )
        enterprise.parks.add(zone, park)
        enterprise.qualifications.add(unicorn, listed)
        enterprise.tags.add("人工智能", f"企业标签{i:02d}")
        enterprises.append(enterprise)
    for i in range(n):
        extra = {"cover": upload(f"c{i}.jpg"), "cover_alt": "封面"} if covers else {}
        article = make_article(
            title=f"青岛高新区人工智能新闻{i:02d}",
            when=hours_ago(i + 1),
            summary="人工智能产业加速集聚。",
            body="<p>青岛高新区与示范科技00合作。</p>",
            source_outlet="青岛日报",
            source_url=f"https://news.example.com/{i}",
            featured=i < 3,
            **extra,
        )
        article.parks.add(zone, *parks)
        article.enterprises.add(*enterprises)
        article.tags.add("人工智能", f"新闻标签{i:02d}")
        articles.append(article)
    for i, article in enumerate(articles):
        make_park_figure(zone, label=f"指标{i:02d}", value=str(100 + i), year=2024, source=article, position=i)
        make_enterprise_figure(enterprises[0], label=f"指标{i:02d}", value=str(10 + i), source=article, position=i)
    return {"zone": zone, "parks": parks, "enterprises": enterprises, "articles": articles, "operator": operator}


def parse_xml(response):
    assert response.status_code == 200, response.status_code
    return ElementTree.fromstring(response.content)


def feed_titles(response):
    root = parse_xml(response)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def sitemap_urls(response):
    root = parse_xml(response)
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")}


def page_title(response):
    match = re.search(r"<title>(.*?)</title>", response.text, re.S)
    return match.group(1).strip() if match else None


def meta_content(response, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', response.text)
    return match.group(1) if match else None


def canonical(response):
    match = re.search(r'<link rel="canonical" href="([^"]+)"', response.text)
    return match.group(1) if match else None


def json_ld(response):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    return [json.loads(block) for block in blocks]
