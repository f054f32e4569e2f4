"""The news, park and enterprise lists: filters with counts, pagination, and input nobody expected."""

import pytest
from django.utils import timezone

from news import views as news_views
from parks import views as park_views
from tests.helpers import make_article, make_enterprise, make_park
from tests.public_helpers import hours_ago, make_qualification, page_title

pytestmark = pytest.mark.django_db

LISTS = ["/news/", "/parks/", "/enterprises/"]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(news_views, "PAGE_SIZE", 2)
    monkeypatch.setattr(park_views, "PAGE_SIZE", 2)


def titles_in(response, candidates):
    return {title for title in candidates if title in response.text}


# ---------------------------------------------------------------- news filters


def test_news_filters_by_tag_park_enterprise_and_year(client):
    park = make_park(name="青岛高新技术产业开发区")
    enterprise = make_enterprise(name="卡奥斯物联科技股份有限公司", short_name="卡奥斯")
    a = make_article(title="新闻甲", when=timezone.make_aware(timezone.datetime(2024, 6, 1, 9, 0)))
    b = make_article(title="新闻乙", when=timezone.make_aware(timezone.datetime(2025, 6, 1, 9, 0)))
    c = make_article(title="新闻丙", when=timezone.make_aware(timezone.datetime(2025, 7, 1, 9, 0)))
    a.tags.add("人工智能")
    b.tags.add("人工智能")
    b.parks.add(park)
    c.enterprises.add(enterprise)
    everything = {"新闻甲", "新闻乙", "新闻丙"}

    assert titles_in(client.get("/news/?tag=人工智能"), everything) == {"新闻甲", "新闻乙"}
    assert titles_in(client.get(f"/news/?park={park.slug}"), everything) == {"新闻乙"}
    assert titles_in(client.get(f"/news/?enterprise={enterprise.slug}"), everything) == {"新闻丙"}
    assert titles_in(client.get("/news/?year=2025"), everything) == {"新闻乙", "新闻丙"}
    assert titles_in(client.get("/news/?year=2025&tag=人工智能"), everything) == {"新闻乙"}
    assert titles_in(client.get("/news/?year=2023"), everything) == set()


def test_facets_show_counts_within_the_other_filters(client):
    for i in range(3):
        make_article(title=f"甲{i}", when=timezone.make_aware(timezone.datetime(2024, 1, 1 + i))).tags.add("人工智能")
    make_article(title="乙", when=timezone.make_aware(timezone.datetime(2025, 1, 1))).tags.add("虚拟现实")
    text = client.get("/news/?year=2024").text
    assert '<span class="option-label">人工智能</span> <span class="count">3</span>' in text
    assert "虚拟现实" not in text.split('class="results"')[0]  # no 2024 article has it
    assert (
        '<span class="option-label">2025</span> <span class="count">1</span>' in text
    )  # the year facet ignores its own filter


def test_a_facet_link_keeps_the_other_filters_and_drops_the_page(client):
    make_article(when=timezone.make_aware(timezone.datetime(2024, 1, 1))).tags.add("人工智能")
    text = client.get("/news/?year=2024&page=1").text
    assert 'href="/news/?year=2024&amp;tag=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD"' in text
    assert 'href="/news/"' in text  # removing the year filter


# ---------------------------------------------------------------- park filters


def test_parks_filter_by_district_level_kind_and_industry(client):
    make_park(name="崂山园", district="laoshan", level="district", kind="innovation_park").tags.add("虚拟现实")
    make_park(name="城阳园", district="chengyang", level="national", kind="high_tech_zone").tags.add("人工智能")
    make_park(name="黄岛园", district="huangdao", level="national", kind="development_zone").tags.add("人工智能")
    make_park(name="草稿园", district="laoshan", published=False)
    names = {"崂山园", "城阳园", "黄岛园", "草稿园"}
    assert titles_in(client.get("/parks/?district=laoshan"), names) == {"崂山园"}
    assert titles_in(client.get("/parks/?level=national"), names) == {"城阳园", "黄岛园"}
    assert titles_in(client.get("/parks/?kind=development_zone"), names) == {"黄岛园"}
    assert titles_in(client.get("/parks/?industry=人工智能&level=national"), names) == {"城阳园", "黄岛园"}
    response = client.get("/parks/")
    assert "3个园区" in response.text
    assert '<span class="option-label">国家级</span> <span class="count">2</span>' in response.text
    response = client.get("/en/parks/")
    assert "3 parks" in response.text
    assert '<span class="option-label">National</span> <span class="count">2</span>' in response.text


# ---------------------------------------------------------------- enterprise filters


def test_enterprises_filter_by_industry_qualification_park_and_district(client):
    laoshan = make_park(name="崂山园", district="laoshan")
    chengyang = make_park(name="城阳园", district="chengyang")
    hidden = make_park(name="草稿园", district="jimo", published=False)
    unicorn = make_qualification()
    a = make_enterprise(name="甲公司有限公司", short_name="甲公司")
    b = make_enterprise(name="乙公司有限公司", short_name="乙公司")
    c = make_enterprise(name="丙公司有限公司", short_name="丙公司")
    a.parks.add(laoshan)
    b.parks.add(chengyang, laoshan)
    c.parks.add(hidden)
    a.qualifications.add(unicorn)
    b.tags.add("工业互联网")
    names = {"甲公司", "乙公司", "丙公司"}
    assert titles_in(client.get("/enterprises/?district=laoshan"), names) == {"甲公司", "乙公司"}
    assert (
        client.get("/enterprises/?district=laoshan").text.count('class="card card-enterprise') == 2
    )  # no duplicate rows
    assert titles_in(client.get("/enterprises/?district=jimo"), names) == set()  # only through a draft park
    assert titles_in(client.get("/enterprises/?qualification=unicorn"), names) == {"甲公司"}
    assert titles_in(client.get(f"/enterprises/?park={chengyang.slug}"), names) == {"乙公司"}
    assert titles_in(client.get("/enterprises/?industry=工业互联网"), names) == {"乙公司"}


def test_enterprise_facets_count_each_enterprise_once_and_only_through_published_parks(client):
    laoshan = make_park(name="崂山园", district="laoshan")
    laoshan_2 = make_park(name="崂山二园", district="laoshan")
    chengyang = make_park(name="城阳园", district="chengyang")
    hidden = make_park(name="草稿园", district="jimo", published=False)
    unicorn = make_qualification()
    both = make_enterprise(name="甲公司有限公司", short_name="甲公司")
    both.parks.add(laoshan, laoshan_2, chengyang)  # two parks in one district: counted once there
    one = make_enterprise(name="乙公司有限公司", short_name="乙公司")
    one.parks.add(laoshan, hidden)
    draft = make_enterprise(name="丁公司有限公司", short_name="丁公司", published=False)
    draft.parks.add(laoshan)
    both.qualifications.add(unicorn)
    one.qualifications.add(unicorn)
    draft.qualifications.add(unicorn)

    facets = client.get("/enterprises/").text.split('class="results"')[0]
    assert '<span class="option-label">崂山区</span> <span class="count">2</span>' in facets
    assert '<span class="option-label">城阳区</span> <span class="count">1</span>' in facets
    assert "即墨区" not in facets  # only a draft park is there
    assert '<span class="option-label">崂山园</span> <span class="count">2</span>' in facets
    assert "草稿园" not in facets
    assert '<span class="option-label">独角兽企业</span> <span class="count">2</span>' in facets  # not the draft
    # Within another filter: the district counts follow the selected park.
    facets = client.get(f"/enterprises/?park={chengyang.slug}").text.split('class="results"')[0]
    assert '<span class="option-label">崂山区</span> <span class="count">1</span>' in facets


def test_news_facets_count_only_published_articles_and_objects(client):
    park = make_park(name="青岛高新技术产业开发区")
    hidden_park = make_park(name="草稿园区", published=False)
    enterprise = make_enterprise(name="卡奥斯物联科技股份有限公司", short_name="卡奥斯")
    for i in range(3):
        article = make_article(title=f"新闻{i}", when=hours_ago(i + 1))
        article.parks.add(park, hidden_park)
        article.enterprises.add(enterprise)
    draft = make_article(title="草稿新闻", published=False)
    draft.parks.add(park)
    draft.enterprises.add(enterprise)
    facets = client.get("/news/").text.split('class="results"')[0]
    assert '<span class="option-label">青岛高新技术产业开发区</span> <span class="count">3</span>' in facets
    assert '<span class="option-label">卡奥斯</span> <span class="count">3</span>' in facets
    assert "草稿园区" not in facets


# ---------------------------------------------------------------- unknown filter values


@pytest.mark.parametrize(
    "url",
    [
        "/news/?tag=no-such-tag",
        "/news/?park=no-such-park",
        "/news/?enterprise=nobody",
        "/news/?year=abc",
        "/news/?year=99999999999999999999",
        "/parks/?district=atlantis",
        "/parks/?level=galactic",
        "/parks/?kind=<script>",
        "/parks/?industry=" + "x" * 5000,
        "/enterprises/?qualification=nope",
        "/enterprises/?district=%00",
    ],
)
def test_an_unknown_filter_value_is_a_helpful_400(client, url):
    make_article()
    make_park()
    for prefix, remove in [("", "移除此筛选条件"), ("/en", "Remove this filter")]:
        response = client.get(prefix + url)
        assert response.status_code == 400
        assert remove in response.text
        assert "<script>" not in response.text.split("<main")[1]


def test_an_unknown_filter_value_is_named_in_a_sentence_that_starts_with_the_filter(client):
    make_park()
    # Not "There is no District “atlantis”.": the filter's capitalised name opens the sentence.
    assert "District “atlantis” does not exist." in client.get("/en/parks/?district=atlantis").text
    assert "区（市）“atlantis”不存在。" in client.get("/parks/?district=atlantis").text


def test_a_filter_on_a_draft_park_is_unknown(client):
    draft = make_park(name="草稿园", published=False)
    assert client.get(f"/news/?park={draft.slug}").status_code == 400


def test_several_filters_at_once_name_each_value_and_refuse_only_the_unknown_one(client):
    park = make_park(name="青岛国际创新园", name_en="Qingdao International Innovation Park")
    draft = make_park(name="草稿园", published=False)
    enterprise = make_enterprise(name="青岛创新奇智科技集团股份有限公司", short_name="创新奇智", name_en="AInnovation")
    article = make_article(title="创新奇智落户创新园")
    article.parks.add(park)
    article.enterprises.add(enterprise)
    article.tags.add("人工智能")
    url = f"/news/?tag=人工智能&park={park.slug}&enterprise={enterprise.slug}"
    chinese = client.get(url)
    assert chinese.status_code == 200 and "创新奇智落户创新园" in chinese.text
    assert page_title(chinese).startswith("新闻：人工智能、青岛国际创新园、创新奇智")
    english = client.get("/en" + url)
    assert page_title(english).startswith("News: 人工智能, Qingdao International Innovation Park, AInnovation")
    # The chips name each filter, with the punctuation of the page's language.
    assert chinese.text.count('class="filter-name"') == 3 and ":</span>" not in chinese.text
    assert '"filter-name">园区：</span>青岛国际创新园' in chinese.text
    assert '"filter-name">Park: </span>Qingdao International Innovation Park' in english.text
    # A draft park among known values: only it is unknown, the others keep their names.
    refused = client.get(f"/news/?tag=人工智能&park={draft.slug}&enterprise={enterprise.slug}")
    assert refused.status_code == 400
    main = refused.text.split("<main")[1]
    assert draft.slug in main and "创新奇智" in main


def test_empty_filter_values_are_ignored(client):
    make_article(title="看得见")
    response = client.get("/news/?tag=&park=&year=")
    assert response.status_code == 200 and "看得见" in response.text


# ---------------------------------------------------------------- pagination


@pytest.mark.parametrize("url", LISTS)
def test_lists_paginate_and_keep_their_filters(client, small_pages, url):
    for i in range(5):
        make_article(title=f"新闻{i}", when=hours_ago(i + 1)).tags.add("人工智能")
        make_park(name=f"园区{i}", district="laoshan").tags.add("人工智能")
        make_enterprise(name=f"企业{i}有限公司").tags.add("人工智能")
    param = "tag" if url == "/news/" else "industry"
    first = client.get(f"{url}?{param}=人工智能")
    assert first.status_code == 200
    assert f"?{param}=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&amp;page=2" in first.text
    third = client.get(f"{url}?{param}=人工智能&page=3")
    assert third.status_code == 200
    assert 'aria-current="page">3<' in third.text
    assert page_title(first) != page_title(third)


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1.5", "9" * 5000, "２"])
def test_a_page_that_does_not_exist_is_404(client, url, page):
    make_article()
    make_park()
    make_enterprise()
    response = client.get(url, {"page": page})
    assert response.status_code == 404
    assert "site-header" in response.text


@pytest.mark.parametrize("url", LISTS)
def test_the_first_page_of_an_empty_list_is_fine(client, url):
    assert client.get(url, {"page": "1"}).status_code == 200


def test_drafts_and_scheduled_items_stay_out_of_the_lists(client):
    make_article(title="公开新闻")
    make_article(title="草稿新闻", published=False)
    make_article(title="定时新闻", when=timezone.now() + timezone.timedelta(hours=3))
    text = client.get("/news/").text
    assert "公开新闻" in text and "草稿新闻" not in text and "定时新闻" not in text
    assert "1篇文章" in text
    text = client.get("/en/news/").text
    assert "公开新闻" in text and "草稿新闻" not in text and "定时新闻" not in text
    assert "1 article" in text and "1 articles" not in text


# ---------------------------------------------------------------- cards


@pytest.mark.parametrize(
    "url, make", [("/news/", make_article), ("/parks/", make_park), ("/enterprises/", make_enterprise)]
)
def test_every_card_shows_its_own_tags(client, url, make):
    first = make("示范甲" if make is not make_article else "新闻甲")
    second = make("示范乙" if make is not make_article else "新闻乙")
    first.tags.add("人工智能", "海洋经济")
    second.tags.add("虚拟现实")
    text = client.get(url).text
    cards = text.split('class="card ')[1:]
    assert len(cards) == 2
    by_name = {("甲" if "甲" in card else "乙"): card for card in cards}
    for tag in ("人工智能", "海洋经济"):
        assert f'href="/tags/{tag}/"' in by_name["甲"] or f">{tag}</a>" in by_name["甲"]
        assert f">{tag}</a>" not in by_name["乙"]
    assert ">虚拟现实</a>" in by_name["乙"] and ">虚拟现实</a>" not in by_name["甲"]
