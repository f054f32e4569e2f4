"""The public site in a real browser: a visitor's journey and every page type on a phone.

Runs Debian's Chromium through the ``playwright`` package against pytest-django's
live server. Without /usr/bin/chromium or playwright these tests are skipped
with a message, unless the CI variable is set: then they fail, so that CI
never passes by skipping them.
"""

import pytest

from content.models import Status
from parks.models import Project
from tests.browser_support import PHONE, browser
from tests.helpers import make_article, make_enterprise, make_park
from tests.public_helpers import hours_ago, make_park_figure, make_qualification

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(transactional_db):
    zone = make_park(name="青岛高新技术产业开发区", name_en="Qingdao Hi-tech Industrial Development Zone", aliases="青岛高新区",
                     kind="high_tech_zone", level="national", district="chengyang", summary="国家级高新区，聚焦人工智能与虚拟现实。",
                     summary_en="A national high-tech zone focused on AI and virtual reality.", address="青岛市城阳区智力岛路1号")  # fmt: skip
    zone.tags.add("人工智能")
    kaos = make_enterprise(name="卡奥斯物联科技股份有限公司", short_name="卡奥斯", name_en="COSMOPlat", stock_code="2121",
                           summary="工业互联网平台。", summary_en="An industrial internet platform.")  # fmt: skip
    kaos.parks.add(zone)
    kaos.qualifications.add(make_qualification())
    kaos.tags.add("人工智能")
    article = make_article(
        title="青岛高新区人工智能产业规模突破120亿元，卡奥斯等龙头企业带动效应明显",
        summary="人工智能产业加速集聚。",
        body="<p>近日，青岛高新区传来好消息：卡奥斯工业互联网平台发布新一代工业大模型。</p>"
        "<h2>产业持续壮大</h2><p>" + "园区企业数量持续增长，" * 40 + "</p>"
        "<table><tr><th>指标</th><th>二〇二三年</th><th>二〇二四年</th><th>增长</th></tr>"
        "<tr><td>营业收入（亿元）</td><td>1000000000</td><td>1200000000</td><td>20%</td></tr></table>",
        source_outlet="青岛日报",
        source_url="https://epaper.example.com/qdrb/2024/1.html",
        when=hours_ago(1),
    )
    article.parks.add(zone)
    article.enterprises.add(kaos)
    article.tags.add("人工智能")
    make_article(title="更早的一篇新闻", when=hours_ago(5)).tags.add("人工智能")
    make_park_figure(zone, label="营业收入", label_en="Revenue", value="1200000.5", unit="亿元", source=article)
    project = Project.objects.create(
        title="高新区人工智能算力中心项目", title_en="Hi-tech Zone AI computing centre", stage=Project.Stage.SIGNED,
        park=zone, enterprise=kaos, amount="25", amount_unit="亿元", space="120亩", space_en="120 mu",
        summary="建设人工智能算力中心。", summary_en="An AI computing centre.", contact_phone="0532-00000000",
        source_article=article, status=Status.PUBLISHED, published_at=hours_ago(1),
    )  # fmt: skip
    project.tags.add("人工智能")
    return {"zone": zone, "kaos": kaos, "article": article, "project": project}


def no_horizontal_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    culprits = page.evaluate(
        "() => [...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".slice(0, 3).map(e => e.tagName + '.' + e.className)"
    )
    assert width <= viewport, f"{page.url} scrolls sideways ({width}px > {viewport}px): {culprits}"


def test_a_visitors_journey_without_javascript(live_server, phone, site):
    page = phone
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    no_horizontal_scroll(page)

    # The root pages are Chinese: 主导航 is "Main", 新闻 "News", 阅读原文 "Read the original".
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="新闻", exact=True).click()
    page.wait_for_url("**/news/")
    page.get_by_role("link", name=site["article"].title).first.click()
    assert page.locator("h1").inner_text() == site["article"].title
    assert (
        page.get_by_role("link", name="阅读原文").get_attribute("href") == "https://epaper.example.com/qdrb/2024/1.html"
    )

    # The body links the first mention of the park to its page.
    page.locator(".prose a.mention", has_text="青岛高新区").click()
    page.wait_for_url(f"**{site['zone'].get_absolute_url()}")
    assert "营业收入" in page.locator("table.figures").inner_text()

    # From the park to an enterprise in it, then search for it by its stock code.
    page.locator(".card-enterprise .card-title a", has_text="卡奥斯").click()
    page.wait_for_url(f"**{site['kaos'].get_absolute_url()}")
    page.locator("#site-search-q").fill("2121")
    page.locator(".site-search button").click()
    page.wait_for_url("**/search/?q=2121")
    assert page.locator(".search-result mark", has_text="2121").count() >= 1

    # The language switch keeps the page.
    page.locator(".language-switcher a").click()
    page.wait_for_url("**/en/search/?q=2121")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="News", exact=True).count() == 1
    page.get_by_role("link", name="COSMOPlat").first.click()
    assert page.locator("h1").inner_text() == "COSMOPlat"
    assert "An industrial internet platform." in page.content()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/news/",
        "article",
        "/parks/",
        "park",
        "/enterprises/",
        "enterprise",
        "/projects/",
        "project",
        "en-project",
        "/tags/人工智能/",
        "/search/?q=人工智能",
        "/news/?tag=nothing",
        "/nowhere/",
        "/data/",
        "/contact/",
        "/en/",
        "/en/parks/",
        "en-park",
        "/en/contact/",
    ],
)
def test_every_page_type_fits_a_phone(live_server, phone, site, path):
    paths = {
        "article": site["article"].get_absolute_url(),
        "park": site["zone"].get_absolute_url(),
        "en-park": "/en" + site["zone"].get_absolute_url(),
        "enterprise": site["kaos"].get_absolute_url(),
        "project": site["project"].get_absolute_url(),
        "en-project": "/en" + site["project"].get_absolute_url(),
    }
    response = phone.goto(live_server.url + paths.get(path, path))
    assert response.status in (200, 400, 404)
    assert phone.locator("main h1").count() >= 1
    no_horizontal_scroll(phone)
    # The stylesheet came from this site.
    assert phone.evaluate("getComputedStyle(document.querySelector('.site-nav')).backgroundColor") == "rgb(10, 61, 107)"


@pytest.mark.parametrize("prefix, national", [("", "国家级"), ("/en", "National")])
def test_the_filters_open_on_a_phone_without_javascript(live_server, phone, site, prefix, national):
    phone.goto(live_server.url + prefix + "/parks/")
    assert not phone.locator(".filters-sidebar").is_visible()
    phone.locator(".filters-compact summary").click()
    phone.locator(".filters-compact .facet-options a", has_text=national).click()
    phone.wait_for_url(f"**{prefix}/parks/?level=national")
    assert phone.locator(".card-park").count() == 1
    no_horizontal_scroll(phone)


def test_an_article_prints_without_the_site_around_it(live_server, phone, site):
    phone.goto(live_server.url + site["article"].get_absolute_url())
    phone.emulate_media(media="print")
    assert not phone.locator(".site-nav").is_visible()
    assert not phone.locator(".site-footer").is_visible()
    assert phone.locator(".prose").is_visible()
    assert phone.locator(".print-url").is_visible()  # the source address on paper


def test_a_figure_in_words_wraps_instead_of_squeezing_its_name_on_a_phone(live_server, phone, site):
    # The demo's "more than 140 countries and regions" left its name one letter wide, outside the screen.
    make_park_figure(site["zone"], label="贸易伙伴", label_en="Countries and regions traded with", value="140",
                     unit="个", unit_en="countries and regions", qualifier="over", year=2022)  # fmt: skip
    phone.goto(live_server.url + "/en" + site["zone"].get_absolute_url())
    row = phone.locator(".figures tr", has_text="Countries and regions traded with")
    assert row.locator("th").bounding_box()["width"] > 120
    value = row.locator("td.num").bounding_box()
    assert value["x"] + value["width"] <= 390


def test_a_projects_ask_link_looks_like_the_button_it_is(live_server, phone, site):
    # It was a plain underlined link alone in an empty column: the one action an investor came to take.
    phone.goto(live_server.url + site["project"].get_absolute_url())
    ask = phone.locator("a.button")
    assert ask.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(10, 61, 107)"
    assert ask.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"


def test_a_long_english_fact_label_wraps_rather_than_narrowing_the_values(live_server, phone, site):
    site["kaos"].headquarters = "青岛市崂山区"
    site["kaos"].save()
    phone.goto(live_server.url + "/en" + site["kaos"].get_absolute_url())
    label = phone.locator(".facts dt", has_text="Headquarters in Chinese").bounding_box()
    value = phone.locator(".facts dd").first.bounding_box()
    assert label["width"] <= 7 * 16  # "Headquarters in Chinese" on two lines
    assert value["width"] >= 180
