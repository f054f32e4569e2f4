"""The park and enterprise admin: finding things, linking them, their key figures."""

import json
import re

import pytest
from django.contrib import messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from content.models import Status
from parks.models import Enterprise, Park, Qualification
from tests.helpers import image_bytes, make_article, make_enterprise, make_park, upload

pytestmark = pytest.mark.django_db

PARKS = reverse("admin:parks_park_changelist")
ENTERPRISES = reverse("admin:parks_enterprise_changelist")
AUTOCOMPLETE = reverse("admin:autocomplete")


def change_url(obj):
    return reverse(f"admin:parks_{obj._meta.model_name}_change", args=[obj.pk])


def figures(*rows, initial=0):
    """The figures inline's management form and rows, as the change form posts them."""
    data = {
        "figures-TOTAL_FORMS": len(rows),
        "figures-INITIAL_FORMS": initial,
        "figures-MIN_NUM_FORMS": 0,
        "figures-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(rows):
        data.update({f"figures-{i}-{name}": value for name, value in row.items()})
    return data


def park_form(park=None, **fields):
    data = {"name": "青岛国际创新园", "kind": Park.Kind.INNOVATION_PARK, "_save": "save", **figures()}
    if park is not None:
        data.update(name=park.name, slug=park.slug, kind=park.kind, aliases=park.aliases)
    data.update(fields)
    return data


def enterprise_form(enterprise=None, **fields):
    data = {"name": "奇智科技集团股份有限公司", "_save": "save", **figures()}
    if enterprise is not None:
        data.update(name=enterprise.name, short_name=enterprise.short_name, slug=enterprise.slug)
    data.update(fields)
    return data


def publication(when=None):
    local = timezone.localtime(when or timezone.now())
    return {
        "status": Status.PUBLISHED,
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
    }


def found(client, changelist, query):
    response = client.get(changelist + query)
    assert response.status_code == 200
    return sorted(str(obj) for obj in response.context["cl"].result_list)


def warnings(response):
    return [m.message for m in response.context["messages"] if m.level == messages.WARNING]


class TestFinding:
    def test_search_finds_a_park_by_an_alias(self, editor_client):
        make_park(name="青岛高新技术产业开发区", aliases="青岛高新区, 红岛高新区")
        make_park(name="青岛西海岸新区", aliases="黄岛")
        assert found(editor_client, PARKS, "?q=高新区") == ["青岛高新技术产业开发区"]
        assert found(editor_client, PARKS, "?q=黄岛") == ["青岛西海岸新区"]

    def test_search_finds_an_enterprise_by_short_name_alias_english_name_or_stock_code(self, editor_client):
        # The legal name does not contain the short name: only the short name can match.
        make_enterprise(
            name="奇智科技集团股份有限公司",
            short_name="创新奇智",
            name_en="AInnovation",
            stock_code="2121",
            aliases="奇智",
        )
        make_enterprise(name="海尔集团公司", short_name="海尔")
        for query in ["创新奇智", "ainnovation", "2121"]:
            assert found(editor_client, ENTERPRISES, f"?q={query}") == ["创新奇智"]

    def test_parks_and_enterprises_missing_english_are_easy_to_find(self, editor_client):
        make_park(
            name="青岛高新技术产业开发区", name_en="Qingdao Hi-tech Zone", summary_en="A national high-tech zone."
        )
        make_park(name="青岛国际创新园", name_en="Qingdao International Innovation Park")  # no English summary
        make_park(name="青岛蓝谷")  # nothing in English
        assert found(editor_client, PARKS, "?english=missing") == ["青岛国际创新园", "青岛蓝谷"]
        assert found(editor_client, PARKS, "?english=complete") == ["青岛高新技术产业开发区"]

        make_enterprise(name="海尔集团公司", short_name="海尔", name_en="Haier Group", summary_en="Home appliances.")
        make_enterprise(name="奇智科技集团股份有限公司", short_name="创新奇智", summary_en="AI for industry.")
        assert found(editor_client, ENTERPRISES, "?english=missing") == ["创新奇智"]
        assert found(editor_client, ENTERPRISES, "?english=complete") == ["海尔"]

    def test_filters_by_visibility_district_and_qualification(self, editor_client):
        make_park(name="青岛高新技术产业开发区", district="chengyang", level=Park.Level.NATIONAL)
        make_park(name="青岛蓝谷", district="jimo", published=False)
        assert found(editor_client, PARKS, "?district__exact=chengyang") == ["青岛高新技术产业开发区"]
        assert found(editor_client, PARKS, "?visibility=draft") == ["青岛蓝谷"]

        unicorn = Qualification.objects.get(slug="unicorn")  # the recognitions come with the database
        make_enterprise(name="奇智科技集团股份有限公司", short_name="创新奇智").qualifications.add(unicorn)
        make_enterprise(name="海尔集团公司", short_name="海尔")
        assert found(editor_client, ENTERPRISES, f"?qualifications__id__exact={unicorn.pk}") == ["创新奇智"]

    def test_lists_show_a_thumbnail_and_the_visibility(self, editor_client):
        make_park(image=upload("park.jpg", image_bytes(size=(400, 300))), image_alt="园区全景")
        make_enterprise(
            short_name="创新奇智",
            published=False,
            logo=upload("logo.png", image_bytes("PNG", size=(200, 200)), "image/png"),
        )

        parks = editor_client.get(PARKS).text
        assert '<img src="/media/renditions/parks/' in parks and "state-public" in parks
        enterprises = editor_client.get(ENTERPRISES).text
        assert '<img src="/media/renditions/logos/' in enterprises and "state-draft" in enterprises

    @pytest.mark.parametrize(
        ("changelist", "make"),
        [
            (PARKS, lambda n, parent: make_park(name=f"园区{n}", parent=parent, district="laoshan")),
            (ENTERPRISES, lambda n, park: make_enterprise(name=f"企业{n}", short_name=f"简称{n}").parks.add(park)),
        ],
        ids=["parks", "enterprises"],
    )
    def test_the_lists_cost_the_same_queries_for_3_and_30_rows(self, editor_client, editor, changelist, make):
        anchor = make_park(name="锚点园区")

        def load():
            with CaptureQueriesContext(connection) as queries:
                response = editor_client.get(changelist)
            assert response.status_code == 200
            return len(queries)

        for n in range(3):
            make(n, anchor)
        few = load()
        for n in range(3, 30):
            make(n, anchor)
        assert load() == few


class TestAutocomplete:
    """The endpoint behind every link field: it must answer editors, not only superusers."""

    @pytest.fixture
    def content(self):
        return {
            "park": make_park(name="青岛高新技术产业开发区", aliases="高新区"),
            "enterprise": make_enterprise(name="奇智科技集团股份有限公司", short_name="创新奇智"),
            "article": make_article(title="创新奇智在青岛高新区扩大研发中心", published=False),
        }

    @pytest.mark.parametrize(
        ("app_label", "model_name", "field_name", "term", "expected"),
        [
            ("news", "article", "parks", "高新区", "park"),
            ("news", "article", "enterprises", "创新奇智", "enterprise"),
            ("parks", "park", "parent", "高新区", "park"),
            ("parks", "park", "operator", "创新奇智", "enterprise"),
            ("parks", "enterprise", "parks", "高新区", "park"),
            ("parks", "parkfigure", "source_article", "研发中心", "article"),
            ("parks", "enterprisefigure", "source_article", "研发中心", "article"),
        ],
    )
    def test_answers_editors(self, editor_client, content, app_label, model_name, field_name, term, expected):
        response = editor_client.get(
            AUTOCOMPLETE, {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term}
        )
        assert response.status_code == 200
        obj = content[expected]
        assert json.loads(response.content)["results"] == [{"id": str(obj.pk), "text": str(obj)}]

    def test_refuses_staff_without_a_role(self, client, django_user_model, content):
        client.force_login(django_user_model.objects.create_user("visitor", is_staff=True))
        response = client.get(
            AUTOCOMPLETE, {"app_label": "news", "model_name": "article", "field_name": "parks", "term": "高新区"}
        )
        assert response.status_code == 403

    def test_change_forms_use_it_for_every_link(self, editor_client, content):
        park_form_page = editor_client.get(change_url(content["park"])).text
        for field in ["parent", "operator", "figures-__prefix__-source_article"]:
            assert f'name="{field}"' in park_form_page
        assert park_form_page.count("admin-autocomplete") >= 3
        enterprise_page = editor_client.get(change_url(content["enterprise"])).text
        assert 'name="parks"' in enterprise_page and "admin-autocomplete" in enterprise_page
        investors = re.search(r'<select name="investors"[^>]*>', enterprise_page)
        assert investors and "admin-autocomplete" in investors[0]


class TestFiguresInline:
    def test_a_publisher_adds_a_figure_with_its_source_to_a_park_and_it_shows_on_the_park_page(self, publisher_client):
        park = make_park(name="青岛高新技术产业开发区", aliases="高新区")
        source = make_article(title="高新区去年新增企业1200家")
        row = {
            "label": "入驻企业",
            "value": "1200",
            "unit": "家",
            "year": "2024",
            "source_article": source.pk,
            "position": "0",
        }
        response = publisher_client.post(
            change_url(park), park_form(park, **figures(row), **publication(park.published_at))
        )
        assert response.status_code == 302, response.context["adminform"].form.errors

        figure = park.figures.get()
        assert (figure.label, figure.value, figure.source_article) == ("入驻企业", 1200, source)
        publisher_client.logout()
        page = publisher_client.get(park.get_absolute_url())
        assert page.status_code == 200
        assert "入驻企业" in page.text
        assert f'href="{source.get_absolute_url()}"' in page.text

    def test_values_show_as_typed_and_english_pages_use_the_english_unit_or_convert(self, editor_client):
        park = make_park(name="青岛国际创新园")
        park.figures.create(
            label="入驻企业", label_en="Resident companies", value="326", unit="家", unit_en="companies"
        )
        park.figures.create(label="规划面积", value="1.50", unit="平方公里")
        form = editor_client.get(change_url(park)).text
        assert 'value="326"' in form and 'value="1.5"' in form
        assert "326.0000" not in form and "1.5000" not in form

        editor_client.logout()
        assert "326家" in editor_client.get(park.get_absolute_url()).text
        english = editor_client.get("/en" + park.get_absolute_url()).text
        assert "326 companies" in english
        assert "1.5 km²" in english  # no English unit entered: converted (content/numbers.py)
        assert "平方公里" not in english

    @pytest.mark.parametrize(
        "unit, unit_en, error",
        [
            ("台套", "", "英文页面无法自动换算单位“台套”，请在此填写英文单位。"),
            ("家", "家企业", "英文单位请用英文填写，或留空。"),
        ],
    )
    def test_a_unit_english_pages_could_not_show_is_refused(self, publisher_client, unit, unit_en, error):
        # The admin is in Chinese, as staff use it.
        park = make_park(name="青岛高新技术产业开发区")
        row = {"label": "设备", "value": "12", "unit": unit, "unit_en": unit_en, "year": "2024", "position": "0"}
        response = publisher_client.post(
            change_url(park), park_form(park, **figures(row), **publication(park.published_at))
        )
        assert response.status_code == 200
        assert escape(error) in response.text
        assert not park.figures.exists()

    def test_an_unknown_unit_with_an_english_unit_is_saved(self, publisher_client):
        park = make_park(name="青岛高新技术产业开发区")
        row = {"label": "设备", "value": "12", "unit": "台套", "unit_en": "sets", "year": "2024", "position": "0"}
        response = publisher_client.post(
            change_url(park), park_form(park, **figures(row), **publication(park.published_at))
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        publisher_client.logout()
        assert "12 sets" in publisher_client.get("/en" + park.get_absolute_url()).text

    def test_an_enterprise_has_its_figures_inline_too(self, editor_client):
        enterprise = make_enterprise(short_name="创新奇智", published=False)
        form = editor_client.get(change_url(enterprise))
        assert "figures-TOTAL_FORMS" in form.text
        row = {"label": "研发人员", "value": "500", "unit": "人", "year": "2023", "position": "0"}
        response = editor_client.post(change_url(enterprise), enterprise_form(enterprise, **figures(row)))
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert str(enterprise.figures.get()) == "研发人员: 500人 (2023)"

    def test_a_bad_figure_row_keeps_the_park_form_as_typed(self, editor_client):
        park = make_park(published=False)
        row = {"label": "营业收入", "value": "很多", "unit": "亿元", "position": "0"}
        response = editor_client.post(change_url(park), park_form(park, summary="编辑写的摘要。", **figures(row)))
        assert response.status_code == 200
        assert response.context["inline_admin_formsets"][0].formset.errors[0]["value"]
        assert "编辑写的摘要。" in response.text and 'value="很多"' in response.text
        assert not park.figures.exists()


class TestLinksAndInput:
    def test_a_park_linked_to_a_draft_parent_or_operator_is_saved_with_warnings(self, editor_client):
        parent = make_park(name="青岛高新技术产业开发区", published=False)
        operator = make_enterprise(name="青岛高新区投资开发集团有限公司", short_name="高新投", published=False)
        response = editor_client.post(
            reverse("admin:parks_park_add"), park_form(parent=parent.pk, operator=operator.pk), follow=True
        )
        park = Park.objects.get(name="青岛国际创新园")
        assert (park.parent, park.operator) == (parent, operator)
        shown = warnings(response)
        assert len(shown) == 2 and any(parent.name in w for w in shown) and any("高新投" in w for w in shown)

    def test_an_enterprise_in_a_draft_park_is_saved_with_a_warning(self, editor_client):
        draft_park = make_park(name="青岛蓝谷", published=False)
        response = editor_client.post(
            reverse("admin:parks_enterprise_add"), enterprise_form(parks=[draft_park.pk]), follow=True
        )
        enterprise = Enterprise.objects.get(name="奇智科技集团股份有限公司")
        assert list(enterprise.parks.all()) == [draft_park]
        assert [w for w in warnings(response) if "青岛蓝谷" in w]

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            (lambda: {"description": '<p>园区<iframe src="https://example.com/"></iframe></p>'}, "description"),
            (lambda: {"image": upload("park.jpg", image_bytes(size=(400, 300)))}, "image_alt"),
            (lambda: {"established_month": "5"}, "established_month"),
        ],
        ids=["unsafe-html", "image-without-alt", "month-without-year"],
    )
    def test_bad_park_input_is_named_and_nothing_typed_is_lost(self, editor_client, fields, field):
        fields = fields()  # a fresh upload for every run
        data = park_form(aliases="国创园", summary="编辑写的摘要。", **fields)
        response = editor_client.post(reverse("admin:parks_park_add"), data)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert list(errors) == [field]
        assert escape(errors[field][0]) in response.text
        for typed in ["青岛国际创新园", "国创园", "编辑写的摘要。"]:
            assert typed in response.text
        if "description" in fields:
            assert escape(fields["description"]) in response.text
        assert not Park.objects.exists()

    def test_a_duplicate_enterprise_name_is_refused_with_the_form_kept(self, editor_client):
        make_enterprise(name="奇智科技集团股份有限公司")
        response = editor_client.post(
            reverse("admin:parks_enterprise_add"), enterprise_form(short_name="创新奇智", stock_code="2121")
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.errors.as_data()["name"][0].code == "unique"
        assert 'value="创新奇智"' in response.text and 'value="2121"' in response.text


def test_areas_show_as_typed_without_trailing_zeros(publisher_client):
    park = make_park(land_area_km2="2.5", floor_area_m2="80000", total_area_m2="123456")
    html = publisher_client.get(change_url(park)).text
    for name, shown in (("land_area_km2", "2.5"), ("floor_area_m2", "80000"), ("total_area_m2", "123456")):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert f'value="{shown}"' in field, field
