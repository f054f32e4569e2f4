"""Lists in a reader's order: pinyin on Chinese pages, English names on English ones; parks outside Qingdao
marked; the home page's key parks and enterprises chosen by staff.

The expected orders are worked out here from the names with pypinyin, not read back from the stored keys.
"""

import html
import re
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import call_command
from django.urls import reverse
from pypinyin import lazy_pinyin

from parks import views as park_views
from parks.models import District, Enterprise, Park
from tests.helpers import make_enterprise, make_park

pytestmark = pytest.mark.django_db

# (A Chinese name on an English page is marked lang="zh-Hans" on the heading.)
CARD_TITLE = re.compile(r'class="card-title"[^>]*><a href="[^"]+">([^<]+)</a>')


@pytest.fixture
def demo(monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(park_views, "PAGE_SIZE", 100)  # every demo park and enterprise on one page
    call_command("load_demo", stdout=StringIO())


def card_titles(text):
    return [html.unescape(title) for title in CARD_TITLE.findall(text)]


def pinyin(name):
    """Toneless pinyin, syllable by syllable; punctuation left out."""
    return [syllable.lower() for syllable in lazy_pinyin(name) if syllable.isalnum()]


def english(name):
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def section(text, heading_id):
    start = text.index(f'id="{heading_id}"')
    return text[start : text.index("</section>", start)]


# ---------------------------------------------------------------- parks


def test_the_park_list_opens_with_a_qingdao_park_and_follows_pinyin(client, demo):
    titles = card_titles(client.get("/parks/").text)
    parks = Park.objects.published()
    assert len(titles) == parks.count() == 31
    assert titles == sorted(titles, key=lambda name: (pinyin(name), name))
    first = Park.objects.get(name=titles[0])
    assert first.district and first.district != District.OUTSIDE
    assert titles[0] == "爱能森清洁能源高端装备产业园"  # ai neng sen ..., in Pingdu
    assert titles.index("中关村国家自主创新示范区") > titles.index("青岛高新技术产业开发区")  # no longer first


def test_the_english_park_list_follows_english_names(client, demo):
    titles = card_titles(client.get("/en/parks/").text)
    assert len(titles) == 31
    assert titles == sorted(titles, key=english)
    # Case aside: "Academicians' …" before "ACFIC (Qingdao) …", as a reader expects.
    assert titles[:2] == [
        "Academicians' Wisdom Valley",
        "ACFIC (Qingdao) Science and Technology Equipment Industrial Park",
    ]


def test_a_park_without_an_english_name_sorts_by_its_pinyin_on_english_pages(client):
    make_park(name="青岛西海岸园", name_en="")  # "qing dao xi hai an yuan"
    make_park(name="北方园", name_en="Northern Park")
    make_park(name="南方园", name_en="Alpha Southern Park")
    titles = card_titles(client.get("/en/parks/").text)
    assert titles == ["Alpha Southern Park", "Northern Park", "青岛西海岸园"]


def test_a_renamed_park_moves_in_the_list(client):
    park = make_park(name="安徽园")
    make_park(name="昂扬园")
    make_park(name="北方园")
    assert card_titles(client.get("/parks/").text) == ["安徽园", "昂扬园", "北方园"]  # "an hui" before "ang"
    park.name = "中心园"
    park.save()
    assert card_titles(client.get("/parks/").text) == ["昂扬园", "北方园", "中心园"]


def test_loaded_objects_get_their_keys_even_from_a_raw_save(client):
    """loaddata saves raw, without ``save()``: a fixture without keys (or with stale ones) still sorts right."""
    data = '[{"model": "parks.park", "fields": {"name": "青岛老园", "slug": "lao", "status": "published", "published_at": "2024-01-01T00:00:00Z", "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z", "sort_name": "zzz"}}]'
    for obj in serializers.deserialize("json", data):
        obj.save()
    park = Park.objects.get(slug="lao")
    assert (park.sort_name, park.sort_name_en) == ("qing dao lao yuan", "qing dao lao yuan")


def test_parks_outside_qingdao_are_marked_in_both_languages(client, demo):
    mark = '<span class="outside-mark">{}</span>'
    chinese, english_ = client.get("/parks/").text, client.get("/en/parks/").text
    assert chinese.count(mark.format("青岛市外")) == 1
    assert english_.count(mark.format("Outside Qingdao")) == 1
    zhongguancun = Park.objects.get(name="中关村国家自主创新示范区")
    assert mark.format("青岛市外") in client.get(f"/parks/{zhongguancun.slug}/").text
    assert mark.format("Outside Qingdao") in client.get(f"/en/parks/{zhongguancun.slug}/").text
    laoshan = Park.objects.get(name="青岛国际创新园")
    assert "outside-mark" not in client.get(f"/parks/{laoshan.slug}/").text


# ---------------------------------------------------------------- enterprises


def test_enterprises_follow_the_pinyin_of_the_name_readers_see(client, demo):
    titles = card_titles(client.get("/enterprises/").text)
    assert len(titles) == Enterprise.objects.published().count() == 56
    assert titles == sorted(titles, key=lambda name: pinyin(name))
    assert titles.index("爱能森") < titles.index("创新奇智")  # short names, not 深圳爱能森… and 青岛创新奇智…
    english_titles = card_titles(client.get("/en/enterprises/").text)
    assert english_titles == sorted(english_titles, key=english)


def test_a_homophone_is_ordered_by_its_full_name_so_pages_never_overlap(client, monkeypatch):
    monkeypatch.setattr(park_views, "PAGE_SIZE", 1)
    make_enterprise(name="海化有限公司", short_name="海化")
    make_enterprise(name="海华有限公司", short_name="海华")  # both "hai hua"
    pages = [card_titles(client.get(f"/enterprises/?page={n}").text) for n in (1, 2)]
    assert pages == [["海化"], ["海华"]]  # 化 U+5316 before 华 U+534E


# ---------------------------------------------------------------- home page


def test_the_home_page_shows_the_featured_public_qingdao_parks_and_enterprises(client, demo):
    zhongguancun = Park.objects.get(name="中关村国家自主创新示范区")
    zhongguancun.featured = True  # featured by mistake: still not a key park of Qingdao
    zhongguancun.save()
    make_park(name="草稿园", featured=True, published=False)
    make_enterprise(name="草稿企业有限公司", featured=True, published=False)

    parks = Park.objects.published().filter(featured=True).exclude(district=District.OUTSIDE)
    enterprises = Enterprise.objects.published().filter(featured=True)
    assert parks.count() == 6 and enterprises.count() == 6  # the demo's, from the seeds

    text = client.get("/").text
    shown_parks = card_titles(section(text, "parks-title"))
    assert shown_parks == sorted((park.name for park in parks), key=pinyin)
    assert shown_parks[0] == "青岛高科技工业园"
    shown_enterprises = card_titles(section(text, "enterprises-title"))
    assert shown_enterprises == sorted((enterprise.display_name for enterprise in enterprises), key=pinyin)

    text = client.get("/en/").text
    assert card_titles(section(text, "parks-title")) == sorted((park.name_en for park in parks), key=english)
    assert card_titles(section(text, "enterprises-title")) == sorted(
        (enterprise.name_en for enterprise in enterprises), key=english
    )


def test_with_nothing_featured_the_home_page_has_no_key_parks_or_enterprises(client):
    make_park(name="青岛高新技术产业开发区", level="national")
    make_enterprise()
    text = client.get("/").text
    assert 'id="parks-title"' not in text and 'id="enterprises-title"' not in text


# ---------------------------------------------------------------- admin


def test_the_admin_filters_featured_items_and_shows_the_badge(publisher_client):
    make_park(name="青岛国际创新园", featured=True)
    make_park(name="巨峰科技大厦")
    text = publisher_client.get(reverse("admin:parks_park_changelist") + "?featured__exact=1").text
    assert "青岛国际创新园" in text and "巨峰科技大厦" not in text
    assert '<span class="state state-featured">推荐</span>' in text
    form = publisher_client.get(reverse("admin:parks_park_change", args=[Park.objects.get(featured=True).pk])).text
    assert "青岛市外的园区即使推荐也不在首页显示" in form
