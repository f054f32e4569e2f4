"""Versions of articles, parks and enterprises: recorded, listed, compared and restored in the admin.

Every test saves through the admin (or the commands) as staff do, and checks
what staff see: the history page, the comparison, the restore's confirmation
and its result on the public site.
"""

import json
import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from content import diffs, history, pending, snapshots
from content.models import PendingChange, Status
from news.models import Article
from parks.models import Enterprise, Park
from tests import helpers

pytestmark = pytest.mark.django_db

BODY = "<p>西海岸新区人工智能产业园今天签约。</p><h2>三个项目</h2><ul><li>算力中心</li><li>机器人</li></ul>"


# Publication times to the second, as the change form posts them back: a save changes only what a test changes.
def at_a_second(make):
    def made(*args, **fields):
        fields.setdefault("when", timezone.now().replace(microsecond=0) - timedelta(hours=1))
        return make(*args, **fields)

    return made


make_article = at_a_second(helpers.make_article)
make_park = at_a_second(helpers.make_park)
make_enterprise = at_a_second(helpers.make_enterprise)


def admin_url(obj, name, *args, language=None):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{name}", args=[obj.pk, *args])
    return "/en" + url if language == "en" else url


def local(when):
    """The publication time as the form posts it, with the hidden initial value Django compares it with."""
    local_time = timezone.localtime(when)
    day, hour = local_time.strftime("%Y-%m-%d"), local_time.strftime("%H:%M:%S")
    return {
        "published_at_0": day,
        "published_at_1": hour,
        "initial-published_at_0": day,
        "initial-published_at_1": hour,
    }


def article_form(article, **fields):
    data = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "body": article.body,
        "cover_alt": "",
        "tags": ", ".join(sorted(article.tags.names())) if article.pk else "",
        "parks": [park.pk for park in article.parks.all()] if article.pk else [],
        "enterprises": [enterprise.pk for enterprise in article.enterprises.all()] if article.pk else [],
        "source_outlet": "",
        "source_url": "",
        "source_date": "",
        "original_title": "",
        "author": "",
        "status": article.status,
        **local(article.published_at),
        "_save": "save",
    }
    data.update(fields)
    return data


def figures(*rows):
    data = {
        "figures-TOTAL_FORMS": len(rows),
        "figures-INITIAL_FORMS": 0,
        "figures-MIN_NUM_FORMS": 0,
        "figures-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        data.update({f"figures-{index}-{name}": value for name, value in row.items()})
    return data


def existing_figures(item, changes=None):
    """The figures inline as the change form posts it back, with ``changes`` {label: {field: value}} applied."""
    rows = list(item.figures.all())
    data = {
        "figures-TOTAL_FORMS": len(rows),
        "figures-INITIAL_FORMS": len(rows),
        "figures-MIN_NUM_FORMS": 0,
        "figures-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        values = {
            "id": row.pk,
            "label": row.label,
            "label_en": row.label_en,
            "qualifier": row.qualifier,
            "value": format(row.value.normalize(), "f"),
            "unit": row.unit,
            "unit_en": row.unit_en,
            "year": row.year or "",
            "source_article": row.source_article_id or "",
            "position": row.position,
            type(row).owner_field: item.pk,
        }
        values.update((changes or {}).get(row.label, {}))
        data.update({f"figures-{index}-{name}": value for name, value in values.items()})
    return data


def park_form(park, **fields):
    data = {
        "name": park.name,
        "name_en": park.name_en,
        "aliases": park.aliases,
        "slug": park.slug,
        "kind": park.kind,
        "level": park.level,
        "district": park.district,
        "parent": park.parent_id or "",
        "operator": park.operator_id or "",
        "summary": park.summary,
        "summary_en": park.summary_en,
        "description": park.description,
        "tags": ", ".join(sorted(park.tags.names())),
        "status": park.status,
        **local(park.published_at),
        "_save": "save",
    }
    data.update(fields)
    return data


def enterprise_form(enterprise, **fields):
    data = {
        "name": enterprise.name,
        "short_name": enterprise.short_name,
        "slug": enterprise.slug,
        "parks": [park.pk for park in enterprise.parks.all()],
        "summary": enterprise.summary,
        "description": enterprise.description,
        "tags": ", ".join(sorted(enterprise.tags.names())),
        "status": enterprise.status,
        **local(enterprise.published_at),
        "_save": "save",
    }
    data.update(fields)
    return data


def saved(response):
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return response


def latest(obj):
    return history.versions_of(obj).select_related("revision__user").first()


def comments(obj, language="en"):
    with override(language):
        return [history.comment_text(v.revision.comment, type(obj)) for v in history.versions_of(obj)]


def visible(html):
    """The text of a page, tags removed, for checks on what a reader sees."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def viewer(db):
    """Staff who may look at articles but not change them."""
    user = get_user_model().objects.create_user("viewer", password="unused", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    return user


@pytest.fixture
def linked_park():
    """An article linked to two parks and an enterprise, with tags, saved once by a publisher in the admin."""
    return make_park(name="青岛国际创新园")


# --- recording ----------------------------------------------------------------------------------


class TestRecording:
    def test_every_admin_save_of_an_article_is_a_version_with_who_and_when(self, publisher_client, publisher):
        park = make_park(name="青岛国际创新园")
        before = timezone.now()
        saved(
            publisher_client.post(
                reverse("admin:news_article_add"),
                article_form(
                    Article(title="人工智能产业园签约", body=BODY, status=Status.PUBLISHED),
                    tags="人工智能, 海洋经济",
                    parks=[park.pk],
                ),
            )
        )
        article = Article.objects.get()
        saved(publisher_client.post(admin_url(article, "change"), article_form(article, summary="三个项目落地。")))

        versions = list(history.versions_of(article).select_related("revision__user"))
        assert len(versions) == 2
        assert all(v.revision.user == publisher and v.revision.date_created >= before for v in versions)
        assert comments(article) == ["Changed summary", "Created"]
        assert history.snapshot_of_version(versions[1])["tags"] == ["人工智能", "海洋经济"]

    def test_the_version_of_an_article_is_its_snapshot(self, publisher_client):
        parks = [make_park(name="青岛国际创新园"), make_park(name="青岛虚拟现实产业园")]
        enterprise = make_enterprise(name="青岛创新奇智科技集团股份有限公司")
        article = make_article(body=BODY)
        data = article_form(
            article,
            tags="人工智能, 5G，通信",
            parks=[p.pk for p in parks],
            enterprises=[enterprise.pk],
            source_date="2024-09-27",
            source_url="https://example.com/news/1",
            author="李红梅",
        )
        saved(publisher_client.post(admin_url(article, "change"), data))
        article.refresh_from_db()
        snapshot = history.snapshot_of_version(latest(article))
        assert snapshot == snapshots.take(article)
        assert snapshot["links"]["parks"] == sorted(p.pk for p in parks)
        assert snapshot["tags"] == ["5G", "人工智能", "通信"]

    def test_the_version_of_a_park_holds_its_figures_and_tags(self, publisher_client):
        operator = make_enterprise(name="青岛高新科技投资有限公司")
        parent = make_park(name="青岛高新技术产业开发区")
        source = make_article(title="高新区去年新增企业1200家")
        park = make_park(name="青岛国际创新园", description="<p>园区介绍。</p>")
        rows = [
            {"label": "入驻企业", "value": "1200", "unit": "家", "year": "2024", "source_article": source.pk},
            {"label": "营业收入", "qualifier": "over", "value": "326.5", "unit": "亿元", "year": "2023"},
        ]
        rows = [{**row, "position": str(index)} for index, row in enumerate(rows)]
        data = park_form(park, parent=parent.pk, operator=operator.pk, tags="人工智能, 海洋经济", **figures(*rows))
        saved(publisher_client.post(admin_url(park, "change"), data))
        park.refresh_from_db()
        snapshot = history.snapshot_of_version(latest(park))
        assert snapshot == snapshots.take(park)
        assert [row["label"] for row in snapshot["children"]["figures"]] == ["入驻企业", "营业收入"]
        assert snapshot["children"]["figures"][1]["value"] == "326.5"
        assert snapshot["tags"] == ["人工智能", "海洋经济"]
        assert comments(park) == ["Changed parent park, operator, leading industries and topics and park figures"]

    def test_an_enterprise_and_its_figures(self, editor_client, editor):
        park = make_park()
        enterprise = make_enterprise(short_name="创新奇智", published=False)
        row = {"label": "研发人员", "value": "500", "unit": "人", "year": "2023", "position": "0"}
        data = enterprise_form(enterprise, parks=[park.pk], tags="人工智能", **figures(row))
        data.pop("status")
        data.pop("published_at_0")
        data.pop("published_at_1")
        saved(editor_client.post(admin_url(enterprise, "change"), data))
        version = latest(enterprise)
        assert version.revision.user == editor
        assert history.snapshot_of_version(version) == snapshots.take(enterprise)
        assert history.snapshot_of_version(version)["children"]["figures"][0]["label"] == "研发人员"

    def test_a_tag_renamed_since_shows_its_new_name(self, publisher_client):
        from taggit.models import Tag

        article = make_article()
        saved(publisher_client.post(admin_url(article, "change"), article_form(article, tags="人工智能, 海洋")))
        Tag.objects.filter(name="海洋").update(name="海洋经济")
        assert history.snapshot_of_version(latest(article))["tags"] == ["人工智能", "海洋经济"]

    def test_a_refused_save_records_nothing(self, publisher_client):
        article = make_article()
        response = publisher_client.post(admin_url(article, "change"), article_form(article, title=""))
        assert response.status_code == 200
        assert not history.versions_of(article).exists()

    def test_publishing_from_the_list_is_a_version(self, publisher_client, publisher):
        article = make_article(published=False)
        publisher_client.post(
            reverse("admin:news_article_changelist"),
            {"action": "publish", "_selected_action": [article.pk], "index": 0},
        )
        version = latest(article)
        assert version.revision.user == publisher
        assert json.loads(version.serialized_data)[0]["fields"]["status"] == Status.PUBLISHED
        assert comments(article) == ["Published"]
        assert comments(article, "zh-hans") == ["已发布"]


# --- the history page ------------------------------------------------------------------------------


class TestHistoryPage:
    def test_field_names_in_the_readers_language_and_no_body_changed_by_markup(self, publisher_client):
        article = make_article(body=BODY)
        # The editor sends the body back written its own way (white space, attribute order): no change.
        resent = BODY.replace("</p><h2>", "</p>\n<h2>").replace("</li><li>", "</li>\n  <li>")
        saved(
            publisher_client.post(
                admin_url(article, "change"), article_form(article, title="三个项目签约", body=resent)
            )
        )
        chinese = visible(publisher_client.get(admin_url(article, "history")).text)
        assert "修改了标题" in chinese
        assert "正文" not in chinese and "title" not in chinese.lower() and "body" not in chinese.lower()
        english = visible(publisher_client.get(admin_url(article, "history", language="en")).text)
        assert "Changed title" in english
        assert "body" not in english.lower() and "标题" not in english
        # Django's own entry says the same.
        from django.contrib.admin.models import LogEntry

        with override("en"):
            assert LogEntry.objects.get(object_id=str(article.pk)).get_change_message() == "Changed Title."

    def test_it_lists_versions_with_time_person_and_restore_buttons(self, publisher_client, publisher):
        publisher.first_name, publisher.last_name = "青", "王"
        publisher.save()
        article = make_article()
        for title in ("第一版", "第二版"):
            saved(publisher_client.post(admin_url(article, "change"), article_form(article, title=title)))
            article.refresh_from_db()
        page = publisher_client.get(admin_url(article, "history"))
        assert page.status_code == 200
        rows = page.context["rows"]
        assert [row["who"] for row in rows] == ["王青", "王青"]
        when = timezone.localtime(rows[0]["when"]).strftime("%Y-%m-%d %H:%M")
        assert when.split()[1] in page.text  # Beijing time
        assert page.text.count('type="radio" name="old"') == 2
        assert admin_url(article, "restore", rows[1]["version"].pk) in page.text
        assert admin_url(article, "compare") in page.text
        assert "style=" not in page.text.split('id="content-main"')[1] and "<script>" not in page.text

    def test_one_version_is_not_offered_for_comparing(self, publisher_client):
        article = make_article()
        saved(publisher_client.post(admin_url(article, "change"), article_form(article, title="第一版")))
        page = visible(publisher_client.get(admin_url(article, "history")).text)
        assert "目前只有一个版本：有两个版本时才能比较。" in page
        assert "各版本按时间从新到旧排列" not in page
        saved(publisher_client.post(admin_url(article, "change"), article_form(article, title="第二版")))
        page = visible(publisher_client.get(admin_url(article, "history")).text)
        assert "各版本按时间从新到旧排列" in page and "目前只有一个版本" not in page

    def test_an_item_without_versions_says_so_and_shows_its_earlier_entries(self, publisher_client, publisher):
        from django.contrib.admin.models import CHANGE, LogEntry

        article = make_article()
        LogEntry.objects.log_actions(publisher.pk, [article], CHANGE, json.dumps([{"changed": {"fields": ["Title"]}}]))
        page = visible(publisher_client.get(admin_url(article, "history")).text)
        assert "尚未记录" in page
        assert "更早的修改" in page and "publisher 已修改" in page

    def test_the_query_count_does_not_grow_with_the_versions(self, publisher_client, publisher):
        def cost(count):
            article = make_article(title=f"文章{count}")
            for number in range(count):
                with history.recording(publisher, history.comment(history.CHANGED, fields=["title", "body"])):
                    article.title = f"文章{count}-{number}"
                    article.save()
            with CaptureQueriesContext(connection) as queries:
                response = publisher_client.get(admin_url(article, "history"))
            assert response.status_code == 200 and len(response.context["rows"]) == count
            return len(queries)

        # Session and user, the item, its versions with their revisions and people, Django's earlier entries.
        assert cost(3) == cost(30)


# --- compare ----------------------------------------------------------------------------------------


class TestCompare:
    @pytest.fixture
    def two_versions(self, publisher_client):
        """An article changed in title, tags and park links; its two versions (old, new)."""
        kept, dropped = make_park(name="青岛国际创新园"), make_park(name="青岛虚拟现实产业园")
        article = make_article(title="人工智能产业园签约三个项目", body=BODY)
        first = article_form(article, tags="人工智能", parks=[kept.pk, dropped.pk])
        saved(publisher_client.post(admin_url(article, "change"), first))
        article.refresh_from_db()
        second = article_form(
            article,
            title="人工智能产业园签约五个项目",
            body=BODY.replace("机器人", "智能制造"),
            tags="人工智能, 海洋经济",
            parks=[kept.pk],
        )
        saved(publisher_client.post(admin_url(article, "change"), second))
        new, old = list(history.versions_of(article))
        return article, old, new

    def test_it_shows_what_changed_inline(self, publisher_client, two_versions):
        article, old, new = two_versions
        page = publisher_client.get(admin_url(article, "compare") + f"?old={old.pk}&new={new.pk}")
        assert page.status_code == 200
        labels = [row.label for row in page.context["rows"]]
        assert labels == ["标题", "正文", "关联园区", "标签"]
        html = page.text
        assert "<del>三</del><ins>五</ins>" in html
        assert "<del>机器人</del><ins>智能制造</ins>" in html
        assert "<ins>海洋经济</ins>" in html
        assert "<del>青岛虚拟现实产业园</del>" in html
        assert "算力中心" not in html  # unchanged paragraphs are not repeated
        english = publisher_client.get(admin_url(article, "compare", language="en") + f"?old={old.pk}&new={new.pk}")
        assert [row.label for row in english.context["rows"]] == ["Title", "Body", "Linked parks", "Tags"]

    def test_versions_in_either_order_compare_old_to_new(self, publisher_client, two_versions):
        article, old, new = two_versions
        page = publisher_client.get(admin_url(article, "compare") + f"?old={new.pk}&new={old.pk}")
        assert "<del>三</del><ins>五</ins>" in page.text

    @pytest.mark.parametrize("query", ["", "?old=1", "?old=abc&new=2", "?old=&new="])
    def test_malformed_or_missing_ids_are_a_bad_request(self, publisher_client, two_versions, query):
        article, _old, _new = two_versions
        assert publisher_client.get(admin_url(article, "compare") + query).status_code == 400

    def test_a_version_of_another_item_is_not_found(self, publisher_client, two_versions):
        article, old, _new = two_versions
        other = make_article(title="另一篇")
        saved(publisher_client.post(admin_url(other, "change"), article_form(other, summary="摘要")))
        stranger = latest(other)
        url = admin_url(article, "compare") + f"?old={old.pk}&new={stranger.pk}"
        assert publisher_client.get(url).status_code == 404
        assert publisher_client.get(admin_url(article, "restore", stranger.pk)).status_code == 404

    def test_a_changed_figure(self, publisher_client):
        park = make_park(name="青岛国际创新园")
        row = {"label": "入驻企业", "value": "1200", "unit": "家", "year": "2024", "position": "0"}
        saved(publisher_client.post(admin_url(park, "change"), park_form(park, **figures(row))))
        changes = {"入驻企业": {"value": "1300"}}
        saved(publisher_client.post(admin_url(park, "change"), park_form(park, **existing_figures(park, changes))))
        new, old = list(history.versions_of(park))
        page = publisher_client.get(admin_url(park, "compare") + f"?old={old.pk}&new={new.pk}")
        [figures_row] = page.context["rows"]
        assert figures_row.label == "园区数据"
        assert "入驻企业: 1300家 (2024)" in page.text
        assert "<del>1200</del> <ins>1300</ins>" in page.text
        assert comments(park, "zh-hans")[0] == "修改了园区数据"


# --- differences -------------------------------------------------------------------------------------


class TestDifferences:
    def snapshot(self, **fields):
        base = snapshots.take(make_park(name="青岛国际创新园"))
        Park.objects.all().delete()
        base["fields"].update(fields)
        return base

    def test_figures_renumbered_in_the_same_order_are_no_difference_but_a_new_order_is(self):
        park = make_park(name="青岛国际创新园")
        for position, label in enumerate(["入驻企业", "营业收入"]):
            park.figures.create(label=label, value="326", unit="家", year=2023, position=position)
        old = snapshots.take(park)
        renumbered = json.loads(json.dumps(old))
        for row in renumbered["children"]["figures"]:
            row["position"] += 1  # saved from a form that numbers from 1
        assert diffs.differences(Park, old, renumbered) == []
        reordered = json.loads(json.dumps(old))
        reordered["children"]["figures"].reverse()
        [row] = diffs.differences(Park, old, reordered)
        assert row.name == "figures" and "diff-order" in row.diff

    def test_markup_alone_is_no_difference_but_text_and_structure_are(self):
        assert diffs.same_html("<p>甲</p><p>乙</p>", '<p class="x">甲</p>\n<p>乙</p>')
        assert diffs.same_html("<p>甲<strong>乙</strong></p>", "<p>甲乙</p>")
        assert not diffs.same_html("<p>甲</p>", "<h2>甲</h2>")
        assert not diffs.same_html(
            '<p><a href="https://a.example">甲</a></p>', '<p><a href="https://b.example">甲</a></p>'
        )

    def test_values_are_escaped_choices_labelled_and_unchanged_fields_left_out(self):
        old = self.snapshot(summary="<b>旧</b>", kind=Park.Kind.INCUBATOR)
        new = self.snapshot(summary="<script>alert(1)</script>", kind=Park.Kind.HIGH_TECH_ZONE)
        with override("zh-hans"):
            rows = diffs.differences(Park, old, new)
        assert [row.name for row in rows] == ["kind", "summary"]
        assert (rows[0].old, rows[0].new) == ("孵化器或加速器", "高新区")
        assert "<script" not in rows[1].diff and "<b>" not in rows[1].diff and "alert(1)" in rows[1].diff

    def test_a_deleted_linked_item_is_named_as_it_was(self):
        operator = make_enterprise(name="青岛高新科技投资有限公司")
        history.record([operator])
        old, new = self.snapshot(operator=operator.pk), self.snapshot(operator=None)
        gone = operator.pk
        operator.delete()
        with override("en"):
            [row] = diffs.differences(Park, old, new)
            assert row.old == "青岛高新科技投资有限公司 (deleted)"
            assert diffs.linked_name(Enterprise, 9999) == "deleted item #9999"
        assert gone


# --- restore -----------------------------------------------------------------------------------------


class TestRestore:
    def test_a_publisher_restores_an_old_text_and_the_public_page_shows_it(self, publisher_client, client):
        article = make_article(title="原来的标题", body="<p>原来的正文。</p>")
        saved(publisher_client.post(admin_url(article, "change"), article_form(article, summary="摘要")))
        first = latest(article)
        article.refresh_from_db()
        data = article_form(article, title="改过的标题", body="<p>改过的正文。</p>")
        saved(publisher_client.post(admin_url(article, "change"), data))

        confirmation = publisher_client.get(admin_url(article, "restore", first.pk))
        assert confirmation.status_code == 200
        assert "<del>改过</del><ins>原来</ins>" in confirmation.text
        response = publisher_client.post(admin_url(article, "restore", first.pk), follow=True)
        assert response.redirect_chain[-1][0] == admin_url(article, "history")
        when = history.local_time(first.revision.date_created)
        assert f"已恢复{when}的版本。" in visible(response.text)

        article.refresh_from_db()
        assert (article.title, article.body) == ("原来的标题", "<p>原来的正文。</p>")
        public = client.get(article.get_absolute_url())
        assert "原来的正文。" in public.text and "改过的正文" not in public.text
        assert comments(article)[0] == f"Restored the version of {when}"
        assert comments(article, "zh-hans")[0] == f"恢复了{when}的版本"

    def test_an_editors_restore_of_a_published_article_waits_for_review(self, publisher_client, editor):
        from django.test import Client

        editor_client, client = Client(), Client()
        editor_client.force_login(editor)
        article = make_article(title="原来的标题", body="<p>原来的正文。</p>")
        saved(publisher_client.post(admin_url(article, "change"), article_form(article, summary="摘要")))
        first = latest(article)
        article.refresh_from_db()
        saved(publisher_client.post(admin_url(article, "change"), article_form(article, title="改过的标题")))

        response = editor_client.post(admin_url(article, "restore", first.pk), follow=True)
        assert "已保存为待审核的修改" in visible(response.text)
        article.refresh_from_db()
        assert article.title == "改过的标题"  # the public page keeps the published version
        assert "改过的标题" in client.get(article.get_absolute_url()).text
        change = PendingChange.objects.get()
        assert change.data["fields"]["title"] == "原来的标题" and change.author.username == "editor"

    def test_an_approval_is_a_version_that_names_the_author(self, editor, publisher):
        editor.first_name, editor.last_name = "小明", "李"
        editor.save()
        article = make_article(title="原来的标题")
        pending.store(
            article,
            {**snapshots.take(article), "fields": {**snapshots.take(article)["fields"], "title": "新标题"}},
            editor,
        )
        change = PendingChange.objects.get()
        pending.approve(change, publisher, change.token)
        version = latest(article)
        assert version.revision.user == publisher
        assert comments(article, "zh-hans")[0] == "批准了李小明的修改（标题）"
        assert comments(article)[0] == "Approved the change by 李小明 (title)"

    def test_a_deleted_linked_park_is_named_and_the_rest_restored(self, publisher_client):
        gone, kept = make_park(name="青岛虚拟现实产业园"), make_park(name="青岛国际创新园")
        article = make_article(title="旧标题")
        saved(publisher_client.post(admin_url(article, "change"), article_form(article, parks=[gone.pk, kept.pk])))
        first = latest(article)
        article.refresh_from_db()
        saved(publisher_client.post(admin_url(article, "change"), article_form(article, title="新标题", parks=[])))
        history.record([gone])  # the park's own history knows its name
        gone.delete()

        confirmation = visible(publisher_client.get(admin_url(article, "restore", first.pk)).text)
        assert "关联园区：青岛虚拟现实产业园（已删除）" in confirmation
        assert "已被删除，不会再关联" in confirmation
        response = publisher_client.post(admin_url(article, "restore", first.pk), follow=True)
        page = visible(response.text)
        assert "不再存在" in page and "青岛虚拟现实产业园（已删除）" in page
        article.refresh_from_db()
        assert article.title == "旧标题"
        assert list(article.parks.all()) == [kept]

    def test_view_only_staff_see_the_history_but_cannot_restore(self, client, viewer, publisher_client):
        article = make_article(title="原来的标题")
        saved(publisher_client.post(admin_url(article, "change"), article_form(article, summary="摘要")))
        first = latest(article)
        article.refresh_from_db()
        saved(publisher_client.post(admin_url(article, "change"), article_form(article, title="改过的标题")))
        second = latest(article)

        client.force_login(viewer)
        page = client.get(admin_url(article, "history"))
        assert page.status_code == 200 and "restore/" not in page.text
        assert client.get(admin_url(article, "compare") + f"?old={first.pk}&new={second.pk}").status_code == 200
        assert client.get(admin_url(article, "restore", first.pk)).status_code == 403
        assert client.post(admin_url(article, "restore", first.pk)).status_code == 403
        client.logout()
        response = client.post(admin_url(article, "restore", first.pk))
        assert response.status_code == 302 and "/login/" in response["Location"]
        article.refresh_from_db()
        assert article.title == "改过的标题"
        assert history.versions_of(article).count() == 2


# --- fixtures and imports ---------------------------------------------------------------------------


class TestFixturesAndImports:
    def test_load_demo_records_a_version_of_every_item(self, publisher_client):
        call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        for model in (Article, Park, Enterprise):
            for obj in model.objects.all():
                assert comments(obj) == ["Loaded from the demo fixtures"], obj
        park = Park.objects.filter(figures__isnull=False).first()
        assert history.snapshot_of_version(latest(park)) == snapshots.take(park)
        page = visible(publisher_client.get(admin_url(park, "history", language="en")).text)
        assert "Loaded from the demo fixtures" in page

    def test_a_spreadsheet_import_records_its_file_and_who(self, publisher_client, publisher):
        from tests.test_spreadsheets import export, import_file, row_of, rows_of_workbook, workbook

        park = make_park(name="青岛高新技术产业开发区", slug="gaoxin")
        rows = rows_of_workbook(export(publisher_client))
        row_of(rows, "gaoxin")[rows[0].index("summary")] = "国家级高新区。"
        import_file(publisher_client, workbook(rows), name="园区.xlsx")
        version = latest(park)
        assert version.revision.user == publisher
        assert comments(park) == ["Imported from spreadsheet “园区.xlsx”"]
        assert comments(park, "zh-hans") == ["从表格“园区.xlsx”导入"]
        assert history.snapshot_of_version(version)["fields"]["summary"] == "国家级高新区。"

    def test_the_article_importer_records_where_an_article_came_from(self, tmp_path):
        from tests.test_importer import FRONT_MATTER_PAGE, write

        call_command(
            "import_article", str(write(tmp_path, "page.html", FRONT_MATTER_PAGE)), stdout=open("/dev/null", "w")
        )  # noqa: SIM115
        article = Article.objects.get()
        [comment] = comments(article)
        assert comment == f"Imported from {article.source_url}"


def test_content_saved_before_the_history_gets_a_first_version_once(publisher_client):
    """`make migrate` runs createinitialrevisions for the three kinds (docs/deploy.md): once per item."""
    article = make_article(title="历史开始之前的新闻")
    command = ["createinitialrevisions", "news.article", "parks.park", "parks.enterprise"]
    call_command(*command, comment=history.comment(history.INITIAL), verbosity=0)
    call_command(*command, comment=history.comment(history.INITIAL), verbosity=0)
    assert comments(article, "zh-hans") == ["历史记录开始时的状态"]
    assert history.snapshot_of_version(latest(article)) == snapshots.take(article)
