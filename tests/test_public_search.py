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


def test_each_language_keeps_its_own_results(client, content):
    """The kept ranking is per language: the English page finds what the Chinese page must not."""
    make_enterprise(name="海尔智家股份有限公司", name_en="Haier Smart Home")
    assert "海尔智家" not in client.get("/search/", {"q": "smart"}).text
    assert "Haier <mark>Smart</mark> Home" in client.get("/en/search/", {"q": "smart"}).text
    assert "海尔智家" not in client.get("/search/", {"q": "smart"}).text


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


# --------------------------------------------------------------------------
# Ranking, normalisation and the visible-text rule (issue 15)
# --------------------------------------------------------------------------


def result_blocks(text):
    return re.findall(r'<article class="search-result.*?</article>', text, re.S)


def first_title(text):
    return re.sub(r"</?mark>", "", re.search(r'class="result-title"><a href="[^"]+">(.*?)</a>', text).group(1))


@pytest.fixture
def demo(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize("url", ["/search/", "/en/search/"])
@pytest.mark.parametrize("typed", ["卡奥斯", "卡奧斯"])
def test_demo_the_company_comes_before_the_news_that_mention_it(client, demo, url, typed):
    text = client.get(url, {"q": typed}).text
    blocks = result_blocks(text)
    # On the Chinese page the two articles that mention it follow; the English page shows their English
    # versions, which name the company in English, so there only the company itself is found.
    assert len(blocks) > 1 if url == "/search/" else blocks
    assert "hai-er-ka-ao-si" in blocks[0]  # 海尔卡奥斯, whose alias is 卡奥斯
    assert "<mark>卡奥斯</mark>" in blocks[0]


@pytest.mark.parametrize("url", ["/search/", "/en/search/"])
@pytest.mark.parametrize("typed", ["AI", "ai", "ＡＩ"])
def test_demo_every_result_for_ai_shows_it(client, demo, url, typed):
    """On the Chinese page, English names are not shown: they must not match (they found Haier)."""
    blocks = result_blocks(client.get(url, {"q": typed}).text)
    assert blocks
    for block in blocks:
        assert re.search(r"<mark>ａｉ|<mark>ai</mark>", block, re.I), block
    if url == "/search/":
        assert len(blocks) < 10
    else:  # the word AI before ai inside Haier
        assert "AInnovation" in re.sub(r"</?mark>", "", blocks[0])


def test_the_query_is_normalised():
    assert search.parse("卡奧斯").terms == ["卡奥斯"]
    assert search.parse("ＡＩ").terms == ["ai"] == search.parse("Ai").terms
    assert search.parse("ＣＯＳＭＯＰｌａｔ　卡奥斯").terms == ["cosmoplat", "卡奥斯"]
    assert search.parse("卡奧斯").text == "卡奧斯"  # the box shows what was typed


def test_full_width_text_is_found_and_marked(client, db):
    make_article(title="ＡＩ产业园开园", when=hours_ago(1))
    text = client.get("/search/", {"q": "ai"}).text
    assert "<mark>ＡＩ</mark>产业园开园" in text


def test_a_name_comes_before_a_mention_and_a_title_before_a_body(client, db):
    make_article(title="海洋牧场建设提速", when=hours_ago(1))  # a title that mentions it, newest
    make_article(title="港口动态", body="<p>海洋牧场。</p>", when=hours_ago(0))  # a body
    make_enterprise(name="青岛海洋牧场发展有限公司", short_name="海洋牧场集团", summary="养殖。")  # a name's start
    make_park(name="蓝谷园区", aliases="海洋牧场", summary="园区。")  # an alias, exactly
    make_enterprise(name="某某公司", summary="投资海洋牧场。")  # a summary
    text = client.get("/search/", {"q": "海洋牧场"}).text
    titles = [re.sub(r"</?mark>", "", t) for t in re.findall(r'class="result-title"><a href="[^"]+">(.*?)</a>', text)]
    assert titles == ["蓝谷园区", "海洋牧场集团", "海洋牧场建设提速", "某某公司", "港口动态"]
    for kind in ("文章", "园区", "企业"):
        assert f'<span class="result-kind">{kind}</span>' in text
    one_kind = client.get("/search/", {"q": "海洋牧场", "kind": "news"}).text
    assert first_title(one_kind) == "海洋牧场建设提速"
    assert re.search(r'href="\?q=[^"]+kind=parks"', text)  # the tabs stay
    assert re.search(r"园区\s*<span class=\"count\">1</span>", text)


def test_each_page_matches_what_its_reader_sees(client, db):
    make_enterprise(name="海尔集团公司", name_en="Haier Group")
    english = make_article(title="海洋经济", title_en="Ocean economy", when=hours_ago(1))
    chinese_only = make_article(title="海洋牧场", when=hours_ago(2))
    # Chinese page: no English name, no English title.
    assert result_blocks(client.get("/search/", {"q": "haier"}).text) == []
    assert result_blocks(client.get("/search/", {"q": "ocean"}).text) == []
    # English page: the English name and title, and the Chinese title of an article without an English one.
    assert "<mark>Haier</mark> Group" in client.get("/en/search/", {"q": "haier"}).text
    assert "<mark>Ocean</mark> economy" in client.get("/en/search/", {"q": "ocean"}).text
    text = client.get("/en/search/", {"q": "海洋"}).text
    assert chinese_only.get_absolute_url() in text and "<mark>海洋</mark>牧场" in text
    assert english.get_absolute_url() not in text  # its English page shows "Ocean economy"


def test_an_english_snippet_is_not_marked_chinese_for_a_chinese_name_elsewhere_in_the_text(client, db):
    # The demo's English articles name brands as "Xinhuo (芯火)": the whole body has Chinese in it,
    # the words a result shows need not.
    make_article(title="海洋经济", title_en="Ocean economy", body="<p>海洋。</p>", when=hours_ago(1),
                 body_en="<p>The Xinhuo (芯火) platform opened. " + "Filler words here. " * 20
                 + "Marine ranching grew fast.</p>")  # fmt: skip
    make_article(title="海洋牧场", body="<p>海洋牧场 ranching 发展迅速。</p>", when=hours_ago(2))
    text = client.get("/en/search/", {"q": "ranching"}).text
    snippets = re.findall(r'<p class="result-text result-snippet"([^>]*)>(.*?)</p>', text)
    assert len(snippets) == 2
    (english,) = [attributes for attributes, shown in snippets if "Marine" in shown]
    (chinese,) = [attributes for attributes, shown in snippets if "海洋牧场" in shown]
    assert english == ""
    assert chinese == ' lang="zh-Hans"'


@pytest.mark.parametrize("url", ["/search/", "/en/search/"])
def test_the_results_page_has_one_search_box(client, content, url):
    text = client.get(url, {"q": "人工智能"}).text
    assert len(re.findall(r'<input[^>]*type="search"', text)) == 1
    labels = re.findall(r'<label[^>]*for="search-q"[^>]*>(.*?)</label>', text)
    assert len(labels) == 1 and labels[0].strip()


def test_an_enterprise_result_starts_with_its_kind_not_a_separator(client, content):
    text = client.get("/search/", {"q": "卡奥斯"}).text
    for meta in re.findall(r'<p class="result-meta">(.*?)</p>', text, re.S):
        assert meta.startswith('<span class="result-kind">'), meta


@pytest.mark.parametrize(
    "url, query, message",
    [
        ("/search/", "！？。，", "只输入标点符号"),
        ("/en/search/", "!?.,", "punctuation alone finds nothing"),
        ("/search/", "     ", "只有空格无法搜索"),
        ("/en/search/", "\u3000 \u3000", "spaces alone find nothing"),
        ("/search/", "海" * 1000, "搜索内容过长，仅使用了开头部分。"),
        ("/en/search/", "a" * 1000, "only its beginning was used"),
        ("/search/", "AI人工智能кот😀٣", "没有"),
        ("/en/search/", "Ωmega 卡奥斯 café", "Nothing published matches"),
    ],
)
def test_bad_input_gets_a_clear_answer(client, content, url, query, message):
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    assert message in response.text
