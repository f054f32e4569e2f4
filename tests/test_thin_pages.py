"""Pages that read naturally on a young site: no empty column, no "see all" under a complete list, counters
only where they add something."""

import pytest

from tests.helpers import make_article, make_enterprise, make_park
from tests.public_helpers import hours_ago

pytestmark = pytest.mark.django_db

LANGUAGES = pytest.mark.parametrize("prefix", ["", "/en"])


@LANGUAGES
def test_a_park_or_enterprise_without_description_has_no_empty_column(client, prefix):
    park = make_park(name="青岛蓝谷", summary="海洋经济集聚区。", district="jimo")
    enterprise = make_enterprise(name="青岛示例科技有限公司", summary="示例企业。")
    for url in [park.get_absolute_url(), enterprise.get_absolute_url()]:
        text = client.get(prefix + url).text
        assert '<div class="profile-layout facts-only">' in text
        assert "profile-main" not in text
        assert 'class="lede"' in text  # the summary is still shown, above the facts


def test_a_park_with_a_description_keeps_its_two_columns(client):
    park = make_park(description="<p>位于即墨区。</p>")
    text = client.get(park.get_absolute_url()).text
    assert '<div class="profile-layout">' in text and '<div class="profile-main">' in text


@LANGUAGES
def test_no_see_all_link_under_a_complete_list(client, prefix):
    park = make_park()
    enterprise = make_enterprise()
    enterprise.parks.add(park)
    make_article(title="高新区新闻").parks.add(park)
    park_url = park.get_absolute_url()
    text = client.get(prefix + park_url).text
    assert 'class="see-all"' not in text
    assert "See 1" not in text and "查看" not in text.split('class="profile')[-1]


@LANGUAGES
def test_a_tag_page_offers_no_see_all_under_its_complete_project_list(client, prefix):
    from content.models import Status
    from parks.models import Project

    project = Project.objects.create(title="人工智能项目", title_en="AI project", stage=Project.Stage.SIGNED,
                                     status=Status.PUBLISHED, published_at=hours_ago(1))  # fmt: skip
    project.tags.add("人工智能")
    text = client.get(prefix + "/tags/人工智能/").text
    assert project.get_absolute_url().removeprefix("/en") in text  # its card is there
    assert 'class="see-all"' not in text and "See 1 project" not in text


@LANGUAGES
def test_see_all_appears_when_there_are_more_than_shown(client, prefix):
    from bureau.places import DETAIL_ARTICLES

    park = make_park()
    for i in range(DETAIL_ARTICLES + 1):
        make_article(title=f"高新区新闻第{i}期", when=hours_ago(i + 1)).parks.add(park)
    text = client.get(prefix + park.get_absolute_url()).text
    assert text.count('class="see-all"') == 1
    if prefix:
        assert f"See all {DETAIL_ARTICLES + 1} articles" in text


@LANGUAGES
def test_a_small_site_home_page_has_no_counters_or_all_links(client, prefix):
    for i in range(5):
        make_article(title=f"新闻{i}", when=hours_ago(i + 1))
    make_park(featured=True, district="laoshan")
    text = client.get(prefix + "/").text
    assert "home-totals" not in text  # "5 news articles" above the same five says nothing
    assert 'class="see-all"' not in text
    assert ("No news yet." if prefix else "暂无新闻") not in text


@LANGUAGES
def test_counters_show_what_the_home_page_does_not(client, prefix):
    for i in range(12):
        make_article(title=f"新闻{i}", when=hours_ago(i + 1))
    make_park(featured=True, district="laoshan")
    make_park(name="青岛蓝谷")
    text = client.get(prefix + "/").text
    totals = text.split('class="home-totals"')[1].split("</section>")[0]
    assert '<span class="stat-value">12</span>' in totals and '<span class="stat-value">2</span>' in totals
    if prefix:
        assert "news articles" in totals and "parks and zones" in totals
    assert "enterprise" not in totals and "企业" not in totals  # none at all: no counter
    assert text.count('class="see-all"') == 2  # all news, all parks


def test_one_more_reads_in_the_singular_in_english(client):
    # Seven articles: six shown on the home page, so a counter; one enterprise, none featured, so a counter too.
    for i in range(7):
        make_article(title=f"新闻{i}", when=hours_ago(i + 1))
    make_enterprise()
    totals = client.get("/en/").text.split('class="home-totals"')[1].split("</section>")[0]
    assert '<span class="stat-value">1</span><span\nclass="stat-label">enterprise</span>' in totals


def test_featured_news_alone_is_not_called_no_news(client):
    make_article(title="重要新闻", featured=True)
    text = client.get("/").text
    assert "重要新闻" in text and "latest-title" not in text
