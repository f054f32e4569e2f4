"""Investment projects: the list with its filters, the page in each language, and where they are linked from."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from content.models import PendingChange, Status
from parks import views as park_views
from parks.models import Project
from tests.helpers import make_article, make_enterprise, make_park, posted_form

pytestmark = pytest.mark.django_db


def make_project(title="青岛高新区人工智能产业项目", published=True, when=None, **fields):
    when = when or timezone.now() - timedelta(hours=1)
    status = Status.PUBLISHED if published else Status.DRAFT
    return Project.objects.create(title=title, status=status, published_at=when, **fields)


@pytest.fixture
def project(db):
    park = make_park(name="青岛高新技术产业开发区", name_en="Qingdao Hi-tech Zone", slug="gaoxin")
    enterprise = make_enterprise(name="青岛创新奇智科技集团股份有限公司", short_name="创新奇智", slug="chuangxin")
    article = make_article(title="高新区签约人工智能项目", title_en="Hi-tech zone signs AI project", slug="qianyue")
    project = make_project(
        title="人工智能产业园项目",
        title_en="AI industrial park project",
        slug="ai-park",
        stage=Project.Stage.SIGNED,
        park=park,
        enterprise=enterprise,
        amount=Decimal("25"),
        amount_unit="亿元",
        space="300亩",
        summary="建设人工智能产业园。",
        summary_en="An AI industrial park.",
        description="<p>项目<strong>详情</strong><script>alert(1)</script></p>",
        contact_phone="0532-88888888",
        source_article=article,
    )
    project.tags.add("人工智能")
    return project


def test_list_and_detail_in_chinese(client, project):
    response = client.get("/projects/")
    assert response.status_code == 200
    assert "人工智能产业园项目" in response.text
    assert "25亿元" in response.text

    response = client.get("/projects/ai-park/")
    assert response.status_code == 200
    text = response.text
    assert "25亿元" in text and "300亩" in text and "已签约" in text
    assert 'href="/parks/gaoxin/"' in text
    assert 'href="/enterprises/chuangxin/"' in text
    assert 'href="/news/qianyue/"' in text
    assert "<strong>详情</strong>" in text and "<script>" not in text
    assert 'href="/contact/?project=ai-park"' in text


def test_detail_in_english(client, project):
    response = client.get("/en/projects/ai-park/")
    assert response.status_code == 200
    text = response.text
    assert "AI industrial park project" in text
    assert "CNY 2.5 billion" in text
    assert "Signed" in text
    assert 'href="/en/parks/gaoxin/"' in text
    assert 'href="/en/contact/?project=ai-park"' in text
    assert "Hi-tech zone signs AI project" in text


def test_drafts_and_scheduled_are_not_public(client, project):
    make_project(title="草稿项目", slug="draft", published=False)
    make_project(title="定时项目", slug="later", when=timezone.now() + timedelta(days=1))
    assert client.get("/projects/draft/").status_code == 404
    assert client.get("/projects/later/").status_code == 404
    listing = client.get("/projects/").text
    assert "草稿项目" not in listing and "定时项目" not in listing


def test_renamed_slug_redirects(client, project):
    project.slug = "ai-park-2"
    project.save()
    response = client.get("/projects/ai-park/")
    assert response.status_code == 301 and response["Location"] == "/projects/ai-park-2/"


def test_filters_with_counts(client, project):
    other_park = make_park(name="青岛西海岸新区", slug="xihaian")
    make_project(title="海洋项目", slug="ocean", stage=Project.Stage.SEEKING, park=other_park)
    make_project(title="另一个海洋项目", slug="ocean-2", stage=Project.Stage.SEEKING, park=other_park)

    response = client.get("/projects/")
    assert response.context["page_obj"].paginator.count == 3
    groups = {group["facet"].param: group["options"] for group in response.context["filters"].groups}
    assert [(o.value, o.count) for o in groups["park"]] == [("xihaian", 2), ("gaoxin", 1)]
    assert {(o.value, o.count) for o in groups["stage"]} == {("seeking", 2), ("signed", 1)}
    assert [(o.label, o.count) for o in groups["industry"]] == [("人工智能", 1)]

    response = client.get("/projects/?park=xihaian")
    assert response.context["page_obj"].paginator.count == 2
    response = client.get("/projects/?stage=signed")
    assert [p.slug for p in response.context["page_obj"].object_list] == ["ai-park"]
    tag = Tag.objects.get(name="人工智能")
    response = client.get(f"/projects/?industry={tag.slug}")
    assert [p.slug for p in response.context["page_obj"].object_list] == ["ai-park"]
    assert client.get("/projects/?stage=atlantis").status_code == 400
    assert client.get("/projects/?park=atlantis").status_code == 400
    assert client.get("/en/projects/?stage=signed").status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_list_query_count_is_constant(client, django_assert_num_queries, settings, monkeypatch, rows):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(park_views, "PAGE_SIZE", 50)  # every row on one page
    park = make_park(slug="gaoxin")
    for i in range(rows):
        make_project(title=f"项目{i}", slug=f"p{i}", park=park).tags.add("人工智能", "海洋")
    cache.clear()
    # content state · count · facets: park, industry, status · page of projects (with parks) · their tags
    with django_assert_num_queries(7):
        response = client.get("/projects/")
    assert response.text.count('class="card card-project') == rows
    # counts and facets from the cache: page · tags
    with django_assert_num_queries(2):
        client.get("/projects/")


def test_detail_query_count(client, project, django_assert_num_queries, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/projects/ai-park/")
    # project with park, enterprise and source article · its tags
    with django_assert_num_queries(2):
        assert client.get("/projects/ai-park/").status_code == 200


def test_park_page_links_its_public_projects(client, project):
    make_project(title="未发布项目", slug="hidden", park=project.park, published=False)
    text = client.get("/parks/gaoxin/").text
    assert 'href="/projects/ai-park/"' in text
    assert "/projects/hidden/" not in text
    assert 'href="/projects/?park=gaoxin"' in text
    text = client.get("/en/parks/gaoxin/").text
    assert 'href="/en/projects/ai-park/"' in text


def test_park_page_without_projects_has_no_block(client):
    make_park(slug="empty")
    assert "/projects/" not in client.get("/parks/empty/").text.split("<main", 1)[1].split("</main>")[0]


def test_tag_page_lists_projects(client, project):
    tag = Tag.objects.get(name="人工智能")
    text = client.get(reverse("bureau:tag_detail", kwargs={"slug": tag.slug})).text
    assert 'href="/projects/ai-park/"' in text
    assert "1 个项目" in text or "1个项目" in text


def test_tag_of_draft_project_only_is_not_public(client):
    make_project(title="草稿", slug="draft", published=False).tags.add("秘密")
    tag = Tag.objects.get(name="秘密")
    assert client.get(reverse("bureau:tag_detail", kwargs={"slug": tag.slug})).status_code == 404


def test_sitemap_lists_projects_in_both_languages(client, project):
    make_project(title="只有中文", slug="zh-only")
    text = client.get("/sitemap.xml").text
    assert "/projects/ai-park/</loc>" in text
    assert "/en/projects/ai-park/</loc>" in text
    assert 'hreflang="en" href="http://testserver/en/projects/ai-park/"' in text
    assert "/en/projects/zh-only/" not in text
    assert "/projects/zh-only/</loc>" in text
    assert "/projects/</loc>" in text


def test_feed_in_each_language(client, project):
    make_project(title="只有中文的项目", slug="zh-only")
    response = client.get("/projects/feed.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    assert "人工智能产业园项目" in response.text and "只有中文的项目" in response.text
    english = client.get("/en/projects/feed.xml").text
    assert "AI industrial park project" in english and "只有中文的项目" not in english
    assert 'href="/projects/feed.xml"' in client.get("/projects/").text


def test_editor_change_to_published_project_waits_for_review(client, editor_client, project):
    url = reverse("admin:parks_project_change", args=[project.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    response = editor_client.post(url, posted_form(page.text, title="人工智能产业园二期项目"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "人工智能产业园项目"
    assert PendingChange.objects.filter(object_id=project.pk).exists()


def test_roles(editor, publisher):
    for perm in ("add_project", "change_project", "view_project"):
        assert editor.has_perm(f"parks.{perm}")
        assert publisher.has_perm(f"parks.{perm}")
    for perm in ("delete_project", "publish_project"):
        assert not editor.has_perm(f"parks.{perm}")
        assert publisher.has_perm(f"parks.{perm}")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_admin_list_and_add_form(publisher_client, project, prefix):
    response = publisher_client.get(f"{prefix}/admin/parks/project/?stage__exact=signed")
    assert response.status_code == 200 and "人工智能产业园项目" in response.text
    assert publisher_client.get(f"{prefix}/admin/parks/project/add/").status_code == 200


def test_admin_park_filter_lists_only_parks_with_projects(publisher_client, project):
    make_park(name="没有项目的园区")
    response = publisher_client.get("/admin/parks/project/")
    [park_filter] = [spec for spec in response.context["cl"].filter_specs if getattr(spec, "field_path", "") == "park"]
    shown = [str(choice["display"]) for choice in park_filter.choices(response.context["cl"])]
    assert "青岛高新技术产业开发区" in shown and "没有项目的园区" not in shown


def test_unit_english_pages_cannot_convert_is_refused(project):
    from django.core.exceptions import ValidationError

    project.amount_unit = "两"
    with pytest.raises(ValidationError):
        project.full_clean()


def test_search_finds_projects_in_each_language(client, project):
    make_project(title="草稿算力项目", slug="draft", published=False)
    response = client.get("/search/?q=人工智能产业园")
    assert 'href="/projects/ai-park/"' in response.text
    assert "search-result-projects" in response.text
    response = client.get("/search/?q=人工智能产业园&kind=projects")
    assert 'href="/projects/ai-park/"' in response.text
    assert "/projects/draft/" not in client.get("/search/?q=算力").text
    # The English page matches the English title it shows.
    response = client.get("/en/search/?q=industrial park project")
    assert 'href="/en/projects/ai-park/"' in response.text
    # The Chinese page does not match the English title it does not show.
    assert "/projects/ai-park/" not in client.get("/search/?q=industrial").text


def test_search_index_follows_publication(project):
    from search.models import SearchDocument

    assert SearchDocument.objects.filter(kind=SearchDocument.Kind.PROJECT, object_id=project.pk).exists()
    project.delete()
    assert not SearchDocument.objects.filter(kind=SearchDocument.Kind.PROJECT).exists()
