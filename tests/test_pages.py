"""About us, the investment policies and the accessibility statement: written by staff in both languages.

A missing or unpublished "about" or accessibility page answers with an
honest placeholder (200, noindex); a policy that is not public is a 404 like
any other content; staff preview every state.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from content.models import PendingChange, Status
from pages.models import Page
from tests.helpers import make_page
from tests.public_helpers import sitemap_urls

pytestmark = pytest.mark.django_db

PLACEHOLDER = {"zh": "本页面正在准备中。", "en": "This page is being prepared."}
NOINDEX = '<meta name="robots" content="noindex, follow">'


def make_policy(title="人才引进扶持政策", **fields):
    return make_page(title=title, kind=Page.Kind.POLICY, **fields)


def english(path):
    return "/en" + path


# -- the addresses -----------------------------------------------------------------------------------------


def test_the_url_names_the_site_map_links():
    assert reverse("pages:about") == "/about/"
    assert reverse("pages:policies") == "/policies/"
    assert reverse("pages:accessibility") == "/accessibility/"
    assert reverse("pages:policy_detail", kwargs={"slug": "talent"}) == "/policies/talent/"


def test_each_page_knows_its_address():
    assert make_page().get_absolute_url() == "/about/"
    assert make_page("无障碍声明", kind=Page.Kind.ACCESSIBILITY).get_absolute_url() == "/accessibility/"
    assert make_policy(slug="talent").get_absolute_url() == "/policies/talent/"


# -- published pages, in both languages --------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "path"), [("about", "/about/"), ("accessibility", "/accessibility/")])
def test_a_published_single_page_shows_in_chinese_and_in_english(client, kind, path):
    make_page("本局简介", kind=kind, summary="简介摘要。", body="<p>中文正文。</p>", title_en="The bureau",
              summary_en="English summary.", body_en="<p>English body.</p>")  # fmt: skip
    response = client.get(path)
    assert response.status_code == 200
    assert "本局简介" in response.text and "中文正文。" in response.text and "简介摘要。" in response.text
    assert NOINDEX not in response.text
    response = client.get(english(path))
    assert response.status_code == 200
    assert "<h1>The bureau</h1>" in response.text
    assert "English body." in response.text and "English summary." in response.text
    assert "中文正文" not in response.text and "Chinese only" not in response.text


def test_an_english_page_marks_a_chinese_only_page(client):
    make_page("本局简介", body="<p>中文正文。</p>")
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert '<h1 lang="zh-Hans">本局简介</h1>' in response.text
    assert "Chinese only" in response.text
    assert "This page is available in Chinese only." in response.text
    assert 'href="/about/" hreflang="zh-Hans"' in response.text
    assert "中文正文" not in response.text
    # Its English page is no alternate worth naming to search engines, as for a Chinese-only article.
    assert 'hreflang="en"' not in response.text.split("</head>")[0]


def test_an_english_title_without_an_english_body_points_to_the_chinese_text(client):
    make_policy(slug="talent", title_en="Talent policy", body="<p>中文正文。</p>")
    response = client.get("/en/policies/talent/")
    assert "<h1>Talent policy</h1>" in response.text
    assert "The full text of this page is in Chinese." in response.text
    assert "中文正文" not in response.text


def test_both_bodies_are_sanitized():
    page = make_page(body='<p onclick="x()">中文<script>alert(1)</script></p>',
                     body_en='<p>English<script>alert(1)</script><img src=x onerror="alert(2)"></p>')  # fmt: skip
    page.refresh_from_db()
    for html in (page.body, page.body_en):
        assert "<script" not in html and "onclick" not in html and "onerror" not in html and "alert(1)" not in html
    assert "English" in page.body_en


# -- placeholders and drafts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/about/", "/accessibility/"])
def test_a_missing_single_page_shows_a_placeholder_in_both_languages(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert PLACEHOLDER["zh"] in response.text and NOINDEX in response.text
    assert "/admin/" not in response.text
    response = client.get(english(path))
    assert response.status_code == 200
    assert PLACEHOLDER["en"] in response.text and NOINDEX in response.text


@pytest.mark.parametrize("when", [None, "scheduled"])
def test_an_unpublished_single_page_keeps_the_placeholder(client, when):
    if when is None:
        make_page("草稿简介", published=False, body="<p>草稿正文。</p>")
    else:
        make_page("定时简介", when=timezone.now() + timedelta(days=1), body="<p>草稿正文。</p>")
    response = client.get("/about/")
    assert response.status_code == 200
    assert PLACEHOLDER["zh"] in response.text
    assert "草稿正文" not in response.text and "简介" not in response.text.split("<main")[1].split("</main>")[0]


def test_the_visitors_placeholder_reads_no_session_so_it_can_be_cached(client):
    response = client.get("/about/")
    assert "cookie" not in response.get("Vary", "").lower()


def test_staff_who_write_pages_see_where_to_write_the_missing_one(editor_client):
    response = editor_client.get("/accessibility/")
    assert PLACEHOLDER["zh"] in response.text
    assert f'href="{reverse("admin:pages_page_add")}?kind=accessibility"' in response.text
    draft = make_page("无障碍声明", kind=Page.Kind.ACCESSIBILITY, published=False)
    response = editor_client.get("/accessibility/")
    assert f'href="{reverse("admin:pages_page_change", args=[draft.pk])}"' in response.text


def test_the_admin_add_form_takes_the_kind_from_the_placeholders_link(editor_client):
    response = editor_client.get(reverse("admin:pages_page_add") + "?kind=accessibility")
    assert response.status_code == 200
    assert response.context["adminform"].form.initial["kind"] == "accessibility"


def test_a_draft_policy_is_404_and_previewable_by_staff(editor_client):
    draft = make_policy(slug="talent", published=False, body="<p>草稿正文。</p>")
    visitor = Client()
    assert visitor.get("/policies/talent/").status_code == 404
    assert visitor.get(draft.get_preview_url()).status_code == 404
    response = editor_client.get(draft.get_preview_url())
    assert response.status_code == 200
    assert "草稿正文。" in response.text and NOINDEX in response.text
    assert response["X-Robots-Tag"] == "noindex"


def test_staff_preview_a_draft_about_page(editor_client):
    draft = make_page("草稿简介", published=False, body="<p>草稿正文。</p>")
    response = editor_client.get(draft.get_preview_url())
    assert response.status_code == 200 and "草稿正文。" in response.text


def test_only_policies_live_under_policies(client):
    make_page("本局简介", slug="about-us")
    assert client.get("/policies/about-us/").status_code == 404


# -- the policy list ----------------------------------------------------------------------------------------------


def test_an_empty_policy_list_says_so(client):
    make_policy(published=False)
    response = client.get("/policies/")
    assert response.status_code == 200
    assert "尚未发布投资政策。" in response.text
    assert "No investment policies have been published yet." in client.get("/en/policies/").text


def test_the_policy_list_shows_public_policies_in_their_order(client):
    make_policy("第二项政策", slug="second", order=2, summary="第二项摘要。")
    make_policy("第一项政策", slug="first", order=1, title_en="First policy", summary_en="First summary.")
    make_policy("草稿政策", slug="draft", published=False)
    make_policy("定时政策", slug="later", when=timezone.now() + timedelta(days=1))
    make_page("本局简介")
    text = client.get("/policies/").text
    assert text.index("第一项政策") < text.index("第二项政策")
    assert "草稿政策" not in text and "定时政策" not in text and "本局简介" not in text
    assert 'href="/policies/first/"' in text
    text = client.get("/en/policies/").text
    assert ">First policy</a>" in text and "First summary." in text
    assert '<a href="/en/policies/second/" lang="zh-Hans">第二项政策</a>' in text
    assert '<p lang="zh-Hans">第二项摘要。</p>' in text
    assert text.count("Chinese only") == 1


def test_a_published_policy_has_its_page(client):
    make_policy(slug="talent", body="<p>政策正文。</p>")
    response = client.get("/policies/talent/")
    assert response.status_code == 200 and "政策正文。" in response.text
    assert 'href="/policies/"' in response.text  # the breadcrumb back to the list


# -- sitemap -------------------------------------------------------------------------------------------------------


def test_the_sitemap_lists_published_pages_and_the_policy_list(client):
    make_page("本局简介", title_en="About the bureau")
    make_policy(slug="talent")
    make_policy(slug="draft", published=False)
    make_page("无障碍声明", kind=Page.Kind.ACCESSIBILITY, published=False)
    urls = set(sitemap_urls(client.get("/sitemap.xml")))
    assert {"http://testserver/about/", "http://testserver/en/about/", "http://testserver/policies/talent/"} <= urls
    assert "http://testserver/policies/" in urls and "http://testserver/en/policies/" in urls
    # A Chinese-only policy has no English page worth listing; drafts and placeholders are no pages at all.
    assert "http://testserver/en/policies/talent/" not in urls
    assert not {u for u in urls if "draft" in u or "accessibility" in u}


# -- the admin and the roles ------------------------------------------------------------------------------------


def page_form(obj=None, **fields):
    data = {"kind": "policy", "title": "人才政策", "slug": "", "order": 0, "summary": "", "body": "<p>正文。</p>",
            "title_en": "", "summary_en": "", "body_en": ""}  # fmt: skip
    if obj is not None:
        data.update({name: getattr(obj, name) for name in data})
    local = timezone.localtime(timezone.now() - timedelta(hours=1))
    when = {"published_at_0": local.strftime("%Y-%m-%d"), "published_at_1": local.strftime("%H:%M:%S")}
    return {**data, "status": Status.PUBLISHED, **when, "_save": "save", **fields}


def test_the_admin_lists_pages_by_kind(publisher_client):
    make_page("本局简介")
    make_policy("人才政策")
    response = publisher_client.get(reverse("admin:pages_page_changelist"), {"kind__exact": "policy"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list.values_list("title", flat=True)) == ["人才政策"]


def test_a_publisher_writes_and_publishes_a_page(publisher_client, client):
    response = publisher_client.post(reverse("admin:pages_page_add"), page_form(kind="about", title="关于本局"))
    assert response.status_code == 302
    page = Page.objects.get()
    assert page.status == Status.PUBLISHED and page.last_edited_by is not None
    assert "关于本局" in client.get("/about/").text


def test_a_second_about_page_is_refused(publisher_client):
    make_page("本局简介")
    response = publisher_client.post(reverse("admin:pages_page_add"), page_form(kind="about", title="另一个简介"))
    assert response.status_code == 200
    assert "这类页面已经有一个了" in response.text
    assert Page.objects.count() == 1


def test_an_editors_save_of_a_published_page_waits_for_review(editor_client, client):
    page = make_policy(slug="talent", body="<p>已发布正文。</p>")
    response = editor_client.post(
        reverse("admin:pages_page_change", args=[page.pk]), page_form(page, body="<p>编辑修改的正文。</p>")
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "<p>已发布正文。</p>"
    assert "编辑修改的正文" in PendingChange.objects.get().data["fields"]["body"]
    assert "已发布正文。" in client.get("/policies/talent/").text


def test_an_editor_adds_a_page_as_a_draft(editor_client):
    assert editor_client.post(reverse("admin:pages_page_add"), page_form()).status_code == 302
    assert Page.objects.get().status == Status.DRAFT


def test_only_publishers_may_publish_and_delete_pages(editor, publisher):
    for codename in ["pages.publish_page", "pages.delete_page"]:
        assert publisher.has_perm(codename)
        assert not editor.has_perm(codename)
    for codename in ["pages.add_page", "pages.change_page", "pages.view_page"]:
        assert editor.has_perm(codename) and publisher.has_perm(codename)


# -- queries ---------------------------------------------------------------------------------------------------


def test_each_page_reads_one_query(client, django_assert_num_queries, settings):
    settings.PAGE_CACHE_SECONDS = 0  # what a page costs to build, not what a cache hit costs
    make_page("本局简介")
    make_policy("第一项政策", slug="first")
    make_policy("第二项政策", slug="second")
    # The page, the policies or the policy by its slug, and nothing per row; the placeholder the same.
    for path in ["/about/", "/policies/", "/policies/first/", "/accessibility/", "/en/policies/"]:
        with django_assert_num_queries(1):
            assert client.get(path).status_code == 200
