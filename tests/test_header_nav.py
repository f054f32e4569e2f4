"""The header's sections: projects, data and contact beside news, parks and enterprises, the current one marked."""

import re

import pytest

from tests.helpers import make_article, make_enterprise, make_park

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="site-nav"[^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>')
SECTIONS = {
    "": ["/", "/news/", "/parks/", "/enterprises/", "/projects/", "/data/", "/contact/"],
    "/en": ["/en/", "/en/news/", "/en/parks/", "/en/enterprises/", "/en/projects/", "/en/data/", "/en/contact/"],
}
LABELS = {
    "": ["首页", "新闻", "园区", "企业", "招商项目", "数据", "联系我们"],
    "/en": ["Home", "News", "Parks", "Enterprises", "Projects", "Data", "Contact us"],
}


def nav_links(html):
    return LINK.findall(NAV.search(html).group(1))


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_section_is_in_the_header_and_the_current_one_is_marked(client, prefix, settings):
    settings.PAGE_CACHE_SECONDS = 0
    park = make_park(name="青岛高新区", slug="gaoxin")
    make_enterprise(name="青岛一号科技有限公司", slug="yihao")
    make_article(title="高新区新闻", slug="xinwen")
    pages = {
        0: [prefix + "/"],
        1: [prefix + "/news/", prefix + "/news/xinwen/"],
        2: [prefix + "/parks/", prefix + park.get_absolute_url().removeprefix("/en")],
        3: [prefix + "/enterprises/", prefix + "/enterprises/yihao/"],
        4: [prefix + "/projects/"],
        5: [prefix + "/data/"],
        6: [prefix + "/contact/"],
    }
    for current, paths in pages.items():
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            links = nav_links(response.text)
            assert [href for href, _mark, _label in links] == SECTIONS[prefix], path
            assert [label for _href, _mark, label in links] == LABELS[prefix], path
            assert [index for index, (_h, mark, _l) in enumerate(links) if mark] == [current], path


def test_a_page_outside_the_sections_marks_none(client):
    links = nav_links(client.get("/sitemap/").text)
    assert not any(mark for _href, mark, _label in links)
