"""Reviewing pending changes: the queue on the admin index, the review page and its actions, and the e-mail.

An editor's change of published content waits as a pending change
(content/pending.py); a publisher approves it (now or at a time), or sends
it back with a comment; the author or a publisher may discard it. Each
refusal is tried as a crafted request too: the page hides what the server
refuses anyway.
"""

import logging
import socket
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from content import notify, pending, snapshots
from content.models import Status
from content.pending import PendingChange
from news.models import Article
from tests.helpers import make_article, make_park, make_staff

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def review_url(change):
    return reverse("admin:content_pendingchange_review", args=[change.pk])


def edited(obj, **fields):
    """``obj``'s snapshot with ``fields`` changed: what an editor's save of a published item keeps."""
    data = snapshots.take(obj)
    for name, value in fields.items():
        if name in data["links"]:
            data["links"][name] = value
        else:
            data["fields"][name] = value
    return data


def pending_edit(obj, editor, submit=True, **fields):
    change = pending.store(obj, edited(obj, **fields), editor)
    return pending.submit(obj, editor) if submit else change


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def public_page(obj):
    return Client().get(obj.get_absolute_url())


def with_email(user, address):
    user.email = address
    user.save(update_fields=["email"])
    return user


def refused_smtp(settings):
    """A real SMTP backend aimed at a port nothing listens on: every send fails with a refused connection."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2


# --- the queue on the admin index ---------------------------------------------------------------------------


class TestQueue:
    def test_publishers_see_what_waits_and_what_is_coming_up(self, publisher_client, editor):
        article = make_article(title="海洋经济新闻")
        pending_edit(article, editor, title="海洋经济新闻（修订）")
        scheduled = make_park(name="未来产业园", when=timezone.now() + timedelta(days=2))
        make_article(title="草稿新闻", published=False)

        page = publisher_client.get(INDEX).content.decode()

        assert "待审核" in page  # "Waiting for review"
        assert "海洋经济新闻" in page and review_url(PendingChange.objects.get()) in page
        assert "即将发布" in page  # "Coming up"
        assert "未来产业园" in page
        assert reverse("admin:parks_park_change", args=[scheduled.pk]) in page
        local = timezone.localtime(scheduled.published_at).strftime("%Y-%m-%d %H:%M")
        assert f"定于<span>{local}</span>发布" in page
        assert "草稿新闻" not in page
        assert 'id="app-list"' in page or "app-news" in page  # Django's sections are still there

    def test_coming_up_is_soonest_first_and_in_english_too(self, publisher_client):
        now = timezone.now()
        make_article(title="Later news", when=now + timedelta(days=3))
        make_park(name="Sooner park", when=now + timedelta(hours=5))
        make_article(title="Already public", when=now - timedelta(hours=1))

        page = publisher_client.get("/en/admin/").content.decode()

        assert "Coming up" in page and "Waiting for review" in page
        assert page.index("Sooner park") < page.index("Later news")
        assert "Already public" not in page.split("Coming up")[1].split("</section>")[0]
        assert "scheduled for" in page

    def test_editors_see_their_changes_but_not_the_publishers_lists(self, editor_client, editor):
        article = make_article(title="园区招商新闻")
        pending_edit(article, editor, title="园区招商新闻（修订）")
        make_article(title="定时新闻", when=timezone.now() + timedelta(days=1))

        page = editor_client.get("/en/admin/").content.decode()

        assert "Your changes" in page and "园区招商新闻" in page and "Waiting for review" in page  # its state
        assert 'id="review-waiting"' not in page and 'id="review-coming-up"' not in page
        assert "定时新闻" not in page

    @pytest.mark.parametrize("count", [3, 20])
    def test_the_index_costs_the_same_number_of_queries_for_3_or_20_items(
        self, publisher_client, publisher, editor, count, django_assert_num_queries
    ):
        for number in range(count):
            pending_edit(make_article(title=f"新闻{number}"), editor, title=f"新闻{number}（修订）")
            make_park(name=f"园区{number}", when=timezone.now() + timedelta(days=number + 1))
        publisher_client.get(INDEX)  # the session and content types are loaded once
        # Session, user, the user's permissions (own and through groups): 4. The waiting changes with their
        # content types and people, and their items (one query per kind with changes: articles): 2. The
        # scheduled items, one query per kind (parks, enterprises, articles, projects, the bureau's pages): 5.
        # The user's own changes: 1. Django's recent actions: 1. (4 + 2 + 5 + 1 + 1 = 13.)
        with django_assert_num_queries(13):
            response = publisher_client.get(INDEX)
        assert response.status_code == 200
        assert response.content.decode().count("/review/") == count

    def test_the_list_of_pending_changes_is_for_publishers(self, publisher_client, editor, client):
        article = make_article(title="审核列表新闻")
        pending_edit(article, editor, title="改过的标题")
        changelist = reverse("admin:content_pendingchange_changelist")

        page = publisher_client.get(changelist)
        assert page.status_code == 200
        assert "审核列表新闻" in page.content.decode() and "待审核" in page.content.decode()

        client.force_login(editor)
        assert client.get(changelist).status_code == 403


# --- the review page ------------------------------------------------------------------------------------


class TestReviewPage:
    def test_shows_the_item_who_and_the_difference(self, publisher_client, editor):
        editor.first_name, editor.last_name = "青", "王"
        editor.save()
        article = make_article(title="旧标题", body="<p>旧正文。</p>")
        change = pending_edit(article, editor, title="新标题")

        page = publisher_client.get(review_url(change)).content.decode()

        assert "王青" in page
        assert reverse("admin:news_article_change", args=[article.pk]) in page
        assert article.get_preview_url() in page
        assert "<del>旧</del><ins>新</ins>标题" in page  # the title, with the one character that changed marked
        assert "旧正文" not in page  # unchanged fields are not listed
        assert f'name="token" value="{change.token}"' in page

    def test_a_draft_submitted_as_it_is_shows_its_content_and_is_new(self, publisher_client, editor):
        draft = make_article(title="新草稿", published=False, summary="一段摘要。")
        change = pending.submit(draft, editor)

        page = publisher_client.get("/en/admin/" + review_url(change).removeprefix("/admin/")).content.decode()

        assert "A new item, not public yet" in page
        assert "新草稿" in page and "一段摘要。" in page
        assert "Approve and publish now" in page and "Approve and schedule" in page

    def test_editors_may_view_it_without_the_publishers_actions(self, editor_client, editor):
        change = pending_edit(make_article(), editor, title="改")
        page = editor_client.get(review_url(change)).content.decode()
        assert "_approve" not in page and "_send_back" not in page and "_schedule" not in page
        assert "_discard" in page  # their own change

    def test_schedule_is_not_offered_for_a_public_item(self, publisher_client, editor):
        change = pending_edit(make_article(), editor, title="改")
        page = publisher_client.get(review_url(change)).content.decode()
        assert "_approve" in page and "_schedule" not in page


# --- the actions ----------------------------------------------------------------------------------------


class TestHistoryPage:
    def test_the_history_says_a_change_is_pending_and_links_its_review(self, editor_client, editor):
        park = make_park()
        change = pending_edit(park, editor, summary="新的摘要。")
        html = editor_client.get(reverse("admin:parks_park_history", args=[park.pk])).text
        assert "有一项尚未公开的修改（等待审核）：发布者批准后，它才会作为一个版本出现在这里。" in html
        assert f'<a href="{review_url(change)}">' in html

    def test_without_a_pending_change_nothing_is_said(self, editor_client):
        park = make_park()
        html = editor_client.get(reverse("admin:parks_park_history", args=[park.pk])).text
        assert "尚未公开的修改" not in html

    def test_in_english_too(self, editor_client, editor):
        park = make_park()
        pending_edit(park, editor, submit=False, summary="New summary.")
        html = editor_client.get("/en" + reverse("admin:parks_park_history", args=[park.pk])).text
        assert "A change not yet public is pending (Being edited)" in html


def post(client, change, action, token=None, **fields):
    return client.post(review_url(change), {"token": token or change.token, f"_{action}": "1", **fields})


class TestApprove:
    def test_approve_makes_the_public_page_show_the_new_text(self, publisher_client, editor):
        article = make_article(title="旧的标题", body="<p>旧的正文。</p>")
        change = pending_edit(article, editor, title="新的标题", body="<p>新的正文。</p>")
        assert "新的正文" not in public_page(article).content.decode()

        response = post(publisher_client, change, "approve")

        assert response.status_code == 302 and response.url == INDEX
        article.refresh_from_db()
        assert article.title == "新的标题"
        assert "新的正文" in public_page(article).content.decode()
        assert not PendingChange.objects.exists()
        assert any(article.get_absolute_url() in message for message in texts(response))

    def test_approving_a_draft_publishes_it(self, publisher_client, editor):
        draft = make_article(title="待发布草稿", published=False)
        response = post(publisher_client, pending.submit(draft, editor), "approve")
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.is_public

    def test_approve_and_schedule_sets_the_time_and_it_is_coming_up(self, publisher_client, editor):
        draft = make_article(title="定时发布的草稿", published=False)
        change = pending.submit(draft, editor)
        when = timezone.localtime(timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)

        response = post(
            publisher_client, change, "schedule", **{"schedule-publish_at": when.strftime("%Y-%m-%dT%H:%M")}
        )

        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == Status.PUBLISHED and draft.published_at == when and draft.is_scheduled
        page = publisher_client.get(INDEX).content.decode()
        assert "定时发布的草稿" in page.split('id="review-coming-up"')[1]

    def test_schedule_is_refused_for_a_past_time(self, publisher_client, editor):
        draft = make_article(title="草稿", published=False)
        change = pending.submit(draft, editor)
        past = timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")

        response = post(publisher_client, change, "schedule", **{"schedule-publish_at": past})

        assert response.status_code == 200
        assert response.context["schedule_form"].errors["publish_at"]
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT and PendingChange.objects.exists()

    def test_schedule_is_refused_for_a_public_item(self, publisher_client, editor):
        article = make_article(title="公开的新闻")
        change = pending_edit(article, editor, title="改过的公开新闻")
        later = timezone.localtime(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

        response = post(publisher_client, change, "schedule", **{"schedule-publish_at": later})

        assert response.status_code == 200
        assert "已经公开" in str(response.context["schedule_form"].errors["publish_at"])
        article.refresh_from_db()
        assert article.title == "公开的新闻" and article.is_public

    def test_a_change_saved_again_meanwhile_is_refused_and_nothing_is_applied(self, publisher_client, editor):
        editor.first_name, editor.last_name = "青", "王"
        editor.save()
        article = make_article(title="原标题")
        change = pending_edit(article, editor, title="第一版")
        opened = change.token
        pending.store(article, edited(article, title="第二版"), editor)  # saved again after the page was opened

        response = post(publisher_client, change, "approve", token=opened)

        assert response.status_code == 200
        page = response.content.decode()
        assert "王青" in page and "之后" in page  # who saved it, and that it came after
        assert "<ins>第二版</ins>" in page  # the newer difference
        article.refresh_from_db()
        assert article.title == "原标题"
        assert PendingChange.objects.get().data["fields"]["title"] == "第二版"

    def test_a_deleted_linked_park_is_named(self, publisher_client, editor):
        park = make_park(name="将被删除的园区")
        article = make_article(title="关联园区的新闻")
        change = pending_edit(article, editor, parks=[park.pk])
        park_id = park.pk
        park.delete()

        response = post(publisher_client, change, "approve")

        assert response.status_code == 302
        assert any("关联园区" in message and f"#{park_id}" in message for message in texts(response))
        assert not Article.objects.get(pk=article.pk).parks.exists()


class TestSendBack:
    def test_a_comment_is_required(self, publisher_client, editor):
        change = pending_edit(make_article(), editor, title="改")
        response = post(publisher_client, change, "send_back", **{"send_back-comment": "  "})
        assert response.status_code == 200
        assert response.context["send_back_form"].errors["comment"]
        assert PendingChange.objects.get().state == PendingChange.State.SUBMITTED

    def test_the_editor_sees_the_comment_once_as_a_message_and_on_the_index(self, publisher_client, publisher, editor):
        change = pending_edit(make_article(title="退回的新闻"), editor, title="改")
        response = post(publisher_client, change, "send_back", **{"send_back-comment": "请补充数据来源。"})
        assert response.status_code == 302
        assert PendingChange.objects.get().state == PendingChange.State.SENT_BACK

        editor_client = Client()
        editor_client.force_login(editor)
        first = editor_client.get(INDEX).content.decode()
        assert first.count("请补充数据来源。") == 2  # the one-time message, and the list of their changes
        second = editor_client.get(INDEX).content.decode()
        assert second.count("请补充数据来源。") == 1
        assert "已退回" in second

    def test_a_stale_send_back_keeps_the_comment_typed(self, publisher_client, editor):
        article = make_article()
        change = pending_edit(article, editor, title="第一版")
        opened = change.token
        pending.store(article, edited(article, title="第二版"), editor)

        response = post(publisher_client, change, "send_back", token=opened, **{"send_back-comment": "打好的意见"})

        assert response.status_code == 200
        assert "打好的意见" in response.content.decode()
        assert PendingChange.objects.get().reviewer is None


class TestRefusals:
    @pytest.mark.parametrize(
        "action, fields",
        [
            ("approve", {}),
            ("send_back", {"send_back-comment": "不行"}),
            ("schedule", {"schedule-publish_at": "2099-01-01T09:00"}),
        ],
    )
    def test_editors_crafted_posts_are_refused(self, editor_client, editor, action, fields):
        draft = make_article(title="编辑的草稿", published=False)
        change = pending.submit(draft, editor)

        response = post(editor_client, change, action, **fields)

        assert response.status_code == 403
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT
        assert PendingChange.objects.get().state == PendingChange.State.SUBMITTED

    def test_the_author_may_discard(self, editor_client, editor):
        article = make_article(title="保留原样")
        change = pending_edit(article, editor, title="不要了", submit=False)
        response = post(editor_client, change, "discard")
        assert response.status_code == 302
        assert not PendingChange.objects.exists()
        article.refresh_from_db()
        assert article.title == "保留原样"

    def test_another_editor_may_not_discard(self, client, editor):
        change = pending_edit(make_article(), editor, title="改")
        client.force_login(make_staff("another-editor", role="editor"))
        assert "_discard" not in client.get(review_url(change)).content.decode()
        assert post(client, change, "discard").status_code == 403
        assert PendingChange.objects.exists()

    def test_a_publisher_may_discard(self, publisher_client, editor):
        change = pending_edit(make_article(), editor, title="改")
        assert post(publisher_client, change, "discard").status_code == 302
        assert not PendingChange.objects.exists()


# --- e-mail ---------------------------------------------------------------------------------------------


class TestMail:
    def test_a_submission_is_mailed_to_each_publisher_in_both_languages(self, publisher, editor, rf, settings):
        settings.ALLOWED_HOSTS = ["www.example.gov.cn"]
        with_email(publisher, "publisher@example.gov.cn")
        with_email(make_staff("no-address", role="publisher"), "")
        inactive = with_email(make_staff("gone", role="publisher"), "gone@example.gov.cn")
        inactive.is_active = False
        inactive.save()
        with_email(editor, "editor@example.gov.cn")  # editors do not review
        article = make_article(title="要审核的新闻")
        change = pending_edit(article, editor, title="改")

        assert notify.submitted(change, rf.get("/", HTTP_HOST="www.example.gov.cn")) is True

        assert [message.to for message in mail.outbox] == [["publisher@example.gov.cn"]]
        message = mail.outbox[0]
        assert "待审核" in message.subject and "Waiting for review" in message.subject
        assert message.body.index("请审核") < message.body.index("Review it")
        assert "http://www.example.gov.cn" + review_url(change) in message.body
        assert "http://www.example.gov.cn/en" + review_url(change) in message.body

    def test_without_a_request_links_use_the_site_address(self, publisher, editor, settings):
        settings.SITE_URL = "https://www.example.gov.cn/"
        with_email(publisher, "publisher@example.gov.cn")
        change = pending_edit(make_article(), editor, title="改")
        notify.submitted(change)
        assert "https://www.example.gov.cn" + review_url(change) in mail.outbox[0].body

    def test_approval_and_send_back_are_mailed_to_the_author(self, publisher_client, editor):
        with_email(editor, "editor@example.gov.cn")
        change = pending_edit(make_article(title="一篇新闻"), editor, title="一篇新闻（修订）")
        post(publisher_client, change, "approve")
        assert mail.outbox[-1].to == ["editor@example.gov.cn"] and "Approved" in mail.outbox[-1].subject

        change = pending_edit(make_article(title="另一篇"), editor, title="另一篇（修订）")
        post(publisher_client, change, "send_back", **{"send_back-comment": "标题太长。"})
        assert "Sent back" in mail.outbox[-1].subject and "标题太长。" in mail.outbox[-1].body

    def test_a_refused_mail_server_is_logged_and_the_approval_still_happens(
        self, publisher_client, editor, settings, caplog
    ):
        refused_smtp(settings)
        with_email(editor, "editor@example.gov.cn")
        article = make_article(title="旧")
        change = pending_edit(article, editor, title="新")

        with caplog.at_level(logging.ERROR, logger="content.notify"):
            response = post(publisher_client, change, "approve")

        assert response.status_code == 302
        article.refresh_from_db()
        assert article.title == "新"
        assert any("邮件" in message for message in texts(response))  # the warning: the author was not told
        assert any(record.name == "content.notify" for record in caplog.records)

    def test_a_refused_mail_server_on_submit_returns_false(self, publisher, editor, settings, caplog):
        refused_smtp(settings)
        with_email(publisher, "publisher@example.gov.cn")
        change = pending_edit(make_article(), editor, title="改")
        with caplog.at_level(logging.ERROR, logger="content.notify"):
            assert notify.submitted(change) is False
        assert PendingChange.objects.get().state == PendingChange.State.SUBMITTED
        assert "Could not send" in caplog.text

    def test_superusers_and_directly_granted_publishers_are_told(self, editor, django_user_model):
        django_user_model.objects.create_superuser("root", "root@example.gov.cn", "unused")
        direct = django_user_model.objects.create_user("direct", "direct@example.gov.cn", is_staff=True)
        direct.user_permissions.add(Permission.objects.get(codename="publish_article"))
        notify.submitted(pending_edit(make_article(), editor, title="改"))
        assert sorted(address for message in mail.outbox for address in message.to) == [
            "direct@example.gov.cn",
            "root@example.gov.cn",
        ]
