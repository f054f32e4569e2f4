"""What a visitor sees on each public page: published content answers 200, anything else 404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import make_article, make_enterprise, make_park
from tests.public_helpers import (
    hours_ago,
    make_enterprise_figure,
    make_park_figure,
    make_qualification,
)

pytestmark = pytest.mark.django_db

FUTURE = timezone.now() + timedelta(days=2)


def make(kind, **fields):
    return {"article": make_article, "park": make_park, "enterprise": make_enterprise}[kind](**fields)


# ---------------------------------------------------------------- status codes


@pytest.mark.parametrize("kind", ["article", "park", "enterprise"])
def test_a_published_detail_page_answers(client, kind):
    obj = make(kind)
    assert client.get(obj.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("kind", ["article", "park", "enterprise"])
@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_a_draft_or_scheduled_detail_page_is_404(client, kind, state):
    obj = make(kind, published=False) if state == "draft" else make(kind, when=FUTURE)
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 404
    assert "site-header" in response.text  # the site's own 404 page


@pytest.mark.parametrize("prefix", ["/news/", "/parks/", "/enterprises/"])
@pytest.mark.parametrize("slug", ["no-such-thing", "人工智能", "%E4%BA%BA", "a" * 300])
def test_an_unknown_or_non_ascii_slug_is_404(client, prefix, slug):
    assert client.get(f"{prefix}{slug}/").status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/", "/news/", "/parks/", "/enterprises/", "/search/", "/en/", "/en/news/", "/en/parks/", "/en/enterprises/"],
)
def test_every_page_answers_on_an_empty_site(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<main" in response.text


def test_the_404_page_is_in_the_site_style_and_offers_a_way_on(client):
    response = client.get("/there/is/nothing/here/")
    assert response.status_code == 404
    text = response.text
    assert "site-footer" in text and 'action="/search/"' in text
    assert 'content="noindex' in text
    assert client.get("/en/nothing/").status_code == 404


def test_the_500_page_renders_without_a_request_or_the_database(client, rf):
    from bureau.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"site.css" in response.content


# ---------------------------------------------------------------- home


def test_home_shows_featured_and_latest_news_parks_figures_and_enterprises(client):
    lead = make_article(title="头条：高新区重大项目签约", featured=True, summary="重大项目落地。")
    latest = make_article(title="普通新闻一则", when=hours_ago(2))
    make_article(title="草稿新闻", published=False, featured=True)
    park = make_park(name="青岛高新技术产业开发区", level="national", featured=True)
    make_park(name="草稿园区", published=False, featured=True)
    enterprise = make_enterprise(name="青岛创新奇智科技集团股份有限公司", short_name="创新奇智", featured=True)
    enterprise.qualifications.add(make_qualification())
    make_park_figure(park, label="营业收入", value="1200.5", unit="亿元", source=latest)

    text = client.get("/").text
    for shown in (
        "头条：高新区重大项目签约",
        "普通新闻一则",
        "青岛高新技术产业开发区",
        "创新奇智",
        "独角兽企业",
        "1,200.5亿元",
        "营业收入",
    ):
        assert shown in text
    assert "草稿" not in text
    assert text.index("头条：高新区重大项目签约") < text.index("普通新闻一则")
    assert latest.get_absolute_url() in text  # the figure's source
    assert lead.get_absolute_url() in text


# ---------------------------------------------------------------- article


def test_article_page_shows_source_tags_links_and_neighbours(client):
    older = make_article(title="更早的新闻", when=hours_ago(5))
    article = make_article(
        title="青岛高新区人工智能产业规模突破120亿元",
        when=hours_ago(3),
        summary="人工智能产业加速集聚。",
        body="<p>青岛高新区与创新奇智合作。</p>",
        source_outlet="青岛日报",
        source_url="https://epaper.example.com/qdrb/1.html",
        original_title="高新区AI产业跑出加速度",
        author="记者 王明",
    )
    newer = make_article(title="更新的新闻", when=hours_ago(1))
    make_article(title="草稿不算邻居", when=hours_ago(2), published=False)
    park = make_park(name="青岛高新技术产业开发区", aliases="青岛高新区")
    enterprise = make_enterprise(name="青岛创新奇智科技集团股份有限公司", short_name="创新奇智")
    hidden = make_enterprise(name="未发布企业有限公司", published=False)
    article.parks.add(park)
    article.enterprises.add(enterprise, hidden)
    article.tags.add("人工智能")
    related = make_article(title="另一篇人工智能新闻", when=hours_ago(10))
    related.tags.add("人工智能")

    text = client.get(article.get_absolute_url()).text
    assert "青岛日报" in text and 'href="https://epaper.example.com/qdrb/1.html"' in text
    assert "高新区AI产业跑出加速度" in text and "记者 王明" in text
    assert reverse("bureau:tag_detail", kwargs={"slug": "人工智能"}) in text
    assert park.get_absolute_url() in text and enterprise.get_absolute_url() in text
    assert "未发布企业" not in text
    assert older.get_absolute_url() in text and newer.get_absolute_url() in text
    assert "草稿不算邻居" not in text
    assert "另一篇人工智能新闻" in text  # related by a shared tag


def test_related_articles_rank_shared_parks_enterprises_and_tags_then_recency(client):
    park = make_park(name="青岛高新技术产业开发区")
    enterprise = make_enterprise(name="卡奥斯物联科技股份有限公司", short_name="卡奥斯")
    article = make_article(title="主新闻", when=hours_ago(1))
    article.parks.add(park)
    article.enterprises.add(enterprise)
    article.tags.add("人工智能", "工业互联网")

    def related(title, hours, *, parks=(), enterprises=(), tags=(), published=True):
        other = make_article(title=title, when=hours_ago(hours), published=published)
        other.parks.add(*parks)
        other.enterprises.add(*enterprises)
        other.tags.add(*tags)

    related("只有一个标签的新文章", 2, tags=["人工智能"])
    related("共享园区企业和标签的旧文章", 300, parks=[park], enterprises=[enterprise], tags=["人工智能"])
    related("共享两个标签", 50, tags=["人工智能", "工业互联网"])
    related("共享企业", 40, enterprises=[enterprise])
    related("毫无关系", 3, tags=["海洋经济"])
    related("草稿也共享园区", 4, parks=[park], enterprises=[enterprise], published=False)

    section = client.get(article.get_absolute_url()).text.split('class="related-articles"')[1].split("</section>")[0]
    # Three shared links, then two, then the two with one each, the newer first.
    positions = [
        section.find(title)
        for title in ("共享园区企业和标签的旧文章", "共享两个标签", "只有一个标签的新文章", "共享企业")
    ]
    assert -1 not in positions and positions == sorted(positions)
    assert "毫无关系" not in section and "草稿也共享园区" not in section and "主新闻" not in section


def test_an_article_without_links_has_no_related_section(client):
    make_article(title="另一篇", when=hours_ago(2)).tags.add("人工智能")
    response = client.get(make_article(title="孤立新闻").get_absolute_url())
    assert response.status_code == 200 and 'class="related-articles"' not in response.text


def test_article_cover_has_a_rendition_with_srcset(client):
    from tests.helpers import upload

    article = make_article(cover=upload("cover.jpg"), cover_alt="园区鸟瞰")
    text = client.get(article.get_absolute_url()).text
    assert 'srcset="' in text and "960w" in text and 'alt="园区鸟瞰"' in text
    assert ".webp" in text


def test_the_first_mention_of_a_linked_park_becomes_a_link(client):
    park = make_park(name="青岛高新技术产业开发区", aliases="青岛高新区")
    article = make_article(body="<p>青岛高新区今年发展迅速。青岛高新区还将继续。</p>")
    article.parks.add(park)
    text = client.get(article.get_absolute_url()).text
    assert f'<a class="mention" href="{park.get_absolute_url()}">青岛高新区</a>今年' in text
    assert text.count('class="mention"') == 1
    article.refresh_from_db()
    assert "mention" not in article.body  # what staff wrote is untouched


# ---------------------------------------------------------------- park


def test_park_page_shows_facts_figures_enterprises_family_operator_and_news(client):
    zone = make_park(name="青岛高新技术产业开发区", level="national", district="chengyang", established_year=1992)
    operator = make_enterprise(name="青岛高新科技投资有限公司", short_name="高新投资")
    park = make_park(name="青岛人工智能产业园", parent=zone, operator=operator, kind="industrial_park")
    child = make_park(name="人工智能孵化器", parent=park, kind="incubator")
    make_park(name="草稿子园区", parent=park, published=False)
    member = make_enterprise(name="青岛创新奇智科技集团股份有限公司", short_name="创新奇智")
    member.parks.add(park)
    make_enterprise(name="草稿企业有限公司", published=False).parks.add(park)
    source = make_article(title="园区营收创新高")
    news = make_article(title="园区新闻一则")
    news.parks.add(park)
    make_article(title="草稿园区新闻", published=False).parks.add(park)
    make_park_figure(park, label="营业收入", value="56.7", unit="亿元", year=2024, source=source)

    text = client.get(park.get_absolute_url()).text
    for shown in (
        zone.get_absolute_url(),
        operator.get_absolute_url(),
        child.get_absolute_url(),
        member.get_absolute_url(),
    ):
        assert shown in text
    assert "营业收入" in text and "56.7亿元" in text and source.get_absolute_url() in text
    assert "园区新闻一则" in text
    assert "草稿" not in text


def test_a_park_hides_an_unpublished_parent_and_operator(client):
    parent = make_park(name="未发布的上级园区", published=False)
    operator = make_enterprise(name="未发布的运营公司", published=False)
    park = make_park(name="园区", parent=parent, operator=operator)
    text = client.get(park.get_absolute_url()).text
    assert "未发布" not in text


def test_a_figure_from_an_unpublished_article_names_no_source(client):
    park = make_park()
    draft = make_article(title="草稿来源", published=False)
    make_park_figure(park, source=draft)
    text = client.get(park.get_absolute_url()).text
    assert "草稿来源" not in text and draft.get_absolute_url() not in text


# ---------------------------------------------------------------- enterprise


def test_enterprise_page_shows_facts_figures_parks_and_news(client):
    park = make_park(name="青岛高新技术产业开发区")
    operated = make_park(name="青岛国际客厅", kind="investment_platform")
    enterprise = make_enterprise(
        name="青岛创新奇智科技集团股份有限公司",
        short_name="创新奇智",
        name_en="AInnovation",
        stock_code="2121",
        exchange="HKEX",
        founded_year=2018,
    )
    enterprise.parks.add(park)
    operated.operator = enterprise
    operated.save()
    enterprise.qualifications.add(make_qualification("listed", "上市企业", "Listed"))
    source = make_article(title="创新奇智发布年报")
    source.enterprises.add(enterprise)
    make_enterprise_figure(enterprise, label="营业收入", value="12.3", source=source)

    text = client.get(enterprise.get_absolute_url()).text
    for shown in (
        "创新奇智",
        "青岛创新奇智科技集团股份有限公司",
        "2121",
        "2018",
        "上市企业",
        "12.3亿元",
        "创新奇智发布年报",
    ):
        assert shown in text
    assert park.get_absolute_url() in text and operated.get_absolute_url() in text


@pytest.mark.parametrize(
    ("prefix", "investors", "invests_in"), [("", "投资方", "投资企业"), ("/en", "Investors", "Invests in")]
)
def test_enterprise_pages_show_who_invests_in_whom_in_both_directions(client, prefix, investors, invests_in):
    # 002: "公司投资的一批项目…目前海尔卡奥斯、歌尔微电子、特来电3家已成为独角兽企业"
    fund = make_enterprise(name="青岛巨峰科技创业投资有限公司", name_en="Jufeng Venture Capital")
    unicorn = make_enterprise(name="歌尔微电子", name_en="Goertek Microelectronics")
    draft = make_enterprise(name="尚未公开的公司", published=False)
    unicorn.investors.add(fund)
    fund.investors.add(draft)
    fund_url, unicorn_url = prefix + fund.get_absolute_url(), prefix + unicorn.get_absolute_url()

    text = client.get(unicorn_url).text
    assert f"<dt>{investors}</dt>" in text and f'href="{fund_url}"' in text
    text = client.get(fund_url).text
    assert f"<dt>{invests_in}</dt>" in text and f'href="{unicorn_url}"' in text
    # A draft investor is not named on a public page, and with no public investor there is no heading.
    assert "尚未公开的公司" not in text and f"<dt>{investors}</dt>" not in text


# ---------------------------------------------------------------- tags


def test_a_tag_page_gathers_all_three_kinds(client):
    article, park, enterprise = (
        make_article(title="虚拟现实新闻"),
        make_park(name="虚拟现实产业园"),
        make_enterprise(name="歌尔股份有限公司", short_name="歌尔"),
    )
    for obj in (article, park, enterprise):
        obj.tags.add("虚拟现实")
    url = reverse("bureau:tag_detail", kwargs={"slug": "虚拟现实"})
    assert url == "/tags/%E8%99%9A%E6%8B%9F%E7%8E%B0%E5%AE%9E/"
    text = client.get(url).text
    assert "虚拟现实新闻" in text and "虚拟现实产业园" in text and "歌尔" in text
    assert reverse("bureau:tag_feed", kwargs={"slug": "虚拟现实"}) in text


def test_a_tag_only_drafts_use_is_404(client):
    make_article(published=False).tags.add("秘密项目")
    assert client.get(reverse("bureau:tag_detail", kwargs={"slug": "秘密项目"})).status_code == 404


# ---------------------------------------------------------------- languages


def test_chinese_at_the_root_and_english_under_en(client):
    park = make_park(
        name="青岛高新技术产业开发区",
        name_en="Qingdao Hi-tech Zone",
        summary="国家级高新区。",
        summary_en="A national high-tech zone.",
    )
    chinese = client.get(park.get_absolute_url())
    english = client.get(f"/en{park.get_absolute_url()}")
    assert '<html lang="zh-Hans">' in chinese.text and '<html lang="en">' in english.text
    assert "国家级高新区。" in chinese.text
    assert "<h1>Qingdao Hi-tech Zone</h1>" in english.text and "A national high-tech zone." in english.text
    assert "青岛高新技术产业开发区" in english.text  # the Chinese name stays, as a subtitle


def test_an_english_page_falls_back_to_chinese_where_no_english_exists(client):
    enterprise = make_enterprise(name="青岛某某科技有限公司", short_name="某某科技", summary="中文简介。")
    text = client.get(f"/en{enterprise.get_absolute_url()}").text
    # Shown in Chinese, and marked so (for screen readers, and tests/test_browser_english.py).
    assert '<h1 lang="zh-Hans">某某科技</h1>' in text and '<p class="lede" lang="zh-Hans">中文简介。</p>' in text


def test_dates_follow_the_language(client):
    make_article(when=timezone.make_aware(timezone.datetime(2024, 3, 5, 10, 0)))
    assert "2024年3月5日" in client.get("/news/").text
    # Day first, as the articles' British English writes dates ("On 16 July"), not Django's "March 5, 2024".
    assert "5 March 2024" in client.get("/en/news/").text


def test_the_language_switcher_links_to_the_same_page_in_the_other_language(client):
    url = make_park().get_absolute_url()
    response = client.get(f"{url}?page=1")
    assert f'href="/en{url}?page=1" hreflang="en"' in response.text
    back = client.get(f"/en{url}").text
    assert f'href="{url}" hreflang="zh-Hans"' in back
    # Links, not a form: a public page sets no cookie and does not vary on one,
    # so one cached copy serves every visitor.
    assert "csrfmiddlewaretoken" not in response.text
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


# ---------------------------------------------------------------- footer


def test_the_footer_shows_contact_details_and_filing_numbers_from_settings(client, settings):
    settings.SITE_CONTACT_ADDRESS = "青岛市示例路1号"
    settings.SITE_CONTACT_ADDRESS_EN = "1 Example Road, Qingdao"
    settings.SITE_CONTACT_PHONE = "0532-1234 5678"
    settings.SITE_CONTACT_EMAIL = "info@example.gov.cn"
    settings.SITE_ICP_NUMBER = "鲁ICP备12345678号"
    settings.SITE_PUBLIC_SECURITY_NUMBER = "鲁公网安备 37021202000001号"
    settings.SITE_IDENTIFIER_CODE = "3702000001"
    text = client.get("/").text
    for shown in ("青岛市示例路1号", "0532-1234 5678", "mailto:info@example.gov.cn", "鲁ICP备12345678号", "3702000001"):
        assert shown in text
    assert 'href="https://beian.miit.gov.cn/"' in text
    assert "code=37021202000001" in text
    assert "1 Example Road, Qingdao" in client.get("/en/").text


def test_the_footer_leaves_out_what_is_not_set(client, settings):
    settings.SITE_ICP_NUMBER = settings.SITE_PUBLIC_SECURITY_NUMBER = settings.SITE_IDENTIFIER_CODE = ""
    text = client.get("/").text
    assert "beian" not in text and "footer-ids" not in text


# ---------------------------------------------------------------- no other host


@pytest.mark.parametrize("url", ["/", "/news/", "/parks/", "/enterprises/", "/search/?q=青岛"])
def test_pages_load_nothing_from_another_host(client, url):
    make_article(body='<p>见<a href="https://example.com/">原文</a>。</p>')
    text = client.get(url).text
    import re

    for attribute in re.findall(r'<(?:link|script|img)[^>]+(?:href|src)="([^"]+)"', text):
        if attribute.startswith("http"):
            # canonical and hreflang links name this site itself
            assert attribute.startswith("http://testserver/"), attribute
    assert "<script src" not in text


@pytest.mark.parametrize(
    "value, qualifier, unit, shown, shown_en",
    [
        ("1200.5", "", "亿元", "1,200.5亿元", "CNY 120.05 billion"),
        ("1500", "over", "家", "超过 1,500家", "more than 1,500 companies"),
        ("0.25", "about", "%", "约 0.25%", "about 0.25%"),
    ],
)
def test_figures_read_as_the_source_states_them(value, qualifier, unit, shown, shown_en):
    # In English, converted (content/numbers.py; tests/test_numbers.py has the rules).
    from decimal import Decimal

    from django.utils import translation

    from parks.models import ParkFigure
    from parks.templatetags.parks import figure_value

    figure = ParkFigure(label="x", value=Decimal(value), qualifier=qualifier, unit=unit)
    assert figure_value(figure) == shown  # outside a request: the default language, Chinese
    with translation.override("en"):
        assert figure_value(figure) == shown_en
