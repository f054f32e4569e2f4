"""The English edition in a real browser, on the demo data: no Chinese shown that is not marked as such.

The measure (issue 15, item 8): the Han characters in the visible text of <main>, leaving out every
element marked ``lang="zh…"`` (a Chinese-only title, a park's Chinese name, a tag without an English
name). It must be 0 on the English home, news list, article pages, park, enterprise, tag and search pages.

The demo's articles have no English yet (the fixtures are being translated): the test writes English for
two of them itself and checks the others as Chinese-only items, marked and badged.
"""

from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import translation

from news.models import Article
from parks.models import Enterprise, Park
from tests.browser_support import DESKTOP, browser

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser

# Han characters in <main>'s visible text, outside elements marked Chinese; a list of where they stand.
UNMARKED_CHINESE = """() => {
  const han = /[\\u3400-\\u9fff\\uf900-\\ufaff]/;
  const found = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!han.test(node.textContent) || element.closest('[lang^="zh"]')) continue;
    if (!element.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    found.push(`${element.tagName.toLowerCase()}.${element.className}: ${node.textContent.trim().slice(0, 40)}`);
  }
  return found;
}"""

# Chinese punctuation in the visible English text (curly quotes are English typography as well, and stay).
CHINESE_PUNCTUATION = """() => {
  const marks = /[（），。：；《》、！？]/;
  const found = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (marks.test(node.textContent) && !element.closest('[lang^="zh"]') && element.checkVisibility())
      found.push(node.textContent.trim().slice(0, 40));
  }
  return found;
}"""


@pytest.fixture
def demo(transactional_db):
    # The live server's flush after a test empties the qualifications that migration parks 0002 makes, and
    # the demo's enterprises name them: put them back with that migration's own function.
    import_module("parks.migrations.0002_qualifications").add(apps, None)
    call_command("load_demo", stdout=StringIO())
    english, *chinese_only = Article.objects.order_by("-published_at")
    # English written here, so that the test does not depend on the demo's translations.
    english.title_en = "Hi-tech Zone names two reasons it can rejoin the national top ten"
    english.summary_en = "The zone's leaders point to its industries and to its investment pipeline."
    english.body_en = "<p>The Qingdao Hi-tech Zone wants to rejoin the national top ten.</p><p>It has two reasons.</p>"
    english.save()
    # And the others made Chinese only (the demo has English for all five), one with an English summary.
    for article in chinese_only:
        article.title_en = article.summary_en = article.body_en = ""
    chinese_only[0].summary_en = "An English summary of a story told in Chinese only."
    for article in chinese_only:
        article.save()
    park = Park.objects.published().filter(figures__isnull=False).order_by("pk").first()
    enterprise = Enterprise.objects.published().filter(articles__isnull=False).order_by("pk").first()
    tag = english.tags.order_by("pk").first()
    with translation.override("zh-hans"):
        return {
            "english": english.get_absolute_url(),
            "chinese_only": chinese_only[0].get_absolute_url(),
            "park": park.get_absolute_url(),
            "enterprise": enterprise.get_absolute_url(),
            "tag": f"/tags/{tag.slug}/",
        }


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def english_pages(demo):
    return {
        "home": "/en/",
        "news list": "/en/news/",
        "article with English": f"/en{demo['english']}",
        "Chinese-only article": f"/en{demo['chinese_only']}",
        "park": f"/en{demo['park']}",
        "enterprise": f"/en{demo['enterprise']}",
        "tag": f"/en{demo['tag']}",
        "search": "/en/search/?q=Qingdao",
    }


def test_english_pages_show_no_unmarked_chinese(live_server, desktop, demo):
    for name, path in english_pages(demo).items():
        response = desktop.goto(live_server.url + path)
        assert response.status == 200, path
        assert desktop.evaluate(UNMARKED_CHINESE) == [], f"{name} ({path})"
        assert desktop.evaluate(CHINESE_PUNCTUATION) == [], f"{name} ({path})"


def test_chinese_only_articles_are_marked_and_badged(live_server, desktop, demo):
    desktop.goto(live_server.url + "/en/news/")
    cards = desktop.locator(".card-article")
    assert cards.count() == 5
    for index in range(cards.count()):
        card = cards.nth(index)
        title = card.locator(".card-title")
        if title.get_attribute("lang") == "zh-Hans":
            assert card.locator(".chinese-only").inner_text() == "Chinese only"
        else:
            assert title.inner_text() == "Hi-tech Zone names two reasons it can rejoin the national top ten"
            assert card.locator(".chinese-only").count() == 0
    assert desktop.locator(".chinese-only").count() == 4

    desktop.goto(live_server.url + f"/en{demo['chinese_only']}")
    assert desktop.locator("h1").get_attribute("lang") == "zh-Hans"
    assert "This article is available in Chinese only." in desktop.locator("main").inner_text()
    assert desktop.locator(".lede").inner_text() == "An English summary of a story told in Chinese only."
    assert desktop.locator(".article .prose").count() == 0  # not the Chinese body
    desktop.get_by_role("link", name="Read it in Chinese").click()
    assert desktop.url == live_server.url + demo["chinese_only"]
    assert desktop.locator("html").get_attribute("lang") == "zh-Hans"


def test_the_demos_own_english_pages_show_no_unmarked_chinese(live_server, desktop, transactional_db):
    """The demo as it ships, with its translated articles and tags: every English page of the issue's list
    (home, news list, each article, park, enterprise and tag page, a search) reads as English."""
    from content.links import tag_url
    from content.tagging import public_tags

    import_module("parks.migrations.0002_qualifications").add(apps, None)
    call_command("load_demo", stdout=StringIO())
    with translation.override("zh-hans"):
        paths = [obj.get_absolute_url() for obj in Article.objects.all()]
        paths += [obj.get_absolute_url() for obj in Park.objects.published()]
        paths += [obj.get_absolute_url() for obj in Enterprise.objects.published()]
        paths += [tag_url(tag.slug) for tag in public_tags()]
    fixed = ["/en/", "/en/news/", "/en/parks/", "/en/enterprises/", "/en/search/?q=Qingdao", "/en/search/?q=AI"]
    for path in [*fixed, *(f"/en{path}" for path in paths)]:
        desktop.goto(live_server.url + path)
        assert desktop.evaluate(UNMARKED_CHINESE) == [], path
    desktop.goto(live_server.url + "/en/news/")
    assert desktop.locator(".chinese-only").count() == 0  # every demo article has its English version
