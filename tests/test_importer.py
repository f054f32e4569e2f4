"""The article importer: three page formats, boilerplate, Traditional Chinese, refusals, the command."""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from content.models import Status
from content.sanitizer import sanitize
from news import importer
from news.models import Article
from tests.helpers import make_article

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
BEIJING = ZoneInfo("Asia/Shanghai")

FRONT_MATTER_PAGE = """---
layout: post
title: "青岛高新区企业登陆港股"
date: 2022-01-28 15:49:21 +0800
categories: qingdaocaijingribao
tags: 青岛财经日报新闻
---
<!-- EM_StockImg_Start --><p style="text-align:center;"><a href="http://quote.example.com/r/116.02121"><img src="https://chart.example.com/GetPic.aspx?nid=116.02121" alt="K图" /></a></p><!-- EM_StockImg_End --><p>昨日上午，青岛某科技集团在香港联合交易所主板挂牌上市，股票代码2121.HK。</p>
 <p>打造项目落地上市的“青岛速度”</p>
 <p>该企业成立于2018年3月，聚焦人工智能技术的落地应用，营收规模持续增长。</p><p class="em_media">（文章来源：青岛财经日报）</p>

<http://finews.example.com/html_News/NewsShare.html?infoCode=NW202201282265861617>

[返回青岛财经日报新闻](//finews.example.com/category/qingdaocaijingribao.html)｜[返回首页](//finews.example.com/)
"""

TRADITIONAL_TEXT = """來源:青島新聞網
2024-04-28 08:47:04
原標題:中關村科技企業家“組團”來青
來源:青報觀象山
闊步春風里,青島再度迎來了“情投意合”的夥伴。
“2024中關村科技企業家青島行”活動現場。
01
共享機遇
此次來訪的企業覆蓋農業科技、信息技術、新材料等領域,都是各自“賽道”的明星企業。
作者|耿耿
想爆料?請登錄《陽光連線》、撥打新聞熱線0531-66661234,提供新聞線索。
"""

HEADLINE_TEXT = """当前位置:首页 > 青岛产业信息 > 正文内容

喊出“重回全国前十”青岛高新区的两大底气

admin1年前 (2024-09-27)青岛产业信息110

  近日,科技部火炬中心公布了全国157个国家高新区综合评价结果,青岛高新区综合排名位列第16名。

  青岛高新区敢喊出这样的目标,是有其底气的,其中之一是得天独厚的开放优势。

葛毅明微信号
产业招商/厂房土地租售:400 0123 021
版权声明:本文由青岛厂房网发布,如需转载请注明出处。

分享给朋友:

相关文章

SCC青岛科技创新园

  青岛科技创新园项目是由国企市北城发集团开发建设的产业园区。
"""

BYLINE_TEXT = """接力冲刺 百余位深圳代表落地考察
16日下午,企业家及商协会代表参观海尔卡奥斯工业互联网平台展厅。
文图半岛记者李红梅李兵景毅
“投资青岛就是投资国家战略。”7月16日中午,百余位来自深圳的企业家就开始在青岛的落地考察。
>>>迫不及待
直奔优质工业互联网项目
半岛记者跟随考察团来到海尔中央空调互联工厂,一起参观考察大规模定制及绿色商业&办公解决方案,随后在青岛镭测创

芯科技有限公司座谈。
新闻推荐
■情绪监测■广州万隆短期行情处于多杀多阶段...
"""


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def texts(doc, tag=None):
    return [block.text for block in doc.blocks if tag is None or block.tag == tag]


# --- the three formats -------------------------------------------------------


def test_html_with_front_matter():
    doc = importer.parse_text(FRONT_MATTER_PAGE, path="page.html")
    assert doc.title == "青岛高新区企业登陆港股"
    assert doc.outlet == "青岛财经日报"
    assert doc.source_url == "http://finews.example.com/html_News/NewsShare.html?infoCode=NW202201282265861617"
    assert doc.source_datetime == datetime(2022, 1, 28, 15, 49, 21, tzinfo=BEIJING)
    assert doc.source_date == date(2022, 1, 28)
    assert texts(doc, "h2") == ["打造项目落地上市的“青岛速度”"]
    assert texts(doc, "p")[0].startswith("昨日上午")
    # The stock chart from another host, the source line and the navigation links are gone.
    assert "<img" not in doc.body and "chart.example.com" not in doc.body
    assert "文章来源" not in doc.body and "返回首页" not in doc.body
    assert doc.dropped["images from other hosts"] == 1


def test_plain_text_with_source_and_date_lines_in_traditional_chinese():
    doc = importer.parse_text(TRADITIONAL_TEXT, path="page.txt")
    assert doc.converted_from_traditional
    assert doc.title == doc.original_title == "中关村科技企业家“组团”来青"
    assert doc.outlet == "青岛新闻网"  # the page's own source line
    assert doc.original_outlet == "青报观象山"  # the second one: the outlet whose story the page republishes
    assert doc.source_datetime == datetime(2024, 4, 28, 8, 47, 4, tzinfo=BEIJING)
    assert doc.author == "耿耿"
    assert texts(doc) == [
        "阔步春风里,青岛再度迎来了“情投意合”的伙伴。",
        "“2024中关村科技企业家青岛行”活动现场。",
        "共享机遇",
        "此次来访的企业覆盖农业科技、信息技术、新材料等领域,都是各自“赛道”的明星企业。",
    ]
    assert texts(doc, "h2") == ["共享机遇"]
    # The caption of a photo that is not there is kept where the photo was, as a caption;
    # the section number and the hotline are dropped.
    assert texts(doc, "figcaption") == ["“2024中关村科技企业家青岛行”活动现场。"]
    assert "<figure><figcaption>“2024中关村科技企业家青岛行”活动现场。</figcaption></figure>" in doc.body
    assert "01" not in doc.body and "热线" not in doc.body


def test_plain_text_with_headline_under_a_site_header():
    doc = importer.parse_text(HEADLINE_TEXT, path="page.txt")
    assert doc.title == "喊出“重回全国前十”青岛高新区的两大底气"
    assert doc.source_date == date(2024, 9, 27)
    assert doc.outlet == "青岛厂房网"  # from the copyright line, which is itself dropped
    assert len(texts(doc, "p")) == 2
    for boilerplate in (
        "当前位置",
        "admin",
        "微信",
        "400 0123 021",
        "版权声明",
        "分享给朋友",
        "相关文章",
        "SCC青岛科技创新园",
    ):
        assert boilerplate not in doc.body


def test_byline_captions_subheadings_broken_paragraphs_and_related_list():
    doc = importer.parse_text(BYLINE_TEXT, path="page.txt")
    assert doc.title == "接力冲刺 百余位深圳代表落地考察"
    assert doc.author == "半岛记者李红梅李兵景毅"
    assert doc.outlet == "半岛都市报"
    assert [(block.tag, block.text) for block in doc.blocks if block.tag != "p"] == [
        ("figcaption", "16日下午,企业家及商协会代表参观海尔卡奥斯工业互联网平台展厅。"),  # the lead photo's, first
        ("h2", "迫不及待"),
        ("h3", "直奔优质工业互联网项目"),
    ]
    # A paragraph cut in mid-sentence by the page layout is joined again.
    assert texts(doc, "p")[-1].endswith("在青岛镭测创芯科技有限公司座谈。")
    assert "情绪监测" not in doc.body and "新闻推荐" not in doc.body
    assert "绿色商业&amp;办公" in doc.body


def test_imported_body_is_left_unchanged_by_the_sanitizer():
    for text in (FRONT_MATTER_PAGE, TRADITIONAL_TEXT, HEADLINE_TEXT, BYLINE_TEXT):
        body = importer.parse_text(text).body
        assert sanitize(body) == body


def test_simplified_text_is_not_converted():
    doc = importer.parse_text(HEADLINE_TEXT)
    assert not doc.converted_from_traditional


def test_gbk_encoded_page_is_read(tmp_path):
    doc = importer.read_document(write(tmp_path, "gbk.txt", HEADLINE_TEXT, encoding="gb18030"))
    assert doc.title == "喊出“重回全国前十”青岛高新区的两大底气"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_page_with_its_byte_order_mark_is_read_not_called_binary(tmp_path, encoding):
    # Windows Notepad's "Unicode" is UTF-16 with a byte-order mark: zero bytes everywhere, text all the same.
    raw = ("\ufeff" + HEADLINE_TEXT).encode(encoding) if encoding.endswith("be") else HEADLINE_TEXT.encode(encoding)
    doc = importer.read_document(write(tmp_path, "notepad.txt", raw))
    assert doc.title == "喊出“重回全国前十”青岛高新区的两大底气"


# --- the seeds ---------------------------------------------------------------

SEED_EXPECTATIONS = {
    "000": dict(
        title="山东首家AI独角兽企业登陆港股",
        outlet="青岛财经日报",
        source_url="http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201282265861617",
        source_datetime=datetime(2022, 1, 28, 15, 49, 21, tzinfo=BEIJING),
        author="",
        headings=["打造项目落地上市的“青岛速度”", "引进一个项目带动一条产业", "助力企业跑出发展加速度"],
        absent=["eastmoney", "<img", "返回首页", "文章来源"],
    ),
    "001": dict(
        title="市委书记热情邀约!中关村科技企业家“组团”来青,看青岛与北京如何“双向奔赴”",
        outlet="青岛新闻网",
        source_url="",
        source_datetime=datetime(2024, 4, 28, 8, 47, 4, tzinfo=BEIJING),
        author="耿耿",
        headings=["共享机遇", "共谋发展", "共话未来"],
        original_outlet="青报观象山",
        captions=[
            "“2024中关村科技企业家青岛行”活动现场。",
            "华赛伯曼实验室。",
            "国信1号。",
            "青岛市人工智能产业园一隅。",
        ],
        absent=["原标题", "想爆料", "热线", "作者", "来源"],
    ),
    "002": dict(
        title="踏歌前行山海间 合力角逐新赛道",
        outlet="",
        source_url="",
        source_datetime=None,
        author="",
        headings=[
            "“筑巢引凤”建高地 打造一流营商环境",
            "角逐新赛道布局新产业 激发区域发展新动能",
            "抢占新风口迎接新挑战 助力城市格局重塑",
            "三轮驱动一体发展 建设区域性科创产业新高地",
        ],
        captions=[
            "青岛国际创新园航拍。",
            "青岛国际创新园党群服务中心“只来一个点”服务窗口。",
            "青岛微电子产业园生产线投产。",
            "建设中的青岛虚拟现实产业园。",
            # The only place the seeds name this talent base.
            "青岛高层次人才创新创业基地。",
        ],
        absent=[],
    ),
    "003": dict(
        title="接力冲刺 百余位深圳代表落地考察,要把青岛工业互联网介绍出去",
        outlet="半岛都市报",
        source_url="",
        source_datetime=None,
        author="半岛记者李红梅李兵景毅",
        headings=[
            "迫不及待",
            "直奔优质工业互联网项目",
            "诚意动人",
            "深圳企业总部来青“安家”",
            "加码布局",
            "“块头”最大项目落地城阳",
        ],
        captions=["16日下午,企业家及商协会代表参观海尔卡奥斯工业互联网平台展厅。"],
        absent=["新闻推荐", "情绪监测", ">>>"],
    ),
    "004": dict(
        title="喊出“重回全国前十”青岛高新区的两大底气",
        outlet="青岛厂房网",
        source_url="",
        source_datetime=datetime(2024, 9, 27, tzinfo=BEIJING),
        author="",
        headings=[],
        absent=[
            "当前位置",
            "葛毅明",
            "400 0123 021",
            "13391219793",
            "版权声明",
            "相关文章",
            "SCC青岛科技创新园",
            "郡县热点",
        ],
    ),
}


@pytest.mark.parametrize("key", sorted(SEED_EXPECTATIONS))
def test_seed_documents(key):
    expected = SEED_EXPECTATIONS[key]
    doc = importer.read_document(next(SEEDS.glob(f"{key}_*")))
    assert doc.title == expected["title"]
    assert doc.outlet == expected["outlet"]
    assert doc.source_url == expected["source_url"]
    assert doc.source_datetime == expected["source_datetime"]
    assert doc.author == expected["author"]
    assert doc.converted_from_traditional == (key == "001")
    assert doc.original_outlet == expected.get("original_outlet", "")
    assert [block.text for block in doc.blocks if block.tag in {"h2", "h3"}] == expected["headings"]
    # Captions whose photo is gone are content: each is in the body, marked as a caption, where it was.
    assert texts(doc, "figcaption") == expected.get("captions", [])
    for caption in expected.get("captions", []):
        assert f"<figure><figcaption>{caption}</figcaption></figure>" in doc.body
    for fragment in expected["absent"]:
        assert fragment not in doc.body, fragment
    assert doc.paragraph_count >= 10


# --- the command -------------------------------------------------------------


@pytest.mark.django_db
def test_command_creates_a_draft_and_reports_it(tmp_path):
    path = write(tmp_path, "page.html", FRONT_MATTER_PAGE)
    out = _run(path)
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.title == article.original_title == "青岛高新区企业登陆港股"
    assert article.source_outlet == "青岛财经日报"
    assert article.source_date == date(2022, 1, 28)
    assert article.body.startswith("<p>昨日上午")
    assert article.slug
    assert f"Created draft article “青岛高新区企业登陆港股” (slug {article.slug}) from {path}" in out
    assert "2 paragraphs; 1 subheadings; outlet 青岛财经日报" in out


@pytest.mark.django_db
def test_importing_a_republished_seed_keeps_its_captions_and_its_original_publisher():
    path = next(SEEDS.glob("001_*"))
    out = _run(path)
    article = Article.objects.get()
    assert article.source_outlet == "青岛新闻网"
    assert article.original_outlet == "青报观象山"
    # The photo is gone, its caption is not: the only mention of this laboratory in the seeds.
    assert "<figure><figcaption>华赛伯曼实验室。</figcaption></figure>" in article.body
    assert "4 photo captions kept as text" in out and "first published by 青报观象山" in out


@pytest.mark.django_db
def test_the_kept_caption_and_the_original_publisher_are_on_the_article_page(client):
    article = make_article(
        body="<p>正文。</p>\n<figure><figcaption>青岛高层次人才创新创业基地。</figcaption></figure>",
        source_outlet="青岛新闻网",
        original_outlet="青报观象山",
        title_en="Title",
        body_en="<p>Text.</p>\n<figure><figcaption>The Qingdao High-Level Talent Base.</figcaption></figure>",
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<figure><figcaption>青岛高层次人才创新创业基地。</figcaption></figure>" in page
    assert "首发：" in page and '<span lang="zh-Hans">青报观象山</span>' in page
    english = client.get("/en" + article.get_absolute_url()).content.decode()
    assert "<figure><figcaption>The Qingdao High-Level Talent Base.</figcaption></figure>" in english
    assert "First published by" in english and '<span lang="zh-Hans">青报观象山</span>' in english


@pytest.mark.django_db
def test_command_refuses_an_article_that_exists_by_source_address(tmp_path):
    make_article(
        title="另一个标题",
        source_url="http://finews.example.com/html_News/NewsShare.html?infoCode=NW202201282265861617",
    )
    with pytest.raises(CommandError, match="same original address.*--update.*Nothing was imported"):
        _run(write(tmp_path, "page.html", FRONT_MATTER_PAGE))
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_command_refuses_an_article_that_exists_by_headline_and_date(tmp_path):
    make_article(title="喊出“重回全国前十”青岛高新区的两大底气", source_date=date(2024, 9, 27))
    path = write(tmp_path, "page.txt", HEADLINE_TEXT)
    with pytest.raises(CommandError, match=rf"{path}: an article with the same headline and date \(2024-09-27\)"):
        _run(path)
    # Same headline, another date: a different story.
    Article.objects.update(source_date=date(2023, 1, 1))
    _run(path)
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_update_replaces_the_text_and_keeps_status_slug_and_links(tmp_path):
    path = write(tmp_path, "page.txt", HEADLINE_TEXT)
    _run(path)
    article = Article.objects.get()
    article.status, article.body = Status.PUBLISHED, "<p>编辑改过的正文。</p>"
    article.save()
    article.tags.add("人工智能")
    out = _run(path, "--update")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.body.startswith("<p>近日")
    assert list(article.tags.names()) == ["人工智能"]
    assert "Updated article" in out


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path):
    out = _run(write(tmp_path, "page.txt", HEADLINE_TEXT), "--dry-run")
    assert "Would create draft article “喊出“重回全国前十”青岛高新区的两大底气”" in out
    assert "nothing was written" in out
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"  \n\n ", "the file is empty"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("latin.txt", b"just some English text, no story here\n", "no Chinese text found"),
        ("headless.txt", '---\ntitle: ""\n---\n<p>正文。</p>\n'.encode(), "no headline found"),
        ("bodyless.txt", "青岛高新区发展报告\n".encode(), "no article text found"),
        (
            "unclosed.html",
            "---\ntitle: 标题\n<p>正文。</p>\n".encode(),
            "front-matter header opened with --- is never closed",
        ),
    ],
)
def test_command_refuses_unreadable_files_naming_them(tmp_path, name, content, problem):
    path = write(tmp_path, name, content)
    with pytest.raises(CommandError) as error:
        _run(path)
    assert str(path) in str(error.value) and problem in str(error.value)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_command_refuses_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        _run(tmp_path / "missing.txt")
    with pytest.raises(CommandError, match="a folder"):
        _run(tmp_path)


@pytest.mark.django_db
def test_one_transaction_a_bad_file_imports_nothing(tmp_path):
    good = write(tmp_path, "good.txt", HEADLINE_TEXT)
    bad = write(tmp_path, "bad.txt", b"")
    with pytest.raises(CommandError, match=f"{bad}: the file is empty"):
        _run(good, bad)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_the_same_page_twice_in_one_run_is_refused(tmp_path):
    path = write(tmp_path, "page.txt", HEADLINE_TEXT)
    with pytest.raises(CommandError, match="already exists"):
        _run(path, path)
    assert not Article.objects.exists()


def test_command_has_help():
    from news.management.commands.import_article import Command

    assert "draft" in Command.help and "--update" in Command.help


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_article", *map(str, args), stdout=out)
    return out.getvalue()


def test_a_whole_saved_html_page_without_front_matter():
    page = """<!DOCTYPE html><html><head><title>青岛高新区企业登陆港股_青岛新闻网</title>
    <style>p { color: red }</style><script>var ad = "广告";</script></head>
    <body><nav><a href="/">首页</a> &gt; <a href="/news/">新闻</a></nav>
    <h1>青岛高新区企业登陆港股</h1>
    <div class="meta">来源:青岛新闻网 2022-01-28 15:49</div>
    <p>昨日上午,青岛某科技集团在香港联合交易所主板挂牌上市。</p>
    <p><img src="https://chart.example.com/k.png"></p>
    <p>该企业成立于2018年3月,聚焦人工智能技术的落地应用。</p>
    <footer>版权所有 青岛新闻网</footer></body></html>"""
    doc = importer.parse_text(page, path="page.html")
    assert doc.format == "html"
    assert doc.title == "青岛高新区企业登陆港股"
    assert doc.outlet == "青岛新闻网"
    assert doc.source_datetime == datetime(2022, 1, 28, 15, 49, tzinfo=BEIJING)
    assert texts(doc) == [
        "昨日上午,青岛某科技集团在香港联合交易所主板挂牌上市。",
        "该企业成立于2018年3月,聚焦人工智能技术的落地应用。",
    ]
