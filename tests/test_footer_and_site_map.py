"""The footer a Chinese government site carries, and the HTML site map it links to."""

import pytest
from django.utils.encoding import iri_to_uri

from tests.helpers import make_park

pytestmark = pytest.mark.django_db

FOOTER_SETTINGS = {
    "SITE_SPONSOR": "青岛市经济发展局",
    "SITE_SPONSOR_EN": "Qingdao Economic Development Bureau",
    "SITE_CONTACT_ADDRESS": "青岛市示例路1号",
    "SITE_CONTACT_ADDRESS_EN": "",
    "SITE_CONTACT_PHONE": "0532-1234 5678",
    "SITE_CONTACT_EMAIL": "info@example.gov.cn",
    "SITE_INVESTMENT_HOTLINE": "0532-8765 4321",
    "SITE_ICP_NUMBER": "鲁ICP备12345678号",
    "SITE_PUBLIC_SECURITY_NUMBER": "鲁公网安备 37021202000001号",
    "SITE_IDENTIFIER_CODE": "3702000001",
}


def footer(text):
    return text.split('<footer class="site-footer">')[1].split("</footer>")[0]


def test_the_footer_shows_sponsor_contacts_hotline_and_filings(client, settings):
    for name, value in FOOTER_SETTINGS.items():
        setattr(settings, name, value)
    chinese = footer(client.get("/").text)
    for shown in ("主办单位", "青岛市经济发展局", "青岛市示例路1号", 'href="tel:0532-12345678"', "投资服务热线",
                  'href="tel:0532-87654321"', "mailto:info@example.gov.cn", "3702000001",
                  'href="https://beian.miit.gov.cn/"', "code=37021202000001", 'href="/sitemap/"'):  # fmt: skip
        assert shown in chinese
    english = footer(client.get("/en/").text)
    assert "Sponsored by" in english and "Qingdao Economic Development Bureau" in english
    assert "Investment hotline" in english and 'href="/en/sitemap/"' in english
    # No English address is set: the Chinese one is shown, marked as Chinese, as are the filing numbers.
    assert '<span lang="zh-Hans">青岛市示例路1号</span>' in english
    assert '<span lang="zh-Hans">鲁ICP备12345678号</span>' in english


def test_the_footer_leaves_out_every_setting_that_is_empty(client, settings):
    for name in FOOTER_SETTINGS:
        setattr(settings, name, "")
    for url in ("/", "/en/"):
        text = footer(client.get(url).text)
        for absent in ("<address>", "footer-sponsor", "tel:", "mailto:", "beian", "footer-ids"):
            assert absent not in text
        assert "sitemap/" in text  # the site map is always there


@pytest.mark.parametrize(
    ("prefix", "labels"), [("", ("招商项目", "数据", "联系我们")), ("/en", ("Projects", "Data", "Contact us"))]
)
def test_the_footer_links_the_investors_sections_as_the_header_does(client, prefix, labels):
    text = footer(client.get(prefix + "/").text)
    for path, label in zip(("/projects/", "/data/", "/contact/"), labels, strict=True):
        assert f'<a href="{prefix}{path}">{label}</a>' in text


def test_the_accessibility_statement_is_linked_once_it_exists(client, settings):
    settings.ROOT_URLCONF = "tests.urls_with_pages"
    assert 'href="/accessibility/"' in footer(client.get("/").text)
    assert 'href="/en/accessibility/"' in footer(client.get("/en/").text)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_site_map_lists_every_section_and_public_tag(client, prefix):
    park = make_park(name="青岛蓝谷")
    park.tags.add("海洋经济")
    make_park(name="草稿园区", published=False).tags.add("未公开")
    slug = park.tags.get().slug
    response = client.get(prefix + "/sitemap/")
    assert response.status_code == 200
    text = response.text.split('<main id="main"')[1]
    sections = ("/", "/news/", "/parks/", "/enterprises/", "/projects/", "/search/", "/about/", "/policies/",
                "/data/", "/contact/", "/accessibility/")  # fmt: skip
    for path in sections:
        assert f'href="{prefix}{path}"' in text
    assert f'href="{prefix}{iri_to_uri(f"/tags/{slug}/")}"' in text and "未公开" not in text


def test_the_site_map_gains_the_sections_other_apps_add(client, settings):
    settings.ROOT_URLCONF = "tests.urls_with_pages"
    text = client.get("/en/sitemap/").text
    assert 'href="/en/about/">About the bureau</a>' in text
    assert 'href="/en/accessibility/">Accessibility statement</a>' in text
    assert 'href="/about/">机构概况</a>' in client.get("/sitemap/").text


def test_the_site_map_is_in_sitemap_xml(client):
    text = client.get("/sitemap.xml").text
    assert "http://testserver/sitemap/" in text and "http://testserver/en/sitemap/" in text
