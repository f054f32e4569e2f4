"""ASCII addresses for Chinese names, and tags typed the way Chinese editors type them."""

import re
from datetime import timedelta

import pytest
from django.forms import modelform_factory
from django.urls import resolve, reverse
from django.utils import timezone
from taggit.forms import TagField
from taggit.models import Tag
from taggit.utils import parse_tags

from bureau import views
from content.slugs import pinyin_slug
from news.models import Article
from tests.helpers import make_article, make_enterprise, make_park

ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Slugs.


@pytest.mark.django_db
def test_chinese_title_becomes_an_ascii_pinyin_slug(client):
    article = make_article(title="青岛高新区发布人工智能产业政策")
    assert article.slug == "qing-dao-gao-xin-qu-fa-bu-ren-gong-zhi-neng-chan-ye-zheng-ce"
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "text, slug",
    [
        ("2024中关村论坛", "2024-zhong-guan-cun-lun-tan"),
        ("青岛AI产业园", "qing-dao-ai-chan-ye-yuan"),
        ("海尔卡奥斯COSMOPlat平台", "hai-er-ka-ao-si-cosmoplat-ping-tai"),
        ("５Ｇ＋工业互联网", "5g-gong-ye-hu-lian-wang"),
        ("《青岛日报》：高新区“十四五”规划", "qing-dao-ri-bao-gao-xin-qu-shi-si-wu-gui-hua"),
        ("Qingdao Blue Valley 2030", "qingdao-blue-valley-2030"),
    ],
)
def test_latin_letters_digits_and_punctuation(text, slug):
    assert pinyin_slug(text) == slug


@pytest.mark.django_db
def test_enterprise_slug_comes_from_its_short_name():
    enterprise = make_enterprise(name="青岛创新奇智科技集团股份有限公司", short_name="创新奇智")
    assert enterprise.slug == "chuang-xin-qi-zhi"


@pytest.mark.django_db
def test_a_taken_slug_gets_a_number(client):
    first, second, third = (make_article(title="园区签约仪式举行") for _ in range(3))
    assert [first.slug, second.slug, third.slug] == [
        "yuan-qu-qian-yue-yi-shi-ju-xing",
        "yuan-qu-qian-yue-yi-shi-ju-xing-2",
        "yuan-qu-qian-yue-yi-shi-ju-xing-3",
    ]
    assert client.get(third.get_absolute_url()).context["article"] == third


@pytest.mark.django_db
def test_an_overlong_name_is_cut_between_syllables_within_the_field():
    title = "青岛西海岸新区中德生态园智能制造与工业互联网融合发展示范基地建设项目正式开工暨重点产业链招商推介会隆重举行"
    full = pinyin_slug(title, max_length=10_000)
    max_length = Article._meta.get_field("slug").max_length
    assert len(full) > max_length

    first, second = make_article(title=title), make_article(title=title)

    assert len(first.slug) <= max_length and len(second.slug) <= max_length
    assert full.startswith(first.slug + "-")  # whole syllables only
    assert second.slug == first.slug + "-2"
    assert ASCII_SLUG.match(second.slug)


def test_a_cut_that_falls_between_words_loses_no_word():
    assert pinyin_slug("青岛高新", max_length=len("qing-dao")) == "qing-dao"
    assert pinyin_slug("青岛高新", max_length=len("qing-dao-g")) == "qing-dao"
    assert pinyin_slug("Supercalifragilistic", max_length=10) == "supercalif"


@pytest.mark.django_db
def test_an_editor_supplied_slug_is_kept():
    article = make_article(title="青岛新闻", slug="qingdao-news-2024")
    assert Article.objects.get(pk=article.pk).slug == "qingdao-news-2024"


@pytest.mark.django_db
def test_a_slug_stays_when_the_title_changes():
    article = make_article(title="原标题")
    article.title = "全新的标题"
    article.save()
    assert Article.objects.get(pk=article.pk).slug == "yuan-biao-ti"


@pytest.mark.django_db
def test_a_name_without_letters_still_gets_a_slug():
    assert ASCII_SLUG.match(make_park(name="！！！").slug)


# Tags.


def test_chinese_separators_split_tags():
    assert sorted(parse_tags("人工智能，工业互联网、虚拟现实；5G")) == ["5G", "人工智能", "工业互联网", "虚拟现实"]
    assert TagField().clean("人工智能，工业互联网、虚拟现实；5G") == ["5G", "人工智能", "工业互联网", "虚拟现实"]


@pytest.mark.parametrize(
    "typed, tags",
    [
        ("AI, 5G", ["5G", "AI"]),
        ("AI 5G", ["5G", "AI"]),  # no comma: spaces separate, as in taggit
        ('"Industrial Internet", AI', ["AI", "Industrial Internet"]),
        ("Industrial Internet, AI", ["AI", "Industrial Internet"]),
        ('"人工智能，大数据"、5G', ["5G", "人工智能，大数据"]),  # quotes keep a separator inside a tag
        ('"未闭合，引号', ["引号", "未闭合"]),  # an unclosed quote is plain text, as in taggit
        ("", []),
    ],
)
def test_ascii_commas_and_quotes_work_as_in_taggit(typed, tags):
    assert parse_tags(typed) == tags


@pytest.mark.django_db
def test_tags_typed_in_a_form_are_saved_as_separate_tags():
    form_class = modelform_factory(Article, fields=["title", "body", "tags"])
    form = form_class(data={"title": "新闻", "body": "<p>x</p>", "tags": "人工智能，工业互联网、虚拟现实；5G"})
    assert form.is_valid(), form.errors
    article = form.save()
    assert sorted(t.name for t in article.tags.all()) == ["5G", "人工智能", "工业互联网", "虚拟现实"]


@pytest.mark.django_db
def test_one_tag_row_gathers_articles_parks_and_enterprises():
    article, park, enterprise = make_article(), make_park(), make_enterprise()
    article.tags.add("人工智能")
    park.tags.add("人工智能")
    enterprise.tags.add("人工智能")

    tag = Tag.objects.get(name="人工智能")
    assert Tag.objects.count() == 1
    assert {article.tags.get(), park.tags.get(), enterprise.tags.get()} == {tag}


@pytest.mark.django_db
def test_a_chinese_tag_page_lists_published_objects_only(client):
    public_article = make_article(title="人工智能大会召开")
    draft_article = make_article(title="未发布的草稿新闻", published=False)
    scheduled_article = make_article(title="明天才发布的新闻", when=timezone.now() + timedelta(days=1))
    public_park = make_park(name="人工智能产业园")
    draft_park = make_park(name="草稿园区", published=False)
    public_enterprise = make_enterprise(name="青岛某智能科技有限公司", short_name="某智能")
    draft_enterprise = make_enterprise(name="草稿企业有限公司", published=False)
    for obj in (
        public_article,
        draft_article,
        scheduled_article,
        public_park,
        draft_park,
        public_enterprise,
        draft_enterprise,
    ):
        obj.tags.add("人工智能")
    tag = Tag.objects.get(name="人工智能")

    url = reverse("bureau:tag_detail", kwargs={"slug": tag.slug})
    assert resolve(url).func == views.tag_detail
    response = client.get(url)

    assert response.status_code == 200
    page = response.text
    for shown in ("人工智能大会召开", "人工智能产业园", "某智能"):
        assert shown in page
    for hidden in ("未发布的草稿新闻", "明天才发布的新闻", "草稿园区", "草稿企业"):
        assert hidden not in page


@pytest.mark.django_db
def test_an_unknown_tag_is_404(client):
    assert client.get(reverse("bureau:tag_detail", kwargs={"slug": "不存在的标签"})).status_code == 404
