"""Titles, descriptions, canonical URLs, Open Graph and schema.org JSON-LD."""

import pytest
from django.utils import timezone

from tests.helpers import make_article, make_enterprise, make_park, upload
from tests.public_helpers import (
    canonical,
    hours_ago,
    json_ld,
    make_qualification,
    meta_content,
    page_title,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    park = make_park(name="青岛高新技术产业开发区", name_en="Qingdao Hi-tech Zone", summary="国家级高新区。", latitude="36.3", longitude="120.4",
                     address="智力岛路1号", district="chengyang")  # fmt: skip
    child = make_park(name="青岛人工智能产业园", parent=park)
    enterprise = make_enterprise(
        name="青岛创新奇智科技集团股份有限公司", short_name="创新奇智", founded_year=2018, founded_month=2
    )
    enterprise.parks.add(park)
    article = make_article(title="高新区新闻", summary="高新区人工智能产业规模突破120亿元。", cover=upload(), cover_alt="鸟瞰",
                           source_url="https://paper.example.com/1", author="记者 王明", when=hours_ago(1))  # fmt: skip
    article.parks.add(park)
    article.enterprises.add(enterprise)
    article.tags.add("人工智能")
    other = make_article(title="另一篇", when=hours_ago(2))
    other.tags.add("人工智能")
    make_qualification()
    return {"park": park, "child": child, "enterprise": enterprise, "article": article}


def urls(site):
    return [
        "/", "/news/", "/news/?page=1", "/parks/", "/enterprises/", "/search/", "/search/?q=高新区", "/tags/人工智能/",
        "/news/?tag=人工智能", "/parks/?district=chengyang", "/enterprises/?qualification=unicorn",
        site["article"].get_absolute_url(), site["park"].get_absolute_url(), site["child"].get_absolute_url(),
        site["enterprise"].get_absolute_url(), "/en/", "/en/news/", f"/en{site['park'].get_absolute_url()}",
    ]  # fmt: skip


def test_every_page_has_its_own_title(client, site):
    seen = {}
    for url in urls(site):
        if url == "/news/?page=1":
            continue  # the same page as /news/
        response = client.get(url)
        assert response.status_code == 200, url
        title = page_title(response)
        assert title and title not in seen, (url, title, seen.get(title))
        seen[title] = url


def test_titles_name_the_page_then_the_site(client, site):
    assert page_title(client.get(site["article"].get_absolute_url())) == "高新区新闻 · 青岛市经济发展局"
    assert page_title(client.get("/en/parks/")) == "Parks · Qingdao Economic Development Bureau"
    assert page_title(client.get("/news/?tag=人工智能")) == "新闻：人工智能 · 青岛市经济发展局"
    assert page_title(client.get("/en/news/?tag=人工智能")) == "News: 人工智能 · Qingdao Economic Development Bureau"
    year = timezone.localtime(site["article"].published_at).year
    both = f"/news/?tag=人工智能&year={year}"
    assert page_title(client.get(both)) == f"新闻：人工智能、{year} · 青岛市经济发展局"  # Chinese punctuation
    assert page_title(client.get(f"/en{both}")) == f"News: 人工智能, {year} · Qingdao Economic Development Bureau"


def test_descriptions_come_from_the_content(client, site):
    assert (
        meta_content(client.get(site["article"].get_absolute_url()), "name", "description")
        == "高新区人工智能产业规模突破120亿元。"
    )
    assert meta_content(client.get(site["park"].get_absolute_url()), "name", "description") == "国家级高新区。"
    assert meta_content(client.get("/en/"), "name", "description")


def test_canonical_urls_are_absolute_and_drop_filters_and_tracking(client, site):
    url = site["park"].get_absolute_url()
    assert canonical(client.get(f"{url}?utm_source=weixin")) == f"http://testserver{url}"
    assert canonical(client.get("/news/")) == "http://testserver/news/"
    assert canonical(client.get(f"/en{url}")) == f"http://testserver/en{url}"
    text = client.get(url).text
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en{url}">' in text
    assert f'<link rel="alternate" hreflang="zh-Hans" href="http://testserver{url}">' in text


def test_filtered_lists_and_search_are_not_indexed(client, site):
    for url in ("/news/?tag=人工智能", "/search/?q=高新区"):
        text = client.get(url).text
        assert '<meta name="robots" content="noindex, follow">' in text and 'rel="canonical"' not in text


def test_open_graph_uses_the_cover_rendition(client, site):
    response = client.get(site["article"].get_absolute_url())
    image = meta_content(response, "property", "og:image")
    assert image.startswith("http://testserver/") and image.endswith("-1280w.webp")
    assert meta_content(response, "property", "og:type") == "article"
    assert meta_content(response, "property", "og:title") == "高新区新闻"
    assert meta_content(response, "property", "og:locale") == "zh_CN"
    assert meta_content(client.get("/en/"), "property", "og:locale") == "en_US"


def test_json_ld_for_an_article(client, site):
    (data,) = json_ld(client.get(site["article"].get_absolute_url()))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "高新区新闻"
    assert data["isBasedOn"] == "https://paper.example.com/1"
    assert data["image"][0].endswith("-1280w.webp")
    assert data["keywords"] == ["人工智能"]
    assert {m["@type"] for m in data["mentions"]} == {"Place", "Organization"}


def test_json_ld_for_a_park_and_an_enterprise(client, site):
    (place,) = json_ld(client.get(site["park"].get_absolute_url()))
    assert place["@type"] == "Place" and place["geo"]["latitude"] == 36.3
    assert place["address"]["streetAddress"] == "智力岛路1号"
    (child,) = json_ld(client.get(site["child"].get_absolute_url()))
    assert child["containedInPlace"]["name"] == "青岛高新技术产业开发区"
    (organization,) = json_ld(client.get(site["enterprise"].get_absolute_url()))
    assert organization["@type"] == "Organization"
    assert organization["legalName"] == "青岛创新奇智科技集团股份有限公司"
    assert organization["foundingDate"] == "2018-02"


def test_json_ld_for_the_home_page(client, site):
    (data,) = json_ld(client.get("/"))
    types = {node["@type"] for node in data["@graph"]}
    assert types == {"GovernmentOrganization", "WebSite"}


def test_json_ld_cannot_close_its_script_element(client):
    article = make_article(title="</script><script>alert(1)</script> & <!--", summary="</SCRIPT>")
    text = client.get(article.get_absolute_url()).text
    block = text.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block and ">" not in block and "&" not in block
    (data,) = json_ld(client.get(article.get_absolute_url()))
    assert data["headline"] == "</script><script>alert(1)</script> & <!--"
    assert "<script>alert(1)</script>" not in text
