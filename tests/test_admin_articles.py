"""The article admin, used the way staff use it: through the test client.

Editors write drafts; publishers publish them. Every form below is posted
as a browser would post it, and every check is on what staff or visitors see.
"""

import re
from datetime import datetime, timedelta
from html import unescape

import pytest
from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.translation import override

from content.models import Status
from news.models import Article
from tests.helpers import image_bytes, make_article, make_enterprise, make_park, upload

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:news_article_add")
CHANGELIST_URL = reverse("admin:news_article_changelist")
TITLE = "青岛人工智能产业园签约三个项目"
BODY = "<p>西海岸新区人工智能产业园今天签约。</p>"


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def article_form(**fields):
    """The article change form as a browser posts it (optional fields left empty)."""
    data = {
        "title": TITLE,
        "slug": "",
        "summary": "",
        "body": BODY,
        "cover_alt": "",
        "tags": "",
        "source_outlet": "",
        "source_url": "",
        "source_date": "",
        "original_title": "",
        "author": "",
        "_save": "save",
    }
    data.update(fields)
    return data


def publication(when, status=Status.PUBLISHED):
    """The publication fields, which only a publisher's form has (split date and time, Beijing time)."""
    local = timezone.localtime(when)
    return {
        "status": status,
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
    }


def action(name, *objects):
    return {"action": name, "_selected_action": [obj.pk for obj in objects], "index": 0}


def small_jpeg(name="cover.jpg"):
    # Small, so that the renditions made on save cost little.
    return upload(name, image_bytes(size=(400, 300)))


def readonly_values(response):
    """What the change form shows, as text, for each read-only field."""
    return {
        field.field["name"]: str(field.contents())
        for fieldset in response.context["adminform"]
        for line in fieldset
        for field in line
        if field.is_readonly
    }


def shown_messages(response, level=None):
    return [m.message for m in response.context["messages"] if level is None or m.level == level]


class TestLanguage:
    def test_the_admin_speaks_chinese_by_default(self, editor_client):
        response = editor_client.get(reverse("admin:index"))
        assert response.status_code == 200
        assert '<html lang="zh-hans"' in response.text
        # Django's own translations of "Welcome," "View site" and "Log out".
        for text in ["欢迎", "查看站点", "注销"]:
            assert text in response.text

    def test_the_header_switches_the_admin_to_english_and_back(self, editor_client):
        page = reverse("admin:news_article_changelist") + "?status__exact=draft"

        def switch(response):
            # Submit the header's language form the way a browser does.
            form = re.search(
                r'<form class="language-form" method="post" action="([^"]+)">(.*?)</form>', response.text, re.S
            )
            assert form, "no language switch in the admin header"
            fields = dict(re.findall(r'name="(next|language)" value="([^"]*)"', form[2]))
            return editor_client.post(unescape(form[1]), fields, follow=True)

        response = switch(editor_client.get(page))
        assert response.status_code == 200
        assert '<html lang="en"' in response.text
        assert "Log out" in response.text and "注销" not in response.text
        # Back on the same page, filters included.
        assert response.request["PATH_INFO"].endswith(reverse("admin:news_article_changelist"))
        assert response.request["QUERY_STRING"] == "status__exact=draft"

        response = switch(response)
        assert '<html lang="zh-hans"' in response.text and "注销" in response.text
        assert response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"] == page


class TestEditorToPublisherJourney:
    def test_editor_drafts_with_tags_cover_and_links_then_publisher_publishes_in_the_form(
        self, client, editor, publisher
    ):
        park = make_park(aliases="青岛高新区, 高新区")
        enterprise = make_enterprise(short_name="创新奇智")
        fields = {
            "summary": "三个项目落地。",
            "tags": "人工智能，工业互联网",
            "cover_alt": "签约仪式现场",
            "parks": [park.pk],
            "enterprises": [enterprise.pk],
        }
        client.force_login(editor)
        response = client.post(ADD_URL, article_form(cover=small_jpeg(), **fields))
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert response["Location"] == CHANGELIST_URL

        article = Article.objects.get(title=TITLE)
        assert article.status == Status.DRAFT
        assert sorted(article.tags.names()) == ["人工智能", "工业互联网"]
        assert list(article.parks.all()) == [park]
        assert list(article.enterprises.all()) == [enterprise]
        assert article.cover.name.endswith(".jpg") and article.cover_width == 400
        assert article.slug.startswith("qing-dao-ren-gong-zhi-neng")
        assert article.last_edited_by == editor

        # A draft: no public page, but staff can preview it.
        assert client.get(article.get_absolute_url()).status_code == 404
        preview = client.get(article.get_preview_url())
        assert preview.status_code == 200
        assert TITLE in preview.text and "西海岸新区人工智能产业园今天签约" in preview.text

        client.force_login(publisher)
        when = timezone.now() - timedelta(minutes=5)
        response = client.post(change_url(article), article_form(slug=article.slug, **fields, **publication(when)))
        assert response.status_code == 302, response.context["adminform"].form.errors

        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        assert article.last_edited_by == publisher
        assert sorted(article.tags.names()) == ["人工智能", "工业互联网"]
        client.logout()
        public = client.get(article.get_absolute_url())
        assert public.status_code == 200
        assert TITLE in public.text
        assert "人工智能" in public.text and "工业互联网" in public.text
        assert article.cover_alt in public.text

    def test_publisher_publishes_an_editors_draft_with_the_bulk_action(self, client, editor, publisher):
        client.force_login(editor)
        client.post(ADD_URL, article_form(tags="人工智能、虚拟现实"))
        article = Article.objects.get(title=TITLE)
        assert client.get(article.get_absolute_url()).status_code == 404

        client.force_login(publisher)
        response = client.post(CHANGELIST_URL, action("publish", article), follow=True)
        assert response.status_code == 200
        assert shown_messages(response, messages.SUCCESS)

        article.refresh_from_db()
        assert article.status == Status.PUBLISHED and article.published_at <= timezone.now()
        assert article.last_edited_by == publisher
        client.logout()
        public = client.get(article.get_absolute_url())
        assert public.status_code == 200
        assert "人工智能" in public.text and "虚拟现实" in public.text

    def test_a_scheduled_article_stays_private_until_its_time(self, publisher_client, monkeypatch):
        tomorrow = timezone.now() + timedelta(days=1)
        response = publisher_client.post(ADD_URL, article_form(**publication(tomorrow)))
        assert response.status_code == 302
        article = Article.objects.get(title=TITLE)
        assert article.status == Status.PUBLISHED and article.is_scheduled
        changelist = publisher_client.get(CHANGELIST_URL + "?visibility=scheduled")
        assert TITLE in changelist.text

        visitor = publisher_client
        visitor.logout()
        assert visitor.get(article.get_absolute_url()).status_code == 404
        # Its time comes (the clock moved rather than waited for).
        later = tomorrow + timedelta(seconds=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        assert visitor.get(article.get_absolute_url()).status_code == 200

    def test_bulk_publishing_keeps_a_future_time(self, publisher_client):
        tomorrow = timezone.now() + timedelta(days=1)
        article = make_article(published=False, when=tomorrow)
        publisher_client.post(CHANGELIST_URL, action("publish", article))
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED and article.is_scheduled

    def test_unpublishing_takes_an_article_off_the_site(self, publisher_client):
        article = make_article()
        publisher_client.post(CHANGELIST_URL, action("unpublish", article))
        article.refresh_from_db()
        assert article.status == Status.DRAFT
        publisher_client.logout()
        assert publisher_client.get(article.get_absolute_url()).status_code == 404


class TestTrail:
    def test_created_updated_and_last_editor_are_recorded_and_shown_read_only(self, editor_client, editor):
        editor_client.post(ADD_URL, article_form())
        article = Article.objects.get(title=TITLE)
        assert article.created_at and article.updated_at and article.last_edited_by == editor

        response = editor_client.get(change_url(article))
        assert not {"created_at", "updated_at", "last_editor"} & set(response.context["adminform"].form.fields)
        shown = readonly_values(response)
        assert shown["last_editor"] == "editor"
        assert shown["created_at"] == formats.localize(timezone.localtime(article.created_at))
        assert shown["updated_at"] == formats.localize(timezone.localtime(article.updated_at))

    def test_bulk_actions_record_the_editor_and_update_time(self, publisher_client, publisher):
        article = make_article(published=False)
        before = article.updated_at
        publisher_client.post(CHANGELIST_URL, action("publish", article))
        article.refresh_from_db()
        assert article.last_edited_by == publisher
        assert article.updated_at > before

    def test_history_lists_form_saves_and_bulk_actions(self, client, editor, publisher):
        client.force_login(editor)
        client.post(ADD_URL, article_form())
        article = Article.objects.get(title=TITLE)
        client.post(change_url(article), article_form(slug=article.slug, summary="补充摘要。"))
        client.force_login(publisher)
        client.post(CHANGELIST_URL, action("publish", article))
        client.post(CHANGELIST_URL, action("unpublish", article))

        entries = LogEntry.objects.filter(object_id=str(article.pk)).order_by("pk")
        assert [(e.action_flag, e.user.username) for e in entries] == [
            (ADDITION, "editor"),
            (CHANGE, "editor"),
            (CHANGE, "publisher"),
            (CHANGE, "publisher"),
        ]
        with override("en"):
            assert entries[1].get_change_message() == "Changed Summary."
            assert entries[2].get_change_message() == "Changed Status and Publication time."
            assert entries[3].get_change_message() == "Changed Status."

        history = client.get(reverse("admin:news_article_history", args=[article.pk]))
        assert history.status_code == 200
        # The history page lists the versions these saves recorded (tests/test_history.py has the rest).
        assert [row["who"] for row in history.context["rows"]] == ["publisher", "publisher", "editor", "editor"]
        assert "editor" in history.text and "publisher" in history.text


class TestOldAddresses:
    def test_renaming_a_public_article_keeps_its_old_address_working(self, client, publisher, django_user_model):
        article = make_article()
        old_slug, old_url = article.slug, article.get_absolute_url()
        client.force_login(publisher)
        data = article_form(
            title=article.title, slug="qingdao-ai-park", body=article.body, **publication(article.published_at)
        )
        assert client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        response = client.get(old_url)
        assert response.status_code == 301 and response["Location"] == article.get_absolute_url()
        # Old addresses are only for superusers to look at (and remove); nobody types one in.
        assert client.get(reverse("admin:content_slugredirect_changelist")).status_code == 403

        client.force_login(django_user_model.objects.create_superuser("root"))
        listing = client.get(reverse("admin:content_slugredirect_changelist"))
        assert [r.old_slug for r in listing.context["cl"].result_list] == [old_slug]
        assert client.get(reverse("admin:content_slugredirect_add")).status_code == 403


class TestBadInput:
    """Each mistake is named next to its field, and nothing the editor typed is lost."""

    @pytest.fixture
    def taken(self):
        return make_article(title="已有文章", slug="yi-you-wen-zhang")

    # Each case's fields come from a function, so that every run gets a fresh upload.
    @pytest.mark.parametrize(
        ("fields", "field", "code"),
        [
            pytest.param(lambda: {"slug": "a" * 101}, "slug", "max_length", id="slug-too-long"),
            pytest.param(lambda: {"slug": "yi-you-wen-zhang"}, "slug", "unique", id="slug-taken"),
            pytest.param(lambda: {"slug": "青岛新闻"}, "slug", "invalid", id="slug-not-ascii"),
            pytest.param(lambda: {"title": ""}, "title", "required", id="no-title"),
            pytest.param(lambda: {"body": ""}, "body", "required", id="no-body"),
            pytest.param(
                lambda: {"cover": upload("cover.jpg", b"<html><body>not a picture</body></html>"), "cover_alt": "图"},
                "cover",
                "image_unreadable",
                id="html-named-jpg",
            ),
            pytest.param(
                lambda: {"cover": upload("cover.jpg", image_bytes(size=(400, 300))[:1500]), "cover_alt": "图"},
                "cover",
                "image_damaged",
                id="truncated-jpeg",
            ),
            pytest.param(lambda: {"cover": small_jpeg()}, "cover_alt", None, id="cover-without-alt"),
        ],
    )
    def test_the_form_comes_back_with_the_error_and_the_typed_text(self, editor_client, taken, fields, field, code):
        data = article_form(summary="编辑输入的摘要。", **fields())
        response = editor_client.post(ADD_URL, data)

        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert list(errors) == [field]
        if code:
            assert errors.as_data()[field][0].code == code
        for message in errors[field]:
            assert escape(message) in response.text
        for typed in ["title", "body", "summary"]:
            if data[typed]:
                assert escape(data[typed]) in response.text
        assert not Article.objects.exclude(pk=taken.pk).exists()

    @pytest.mark.parametrize(
        ("body", "named"),
        [
            ('<p>签约。</p><script>alert("x")</script>', "<script>"),
            ('<p onclick="steal()">签约。</p>', "onclick"),
        ],
    )
    def test_html_the_sanitizer_would_drop_is_named_and_kept_in_the_textarea(self, editor_client, body, named):
        response = editor_client.post(ADD_URL, article_form(body=body))

        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert errors.as_data()["body"][0].code == "unsafe_html"
        assert named in errors["body"][0]
        assert escape(errors["body"][0]) in response.text
        assert f">\n{escape(body)}</textarea>" in response.text
        assert escape(TITLE) in response.text
        assert not Article.objects.exists()

    def test_a_link_to_a_draft_park_or_enterprise_is_saved_with_a_warning(self, editor_client):
        park = make_park(name="青岛国际创新园", published=False)
        enterprise = make_enterprise(short_name="创新奇智", published=False)
        public_park = make_park(name="青岛高新技术产业开发区")
        response = editor_client.post(
            ADD_URL, article_form(parks=[park.pk, public_park.pk], enterprises=[enterprise.pk]), follow=True
        )

        article = Article.objects.get(title=TITLE)
        assert set(article.parks.all()) == {park, public_park}
        assert list(article.enterprises.all()) == [enterprise]
        warnings = shown_messages(response, messages.WARNING)
        assert len(warnings) == 2
        assert any("青岛国际创新园" in w for w in warnings)
        assert any("创新奇智" in w for w in warnings)
        assert not any(public_park.name in w for w in warnings)


class TestChangelist:
    def test_columns_show_visibility_time_thumbnail_and_editor(self, publisher_client, editor):
        make_article(title="已发布的新闻", last_edited_by=editor, cover=small_jpeg(), cover_alt="图")
        make_article(title="草稿新闻", published=False)
        make_article(title="定时新闻", when=timezone.now() + timedelta(days=2))

        response = publisher_client.get(CHANGELIST_URL)
        assert response.status_code == 200
        text = response.text
        assert text.count("state-public") == 1
        assert text.count("state-draft") == 1
        assert text.count("state-scheduled") == 1
        assert '<img src="/media/renditions/covers/' in text and '-320w.webp"' in text
        assert '<span class="who">editor</span>' in text
        # The publication column shows each article's time under its state, in Beijing time.
        local = timezone.localtime(Article.objects.get(title="定时新闻").published_at)
        assert f"{local:%Y-%m-%d}<br>{local:%H:%M}</time>" in text

    def test_visibility_filter_search_and_date_hierarchy(self, publisher_client):
        old = make_article(title="2023年青岛工业互联网大会", when=timezone.make_aware(datetime(2023, 5, 1, 10)))
        make_article(title="2024年人工智能峰会", when=timezone.make_aware(datetime(2024, 5, 1, 10)))
        make_article(title="草稿：人工智能", published=False)

        def titles(query):
            response = publisher_client.get(CHANGELIST_URL + query)
            assert response.status_code == 200
            return sorted(a.title for a in response.context["cl"].result_list)

        assert titles("?visibility=draft") == ["草稿：人工智能"]
        assert titles("?visibility=public") == ["2023年青岛工业互联网大会", "2024年人工智能峰会"]
        assert titles("?q=人工智能") == ["2024年人工智能峰会", "草稿：人工智能"]
        assert titles("?published_at__year=2023") == [old.title]

    def test_the_list_costs_the_same_queries_for_3_and_30_articles(self, publisher_client, publisher):
        park = make_park()

        def make(n):
            for i in range(n):
                article = make_article(title=f"新闻{Article.objects.count()}", last_edited_by=publisher)
                article.tags.add(f"标签{i}")
                article.parks.add(park)

        def load():
            with CaptureQueriesContext(connection) as queries:
                response = publisher_client.get(CHANGELIST_URL)
            assert response.status_code == 200
            return len(response.context["cl"].result_list), len(queries)

        make(3)
        rows, few = load()
        assert rows == 3
        make(27)
        rows, many = load()
        assert rows == 30
        # Session and user: 2; the user's own and group permissions: 2; the tag
        # and source outlet filters: 2; the filtered and total counts: 2; the page
        # of articles with their last editors (one join): 1; the date
        # hierarchy's range and its days: 2.
        assert (few, many) == (11, 11)
