"""The English edition: English wherever content has it, Chinese marked (and said so) where it does not.

Each behaviour is checked on the Chinese page too, which must not change. The browser check that English
pages show no unmarked Chinese is tests/test_browser_english.py.
"""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from taggit.models import Tag

from content.excerpts import opening, shorten
from content.models import TagEnglish
from news.models import Article
from tests.helpers import make_article, make_enterprise, make_park
from tests.public_helpers import ATOM, feed_titles, parse_xml, sitemap_urls

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
# What an English sentence of ours must not contain (curly quotes are English typography too, and stay).
CHINESE_PUNCTUATION = re.compile("[（），。：；《》、！？]")


def url_of(obj):
    """The Chinese address of ``obj``, whatever language the last request left active."""
    with translation.override("zh-hans"):
        return obj.get_absolute_url()


def main_of(text):
    return text.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def english_tag(name, name_en):
    tag, _created = Tag.objects.get_or_create(name=name)
    TagEnglish.objects.update_or_create(tag=tag, defaults={"name_en": name_en})
    return tag


def english_article(**fields):
    defaults = {"title": "高新区发布人工智能政策", "summary": "中文摘要。", "body": "<p>中文正文。</p>",
                "title_en": "Hi-tech Zone issues AI policy", "summary_en": "An English summary.",
                "body_en": "<p>The English body.</p>", "slug": "ai-policy"}  # fmt: skip
    return make_article(**{**defaults, **fields})


def chinese_article(**fields):
    defaults = {"title": "青岛港口新闻", "summary": "港口的中文摘要。", "body": "<p>港口中文正文。</p>", "slug": "port"}
    return make_article(**{**defaults, **fields})


# -------------------------------------------------------------------- lists and cards


def test_the_english_list_shows_english_titles_and_marks_chinese_only_articles(client):
    english_article()
    chinese_article()
    text = client.get("/en/news/").text
    assert ">Hi-tech Zone issues AI policy</a>" in text and "An English summary." in text
    assert '<h2 class="card-title" lang="zh-Hans"><a href="/en/news/port/">青岛港口新闻</a></h2>' in text
    assert text.count('<span class="chinese-only">Chinese only</span>') == 1
    assert "港口的中文摘要" not in text  # a Chinese-only card shows its title, not a Chinese summary
    chinese = client.get("/news/").text
    assert ">高新区发布人工智能政策</a>" in chinese and "港口的中文摘要。" in chinese
    assert "chinese-only" not in chinese and "Hi-tech Zone" not in chinese


def test_related_news_and_the_home_page_use_english_titles(client):
    tag = english_tag("人工智能", "Artificial intelligence")
    first = english_article()
    second = chinese_article()
    first.tags.add(tag)
    second.tags.add(tag)
    page = client.get(f"/en{url_of(second)}").text
    related = page.split('class="related-articles"')[1]
    assert ">Hi-tech Zone issues AI policy</a>" in related
    home = client.get("/en/").text
    assert "Hi-tech Zone issues AI policy" in home and "高新区发布人工智能政策" not in home
    assert '<span class="chinese-only">Chinese only</span>' in home


# -------------------------------------------------------------------- article pages


def test_a_chinese_only_article_says_so_in_english_and_links_the_chinese_page(client):
    article = chinese_article(summary_en="The port handled more containers.")
    text = client.get(f"/en{url_of(article)}").text
    assert '<h1 lang="zh-Hans">青岛港口新闻</h1>' in text
    assert "This article is available in Chinese only." in text
    assert '<p class="lede">The port handled more containers.</p>' in text
    assert f'<a href="{url_of(article)}" hreflang="zh-Hans">Read it in Chinese</a>' in text
    assert "港口中文正文" not in text  # not the Chinese body
    chinese = client.get(url_of(article)).text
    assert "港口中文正文。" in chinese and "仅有中文" not in chinese and "本文仅有中文版" not in chinese


def test_an_article_with_english_shows_its_english_title_summary_and_body(client):
    article = english_article()
    text = client.get(f"/en{url_of(article)}").text
    assert "<h1>Hi-tech Zone issues AI policy</h1>" in text and "The English body." in text
    assert "中文正文" not in text and "Chinese only" not in text
    assert "<title>Hi-tech Zone issues AI policy · " in text


def test_an_english_title_without_an_english_body_shows_the_summary_and_links_the_chinese_text(client):
    article = english_article(body_en="")
    text = client.get(f"/en{url_of(article)}").text
    assert "An English summary." in text and "The full text of this article is in Chinese." in text
    assert f'href="{url_of(article)}" hreflang="zh-Hans"' in text and "中文正文" not in text


def test_previous_and_next_use_english_titles_where_they_exist(client):
    older = english_article(when=datetime(2024, 1, 1, 9, tzinfo=SHANGHAI))
    newer = chinese_article(when=datetime(2024, 1, 2, 9, tzinfo=SHANGHAI))
    assert '<span class="title">Hi-tech Zone issues AI policy</span>' in client.get(f"/en{url_of(newer)}").text
    assert '<span class="title" lang="zh-Hans">青岛港口新闻</span>' in client.get(f"/en{url_of(older)}").text


# -------------------------------------------------------------------- tags


def test_tags_show_their_english_name_or_their_chinese_one_marked(client):
    article = english_article()
    article.tags.add(english_tag("人工智能", "Artificial intelligence"), "港口")
    text = client.get("/en/news/").text
    assert '">Artificial intelligence</a>' in text
    assert 'lang="zh-Hans">港口</a>' in text
    tag_page = client.get("/en/tags/人工智能/").text
    assert "<h1>Artificial intelligence</h1>" in tag_page and "<title>Topic: Artificial intelligence · " in tag_page
    assert '<h1 lang="zh-Hans">港口</h1>' in client.get("/en/tags/港口/").text
    assert "<h1>人工智能</h1>" in client.get("/tags/人工智能/").text


def test_a_tag_pages_description_opens_with_the_topic_so_its_capital_is_right(client):
    english_tag("人工智能", "Artificial intelligence")
    make_article(title="人工智能新闻").tags.add("人工智能")
    text = client.get("/en/tags/人工智能/").text
    # Not "News, parks and enterprises about Artificial intelligence in Qingdao."
    description = "Artificial intelligence: news, parks, enterprises and investment projects in Qingdao."
    assert f'<meta name="description" content="{description}">' in text


def test_the_topic_filter_offers_english_tag_names(client):
    english_article().tags.add(english_tag("人工智能", "Artificial intelligence"), "港口")
    text = client.get("/en/news/").text
    assert '<span class="option-label">Artificial intelligence</span>' in text
    assert '<span class="option-label" lang="zh-Hans">港口</span>' in text
    filtered = client.get("/en/news/?tag=人工智能").text
    assert "Artificial intelligence" in filtered.split('class="active-filters"')[1]
    assert '<span class="option-label">人工智能</span>' in client.get("/news/").text


def test_a_list_page_with_english_tag_names_costs_no_more_queries(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for i in range(3):
        article = english_article(slug=f"a{i}", title=f"新闻{i}")
        article.tags.add(english_tag(f"标签{i}", f"Tag {i}"), "港口")
    counts = {}
    for url in ("/news/", "/en/news/"):
        client.get(url)  # the counts and facets are then kept for the content generation
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    assert counts["/en/news/"] == counts["/news/"] == 2  # the page · its tags, with their English names


# -------------------------------------------------------------------- parks and enterprises


def test_a_park_page_in_english_links_its_chinese_description_instead_of_showing_it(client):
    park = make_park(name="青岛港产业园", slug="port-park", description="<p>园区的中文介绍。</p>")
    make_park(name="码头片区", slug="dock", parent=park)
    text = client.get(f"/en{url_of(park)}").text
    assert "园区的中文介绍" not in text and "Description available in Chinese." in text
    assert f'<a href="{url_of(park)}" hreflang="zh-Hans">Read it in Chinese</a>' in text
    assert '<h1 lang="zh-Hans">青岛港产业园</h1>' in text  # no English name yet
    assert "Parks in this zone" in text and "Parks within this one" not in text
    assert "园区的中文介绍。" in client.get(url_of(park)).text


def test_an_english_article_says_its_chinese_byline_is_chinese(client):
    article = english_article(author="半岛记者李红梅", source_outlet="半岛都市报")
    english = main_of(client.get(f"/en{url_of(article)}").text)
    assert '<span>Byline, in Chinese: <span lang="zh-Hans">半岛记者李红梅</span></span>' in english
    chinese = main_of(client.get(url_of(article)).text)
    assert '<span><span lang="zh-Hans">半岛记者李红梅</span></span>' in chinese and "署名" not in chinese


def test_facts_that_exist_only_in_chinese_say_so_and_english_aliases_are_not_marked_chinese(client):
    park = make_park(name="青岛港产业园", name_en="Port Park", slug="port-park", address="青岛市市北区港青路1号")
    enterprise = make_enterprise(name="青岛创新奇智科技集团股份有限公司", name_en="AInnovation Group", slug="ainnovation",
                                 headquarters="青岛市即墨区", aliases="AInnovation、创新奇智")  # fmt: skip
    park_facts = main_of(client.get(f"/en{url_of(park)}").text).split('<dl class="facts">')[1]
    assert '<dt>Address in Chinese</dt><dd><span lang="zh-Hans">青岛市市北区港青路1号</span>' in park_facts
    facts = main_of(client.get(f"/en{url_of(enterprise)}").text).split('<dl class="facts">')[1]
    assert '<dt>Full name in Chinese</dt><dd lang="zh-Hans">青岛创新奇智科技集团股份有限公司</dd>' in facts
    assert '<dt>Headquarters in Chinese</dt><dd lang="zh-Hans">青岛市即墨区</dd>' in facts
    assert '<dd><span>AInnovation</span>, <span lang="zh-Hans">创新奇智</span></dd>' in facts
    # The Chinese page keeps its plain labels: everything there is Chinese.
    chinese = client.get(url_of(enterprise)).text
    assert "<dt>全称</dt>" in chinese and "<dt>总部所在地</dt>" in chinese
    assert "<dd><span>AInnovation</span>、<span>创新奇智</span></dd>" in chinese
    assert "<dt>地址</dt>" in client.get(url_of(park)).text


def test_see_all_links_count_in_proper_english(client):
    # The link appears only when the list goes on (tests/test_thin_pages.py), so always with "all" and a plural.
    from bureau.places import DETAIL_ARTICLES

    park = make_park(name="青岛港产业园", slug="port-park", name_en="Port Park")
    chinese_article(slug="one").parks.add(park)
    assert "See 1 article" not in client.get(f"/en{url_of(park)}").text
    for i in range(DETAIL_ARTICLES):
        chinese_article(slug=f"more-{i}", title=f"第{i}篇").parks.add(park)
    total = DETAIL_ARTICLES + 1
    text = client.get(f"/en{url_of(park)}").text
    assert f"See all {total} articles" in text and "All 1 article" not in text
    assert f"查看全部{total}篇文章" in client.get(url_of(park)).text


# -------------------------------------------------------------------- hreflang and the sitemap


def alternates(text):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text))


def test_hreflang_names_the_english_page_only_where_there_is_an_english_version(client):
    with_english, chinese_only = english_article(), chinese_article()
    for url in (url_of(with_english), f"/en{url_of(with_english)}"):
        assert set(alternates(client.get(url).text)) == {"zh-Hans", "en", "x-default"}
    for url in (url_of(chinese_only), f"/en{url_of(chinese_only)}"):
        assert set(alternates(client.get(url).text)) == {"zh-Hans", "x-default"}
    # The language switcher still offers the English page, which says what it lacks.
    assert f'href="/en{url_of(chinese_only)}" hreflang="en"' in client.get(url_of(chinese_only)).text
    unnamed, named = (
        make_park(name="无英文名园区", slug="p1"),
        make_park(name="有英文名园区", slug="p2", name_en="Named Park"),
    )
    assert "en" not in alternates(client.get(url_of(unnamed)).text)
    assert "en" in alternates(client.get(url_of(named)).text)
    assert "en" in alternates(client.get("/news/").text)  # list pages are the site's own: always


def test_the_sitemap_names_english_alternates_only_for_english_versions(client):
    with_english, chinese_only = english_article(), chinese_article()
    response = client.get("/sitemap.xml")
    urls = sitemap_urls(response)
    assert f"http://testserver/en{url_of(with_english)}" in urls
    assert f"http://testserver/en{url_of(chinese_only)}" not in urls
    assert f"http://testserver{url_of(chinese_only)}" in urls
    links = re.findall(r'<xhtml:link rel="alternate" hreflang="en" href="([^"]+)"', response.text)
    assert f"http://testserver/en{url_of(with_english)}" in links
    assert f"http://testserver/en{url_of(chinese_only)}" not in links


# -------------------------------------------------------------------- dates


def test_a_date_only_source_shows_its_date_without_a_time_in_both_languages(client):
    article = chinese_article(when=datetime(2024, 9, 27, tzinfo=SHANGHAI), source_date=date(2024, 9, 27))
    assert not article.published_time_known
    chinese = main_of(client.get(url_of(article)).text)
    english = main_of(client.get(f"/en{url_of(article)}").text)
    assert '<time datetime="2024-09-27">2024年9月27日</time>' in chinese and "00:00" not in chinese
    assert '<time datetime="2024-09-27">27 September 2024</time>' in english
    assert "midnight" not in english and "00:00" not in english


def test_our_own_articles_show_their_time_in_beijing_time(client):
    article = english_article(when=datetime(2024, 9, 27, 1, 30, tzinfo=ZoneInfo("UTC")))  # 09:30 in Qingdao
    assert article.published_time_known
    chinese = client.get(url_of(article)).text
    english = client.get(f"/en{url_of(article)}").text
    assert '<time datetime="2024-09-27T09:30:00+08:00">2024年9月27日 09:30</time>' in chinese
    assert '<time datetime="2024-09-27T09:30:00+08:00">27 September 2024, 09:30</time>' in english
    # A midnight that is not the source's day is a real time.
    other = chinese_article(when=datetime(2024, 9, 28, tzinfo=SHANGHAI), source_date=date(2024, 9, 27))
    assert other.published_time_known


# -------------------------------------------------------------------- feeds


LONG_BODY = (
    "<p>青岛高新区今年新引进人工智能企业三十余家，产业规模持续扩大，"
    "园区内的算力中心已经投入运营，为企业提供训练与推理服务。</p>"
    "<p>下一步，高新区将继续完善产业政策，吸引更多研发团队落户，打造具有全国影响力的人工智能产业集群。"
    "同时推动应用场景开放，促进技术与制造业深度融合，让更多中小企业用得上、用得起人工智能。</p>"
    "<p>相关负责人表示，园区将在三年内建成完整的产业链条。</p>"
)


def test_every_chinese_feed_entry_has_a_summary(client):
    chinese_article(summary="写好的摘要。", slug="with-summary")
    chinese_article(summary="", body=LONG_BODY, slug="without-summary", title="没有摘要的新闻")
    root = parse_xml(client.get("/news/feed.xml"))
    summaries = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}summary") for e in root.iter(f"{ATOM}entry")}
    assert summaries["青岛港口新闻"] == "写好的摘要。"
    opening_lines = summaries["没有摘要的新闻"]
    assert opening_lines.startswith("青岛高新区今年新引进") and opening_lines.endswith("。")
    assert 120 <= len(opening_lines) <= 200 and "<" not in opening_lines


def test_the_english_feed_carries_english_articles_with_english_summaries(client):
    tag = english_tag("人工智能", "Artificial intelligence")
    english_article().tags.add(tag)
    english_article(slug="no-summary", title="另一篇", title_en="Another story", summary_en="",
                    body_en="<p>First sentence here. Second one.</p>")  # fmt: skip
    chinese_article().tags.add(tag)
    response = client.get("/en/news/feed.xml")
    assert feed_titles(response) == ["Another story", "Hi-tech Zone issues AI policy"]
    root = parse_xml(response)
    summaries = [entry.findtext(f"{ATOM}summary") for entry in root.iter(f"{ATOM}entry")]
    assert summaries == ["First sentence here. Second one.", "An English summary."]
    assert "Artificial intelligence" in [c.get("term") for c in root.iter(f"{ATOM}category")]
    tag_feed = client.get("/en/tags/人工智能/feed.xml")
    assert feed_titles(tag_feed) == ["Hi-tech Zone issues AI policy"]
    assert "Artificial intelligence" in parse_xml(tag_feed).findtext(f"{ATOM}title")
    assert feed_titles(client.get("/tags/人工智能/feed.xml")) == ["青岛港口新闻", "高新区发布人工智能政策"]


def test_opening_sentences_are_cut_at_a_sentence_end():
    text = opening(LONG_BODY)
    assert 120 <= len(text) <= 200 and text.endswith("。")
    assert opening("<p>Short.</p><p>Two paragraphs.</p>") == "Short. Two paragraphs."
    english = " ".join(["This is a sentence of about fifty characters long."] * 6)
    cut = opening(english)
    assert cut.endswith(".") and 120 <= len(cut) <= 200
    assert opening("字" * 300).endswith("…") and len(opening("字" * 300)) == 200
    assert opening("") == ""


def test_cards_cut_english_summaries_between_words_and_chinese_anywhere(client):
    summary_en = "The largest project signed at the event, about 7.5 billion yuan of investment in rail transit works."
    make_park(name="青岛天安科创城", summary="青岛天安科创城" + "总投资约75亿元，" * 12, summary_en=summary_en)
    card = re.search(r'<p class="card-summary"[^>]*>(.*?)</p>', client.get("/en/parks/").content.decode()).group(1)
    assert card.endswith("…") and len(card) <= 90
    assert summary_en.startswith(card[:-1].rstrip()) and summary_en[len(card) - 1] in " ,"  # a whole word
    chinese = re.search(r'<p class="card-summary"[^>]*>(.*?)</p>', client.get("/parks/").content.decode()).group(1)
    assert len(chinese) == 90 and chinese.endswith("…")  # Chinese may stop between any two characters
    assert shorten("about 7.5 billion yuan", 15) == "about 7.5…"
    assert shorten("Supercalifragilisticexpialidocious", 10) == "Supercali…"  # one long word is still cut
    assert shorten("short", 10) == "short"


# -------------------------------------------------------------------- what English pages say


def visible_english(text):
    """The page's <main> without markup or any element marked Chinese (roughly: flat elements)."""
    main = main_of(text)
    main = re.sub(r'<(\w+)[^>]*\blang="zh[^"]*"[^>]*>.*?</\1>', " ", main, flags=re.S)
    return re.sub(r"<[^>]+>", " ", main)


def test_english_sentences_we_write_carry_no_chinese_punctuation(client):
    article = chinese_article(summary_en="The port grew.", when=datetime(2024, 9, 27, tzinfo=SHANGHAI),
                              source_date=date(2024, 9, 27), source_outlet="青岛日报")  # fmt: skip
    park = make_park(name="青岛港产业园", slug="port-park", description="<p>介绍。</p>")
    english_article(slug="other").tags.add("港口")
    for url in (f"/en{url_of(article)}", f"/en{url_of(park)}", "/en/news/", "/en/tags/港口/"):
        shown = visible_english(client.get(url).text)
        assert not CHINESE_PUNCTUATION.search(shown), (url, CHINESE_PUNCTUATION.findall(shown))


def test_articles_have_an_english_version_only_with_an_english_title():
    assert Article(title="中文", title_en="English").has_english
    assert not Article(title="中文", summary_en="Only a summary").has_english
