"""What an investor looks for first on a park page and card, and how staff find the parks that still lack it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import make_article, make_park

pytestmark = pytest.mark.django_db

PARKS = reverse("admin:parks_park_changelist")


def full_park(**fields):
    source = make_article(title="高新区规划面积公布")
    values = dict(
        name="青岛高新技术产业开发区", name_en="Qingdao Hi-tech Zone", address="青岛市城阳区智力岛路1号",
        land_area_km2=Decimal("63.4"), floor_area_m2=Decimal("120000"), area_source=source,
        contact_phone="0532-00000000", contact_email="invest@example.gov.cn", website="https://www.example.gov.cn/", established_year=1992, established_month=5,
        latitude=Decimal("36.300100"), longitude=Decimal("120.400200"),
    )  # fmt: skip
    values.update(fields)
    return make_park(**values), source


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_park_page_shows_its_essentials_with_the_source_of_the_areas(client, prefix):
    park, source = full_park()
    source_url = source.get_absolute_url()
    text = client.get(prefix + park.get_absolute_url()).text
    for shown in ("63.4 km²", "120000 m²", "0532-00000000", "https://www.example.gov.cn/", "1992-05"):
        assert shown in text
    assert text.count(f'class="fact-source" href="{prefix}{source_url}"') == 2
    # The Chinese address is marked as Chinese, so an English page reads it right.
    assert '<span lang="zh-Hans">青岛市城阳区智力岛路1号</span>' in text
    # A link to a public map, built from the stored coordinates; nothing is loaded from it.
    map_url = "https://www.openstreetmap.org/?mlat=36.3001&amp;mlon=120.4002#map=15/36.3001/120.4002"
    assert f'class="map-link" href="{map_url}"' in text
    assert "openstreetmap" not in "".join(
        line for line in text.splitlines() if "<script" in line or "<img" in line or "<link" in line
    )


def test_an_unpublished_source_is_not_linked_and_missing_facts_are_left_out(client):
    park, source = full_park(area_source=make_article(title="草稿", published=False), latitude=None)
    text = client.get(park.get_absolute_url()).text
    assert "63.4 km²" in text and "fact-source" not in text
    assert "map-link" not in text
    bare = make_park(name="青岛蓝谷")
    text = client.get(bare.get_absolute_url()).text
    for absent in ("km²", "map-link", "Address", "地址"):
        assert absent not in text.split('class="profile-facts"')[1].split("</aside>")[0]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_park_card_shows_the_address_and_land_area(client, prefix):
    full_park()
    text = client.get(prefix + "/parks/").text
    assert '<p class="card-facts"><span lang="zh-Hans">青岛市城阳区智力岛路1号</span>' in text
    assert "63.4 km²" in text


@pytest.mark.parametrize(
    "choice, expected",
    [
        ("complete", ["青岛高新技术产业开发区"]),
        ("address", ["青岛蓝谷"]),
        ("area", ["青岛蓝谷"]),
        ("contact", ["青岛国际创新园", "青岛蓝谷"]),
        ("website", ["青岛蓝谷"]),
        ("coordinates", ["青岛国际创新园", "青岛蓝谷"]),
    ],
)
def test_staff_find_the_parks_missing_essentials(admin_client, choice, expected):
    full_park()
    full_park(name="青岛国际创新园", name_en="", contact_phone="", contact_email="", latitude=None, area_source=None)
    make_park(name="青岛蓝谷")
    response = admin_client.get(f"{PARKS}?essentials={choice}")
    assert response.status_code == 200
    assert sorted(str(park) for park in response.context["cl"].result_list) == expected


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_essentials_filter_is_offered_in_both_languages(admin_client, prefix):
    text = admin_client.get(prefix + PARKS).text
    assert "?essentials=coordinates" in text
    assert ("Missing coordinates" if prefix else "缺少坐标") in text
