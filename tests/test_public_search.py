"""Search over news, parks and enterprises: Chinese substrings, highlighting, drafts, odd input."""

import re

import pytest

from search import query as search
from search import views as search_views
from tests.helpers import make_article, make_enterprise, make_park
from tests.public_helpers import hours_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    article = make_article(
        title="青岛高新区人工智能产业规模突破120亿元",
        summary="产业加速集聚。",
        body="<p>创新奇智等企业带动明显。</p>",
        when=hours_ago(2),
    )
    body_only = make_article(title="园区动态", body="<p>卡奥斯工业互联网平台发布新成果。</p>", when=hours_ago(3))
    park = make_park(name="青岛人工智能产业园", aliases="AI产业园", summary="聚集人工智能企业。")
    enterprise = make_enterprise(
        name="青岛创新奇智科技集团股份有限公司",
        short_name="创新奇智",
        name_en="AInnovation",
        stock_code="2121",
        aliases="AInnovation",
    )
    kaos = make_enterprise(name="卡奥斯物联科技股份有限公司", short_name="卡奥斯", aliases="COSMOPlat")
    make_article(title="人工智能草稿", published=False)
    make_park(name="人工智能草稿园区", published=False)
    make_enterprise(name="卡奥斯草稿有限公司", published=False, stock_code="2121")
    article.tags.add("人工智能")
    return {"article": article, "body_only": body_only, "park": park, "enterprise": enterprise, "kaos": kaos}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("人工智能", {"青岛高新区人工智能产业规模突破120亿元", "青岛人工智能产业园"}),
        ("卡奥斯", {"园区动态", "卡奥斯"}),  # an article body and a short name
        ("2121", {"创新奇智"}),  # a stock code
        ("ainnovation", {"创新奇智"}),  # an English name, any case
        ("AI产业园", {"青岛人工智能产业园"}),  # an alias
        ("高新区 120", {"青岛高新区人工智能产业规模突破120亿元"}),  # every word must match
    ],
)
def test_search_finds_chinese_substrings_names_codes_and_aliases(client, content, query, expected):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    text = response.text
    for title in expected:
        assert title in text.replace("<mark>", "").replace("</mark>", "")
    assert "草稿" not in text


def test_search_ignores_drafts_and_scheduled_items(client, content):
    from datetime import timedelta

    from django.utils import timezone

    make_article(title="明日人工智能新闻", when=timezone.now() + timedelta(days=1))
    text = client.get("/search/", {"q": "人工智能"}).text
    assert "草稿" not in text and "明日人工智能新闻" not in text


def test_matches_are_highlighted_and_escaped(client, content):
    make_article(title="<b>人工智能</b> & 未来", when=hours_ago(1))
    text = client.get("/search/", {"q": "人工智能"}).text
    assert "青岛高新区<mark>人工智能</mark>产业规模突破120亿元" in text
    assert "&lt;b&gt;<mark>人工智能</mark>&lt;/b&gt; &amp; 未来" in text


def test_a_body_match_shows_a_snippet(client, content):
    text = client.get("/search/", {"q": "卡奥斯工业互联网"}).text
    assert "<mark>卡奥斯工业互联网</mark>平台发布新成果" in text


def test_matching_tags_are_offered(client, content):
    text = client.get("/search/", {"q": "人工"}).text
    assert "/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/" in text


def test_one_kind_of_result_paginates(client, content, monkeypatch):
    monkeypatch.setattr(search_views, "PAGE_SIZE", 1)
    for i in range(3):
        make_article(title=f"人工智能快讯{i}", when=hours_ago(10 + i))
    response = client.get("/search/", {"q": "人工智能", "kind": "news", "page": "2"})
    assert response.status_code == 200
    assert "page=3" in response.text
    assert client.get("/search/", {"q": "人工智能", "kind": "news", "page": "99"}).status_code == 404
    assert client.get("/search/", {"q": "人工智能", "kind": "news", "page": "abc"}).status_code == 404


@pytest.mark.parametrize("kept", [1000, 3], ids=["ranking kept", "deeper than the kept ranking"])
def test_the_pages_of_one_kind_list_every_result_once_in_rank_order(client, content, monkeypatch, kept):
    monkeypatch.setattr(search_views, "PAGE_SIZE", 2)
    monkeypatch.setattr(search_views, "KEPT_KEYS", kept)
    # Created in neither rank nor date order, so that no accidental order passes.
    in_bodies = [make_article(title=f"港口动态{i}", body="<p>海洋牧场建设。</p>", when=hours_ago(i)) for i in range(2)]
    in_titles = [make_article(title=f"海洋牧场快讯{i}", when=hours_ago(22 - i)) for i in range(3)][::-1]
    seen = []
    for number in (1, 2, 3):
        text = client.get("/search/", {"q": "海洋牧场", "kind": "news", "page": str(number)}).text
        seen += re.findall(r'href="(/news/[^"?]+/)"', text)
    expected = [a.get_absolute_url() for a in in_titles + in_bodies]  # title matches first, each newest first
    assert seen == expected


def test_a_search_kept_by_the_previous_release_still_answers(client, content, monkeypatch):
    """During a rolling upgrade the shared cache holds what the old release kept, which had no ranking."""
    kept = search_views.remember

    def as_the_old_release(name, compute):
        return {key: value for key, value in kept(name, compute).items() if key != "ranked"}

    monkeypatch.setattr(search_views, "remember", as_the_old_release)
    make_article(title="海洋牧场快讯", when=hours_ago(5))
    make_article(title="港口动态", body="<p>海洋牧场建设。</p>", when=hours_ago(1))
    response = client.get("/search/", {"q": "海洋牧场", "kind": "news"})
    assert response.status_code == 200
    assert response.text.index("<mark>海洋牧场</mark>快讯") < response.text.index("港口动态")


def test_a_kept_ranking_follows_an_edit(client, content):
    """The ranking of a search is kept, but a new matching article shows on its page right after it is saved."""
    make_article(title="海洋牧场快讯", when=hours_ago(5))
    before = client.get("/search/", {"q": "海洋牧场", "kind": "news"}).text
    assert "海洋牧场新闻" not in before
    make_article(title="海洋牧场新闻", when=hours_ago(1))
    after = client.get("/search/", {"q": "海洋牧场", "kind": "news"}).text
    assert after.index("<mark>海洋牧场</mark>新闻") < after.index("<mark>海洋牧场</mark>快讯")


def test_an_unknown_kind_shows_everything(client, content):
    response = client.get("/search/", {"q": "人工智能", "kind": "rockets"})
    assert response.status_code == 200 and "青岛<mark>人工智能</mark>产业园" in response.text


@pytest.mark.parametrize(
    "query", ["", "   ", "！！！", "...", "，。、；：？", "%", "_", "\u3000\u3000", "\x00", "<>&\"'"]
)
def test_a_query_with_nothing_to_look_for_gets_a_helpful_page(client, content, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "search-tabs" not in response.text  # no search was run
    assert 'id="search-q"' in response.text


def test_percent_and_underscore_are_literal(client, content):
    make_article(title="增长50%的园区", when=hours_ago(1))
    text = client.get("/search/", {"q": "50%"}).text
    assert "增长50%的园区" in text.replace("<mark>", "").replace("</mark>", "")
    assert "青岛高新区人工智能产业规模突破120亿元" not in text


def test_a_very_long_query_is_shortened_not_refused(client, content):
    query = {"q": "人工智能" + "啊" * 10_000, "kind": "news"}
    for url, notice in [
        ("/search/", "搜索内容过长，仅使用了开头部分。"),
        ("/en/search/", "only its beginning was used"),
    ]:
        response = client.get(url, query)
        assert response.status_code == 200
        assert notice in response.text
        assert len(response.text) < 100_000


def test_search_pages_are_not_indexed(client, content):
    assert '<meta name="robots" content="noindex, follow">' in client.get("/search/", {"q": "人工智能"}).text


def test_the_parser():
    query = search.parse("  “人工智能”， 卡奥斯！  人工智能 ")
    assert query.terms == ["人工智能", "卡奥斯"]
    assert not search.parse("？！。")
    long = search.parse("词 " * 300)
    assert long.shortened and len(long.terms) == 1
    assert search.parse("a b c d e f g").terms == ["a", "b", "c", "d", "e"]


def test_the_highlight_filter_escapes_with_and_without_terms():
    from django.template import Context, Template

    template = Template("{% load search %}{{ text|highlight:terms }}")
    assert (
        template.render(Context({"text": "A&B <人工智能>", "terms": ["人工"]}))
        == "A&amp;B &lt;<mark>人工</mark>智能&gt;"
    )
    assert template.render(Context({"text": "A&B <i>", "terms": []})) == "A&amp;B &lt;i&gt;"
