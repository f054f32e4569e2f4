"""An editor's save of published content waits for a publisher; the public page keeps the published version."""

import pytest
from django.test import Client

from content import pending
from content.models import PendingChange
from news.models import Article
from parks.models import Park, ParkFigure
from tests.helpers import make_article, make_enterprise, make_park, make_staff, posted_form
from tests.test_admin_articles import change_url

pytestmark = pytest.mark.django_db


def edit(client, obj, **changes):
    """Open the change form as a browser does, type ``changes``, save; the response of the save."""
    form = client.get(change_url(obj))
    assert form.status_code == 200
    return client.post(change_url(obj), posted_form(form.text, **changes))


def test_an_editors_save_of_a_published_article_leaves_the_public_page_as_it_was(editor_client, client):
    article = make_article(title="青岛港年吞吐量再创新高", body="<p>已发布的正文。</p>")
    public = article.get_absolute_url()

    response = edit(editor_client, article, title="青岛港吞吐量创历史新高", body="<p>编辑修改后的正文。</p>")
    assert response.status_code == 302

    saved = Article.objects.get(pk=article.pk)
    assert (saved.title, saved.body) == ("青岛港年吞吐量再创新高", "<p>已发布的正文。</p>")
    assert "已发布的正文" in Client().get(public).text
    change = PendingChange.objects.get()
    assert change.data["fields"]["title"] == "青岛港吞吐量创历史新高"
    assert change.data["fields"]["body"] == "<p>编辑修改后的正文。</p>"
    assert change.author.username == "editor"
    assert change.state == PendingChange.State.EDITING
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("待审核的修改" in m or "pending change" in m for m in messages)


def test_the_form_shows_the_pending_version_and_a_second_save_continues_it(editor_client):
    article = make_article(title="原标题", body="<p>原正文。</p>")
    edit(editor_client, article, title="第一次修改")
    form = editor_client.get(change_url(article)).text
    assert 'value="第一次修改"' in form
    assert "pending-banner" in form
    # The heading names the item as the public (and the review queue) know it; the form holds the new title.
    assert "<h2>原标题</h2>" in form and "<h2>第一次修改</h2>" not in form
    edit(editor_client, article, summary="补充的摘要")
    change = PendingChange.objects.get()
    assert change.data["fields"]["title"] == "第一次修改"  # the first save is not lost
    assert change.data["fields"]["summary"] == "补充的摘要"
    assert Article.objects.get(pk=article.pk).title == "原标题"


def test_a_pending_change_holds_figures_links_and_tags_without_touching_the_live_park(editor_client):
    operator = make_enterprise(name="青岛市科技创新投资集团有限公司")
    park = make_park(name="青岛国际创新园")
    ParkFigure.objects.create(park=park, label="入驻企业", value=326, unit="家", year=2023)
    form = editor_client.get(change_url(park))
    data = posted_form(
        form.text,
        tags="人工智能, 海洋经济",
        operator=str(operator.pk),
        **{
            "figures-0-value": "330",
            "figures-TOTAL_FORMS": "2",
            "figures-1-label": "从业人员",
            "figures-1-value": "15000",
            "figures-1-unit": "人",
            "figures-1-year": "2023",
            "figures-1-position": "1",
        },
    )
    assert editor_client.post(change_url(park), data).status_code == 302

    live = Park.objects.get(pk=park.pk)
    assert list(live.figures.values_list("label", "value")) == [("入驻企业", 326)]
    assert live.operator is None and list(live.tags.names()) == []
    pending_data = PendingChange.objects.get().data
    assert [(f["label"], f["value"]) for f in pending_data["children"]["figures"]] == [
        ("入驻企业", "330"),
        ("从业人员", "15000"),
    ]
    assert pending_data["fields"]["operator"] == operator.pk
    assert pending_data["tags"] == ["人工智能", "海洋经济"]

    # Opened again, the form shows the pending figures, and saving it again keeps them (the rows the form
    # carries name the same pending rows on the way back).
    again = editor_client.get(change_url(park))
    assert 'value="15000"' in again.text
    assert (
        editor_client.post(change_url(park), posted_form(again.text, **{"figures-0-value": "331"})).status_code == 302
    )
    figures = PendingChange.objects.get().data["children"]["figures"]
    assert [(f["label"], f["value"]) for f in figures] == [("入驻企业", "331"), ("从业人员", "15000")]
    assert ParkFigure.objects.filter(pk__lt=0).count() == 0  # the stand-in keys never reach the database


def test_an_enterprises_investors_wait_for_review_and_go_live_with_it(editor_client, publisher):
    investor = make_enterprise(name="青岛巨峰科技创业投资有限公司")
    company = make_enterprise(name="歌尔微电子")
    assert edit(editor_client, company, investors=[str(investor.pk)]).status_code == 302
    change = PendingChange.objects.get()
    assert change.data["links"]["investors"] == [investor.pk]
    assert list(company.investors.all()) == []  # the live page is unchanged until a publisher approves
    assert "青岛巨峰科技创业投资有限公司" not in Client().get(company.get_absolute_url()).text
    obj, applied = pending.approve(change, publisher, change.token)
    assert applied.missing == []
    assert list(obj.investors.all()) == [investor]
    assert list(investor.investments.all()) == [company]


def test_a_publishers_save_of_the_form_publishes_the_pending_version(editor_client, publisher):
    park = make_park(name="青岛国际创新园")
    ParkFigure.objects.create(park=park, label="入驻企业", value=326, unit="家", year=2023)
    form = editor_client.get(change_url(park))
    data = posted_form(form.text, **{"figures-TOTAL_FORMS": "2", "figures-1-label": "从业人员",
                                     "figures-1-value": "15000", "figures-1-unit": "人", "figures-1-position": "1"})  # fmt: skip
    editor_client.post(change_url(park), data)

    boss = Client()
    boss.force_login(publisher)
    response = edit(boss, park)
    assert response.status_code == 302
    live = Park.objects.get(pk=park.pk)
    assert list(live.figures.values_list("label", flat=True)) == ["入驻企业", "从业人员"]
    assert all(pk > 0 for pk in live.figures.values_list("pk", flat=True))
    assert not PendingChange.objects.exists()


def test_a_publishers_own_save_goes_live_at_once(publisher_client):
    article = make_article(title="原标题")
    assert edit(publisher_client, article, title="发布者修改").status_code == 302
    assert Article.objects.get(pk=article.pk).title == "发布者修改"
    assert not PendingChange.objects.exists()


def test_an_editors_save_of_a_draft_is_direct(editor_client):
    article = make_article(title="草稿", published=False)
    assert edit(editor_client, article, title="草稿第二版").status_code == 302
    assert Article.objects.get(pk=article.pk).title == "草稿第二版"
    assert not PendingChange.objects.exists()


def test_save_and_submit_puts_a_draft_in_the_review_queue(editor_client):
    article = make_article(title="待审草稿", published=False)
    form = editor_client.get(change_url(article))
    assert 'name="_submit"' in form.text
    data = posted_form(form.text, title="待审草稿（改）")
    del data["_save"]
    data["_submit"] = "submit"
    assert editor_client.post(change_url(article), data).status_code == 302
    change = PendingChange.objects.get()
    assert change.state == PendingChange.State.SUBMITTED and change.data is None
    assert Article.objects.get(pk=article.pk).title == "待审草稿（改）"
    assert list(pending.review_queue()) == [change]


def test_save_and_submit_on_a_published_item_submits_the_pending_change(editor_client):
    article = make_article(title="已发布")
    form = editor_client.get(change_url(article))
    data = posted_form(form.text, title="修改后待审")
    del data["_save"]
    data["_submit"] = "submit"
    editor_client.post(change_url(article), data)
    change = PendingChange.objects.get()
    assert change.state == PendingChange.State.SUBMITTED
    assert change.data["fields"]["title"] == "修改后待审"
    assert Article.objects.get(pk=article.pk).title == "已发布"


def test_the_preview_shows_the_pending_version_and_the_public_page_the_published_one(editor_client):
    article = make_article(title="公开的标题", body="<p>公开的正文。</p>")
    edit(editor_client, article, title="待审的标题", body="<p>待审的正文。</p>")
    preview = editor_client.get(article.get_preview_url())
    assert preview.status_code == 200
    assert "待审的正文" in preview.text and "公开的正文" not in preview.text
    public = Client().get(article.get_absolute_url())
    assert "公开的正文" in public.text and "待审的正文" not in public.text


def test_two_editors_on_one_pending_change_the_second_save_is_refused(editor_client):
    article = make_article(title="原标题")
    edit(editor_client, article, title="第一位编辑的修改")
    colleague = Client()
    colleague.force_login(make_staff("editor2", role="editor"))
    mine = editor_client.get(change_url(article)).text
    edit(colleague, article, title="第二位编辑的修改")
    response = editor_client.post(change_url(article), posted_form(mine, title="我的修改"))
    assert response.status_code == 200
    assert 'value="我的修改"' in response.text
    assert PendingChange.objects.get().data["fields"]["title"] == "第二位编辑的修改"


def test_the_list_says_when_a_scheduled_item_goes_public_in_beijing_time(publisher_client):
    from datetime import datetime

    from django.utils import timezone

    when = timezone.make_aware(datetime(2031, 3, 2, 9, 30), timezone.get_fixed_timezone(8 * 60))
    make_article(title="定时新闻", when=when)
    text = publisher_client.get("/admin/news/article/").text
    assert '<span class="state state-scheduled">定时发布于</span>' in text
    assert "2031-03-02<br>09:30</time>" in text  # 09:30 in Qingdao, whatever the server's clock zone
    english = publisher_client.get("/en/admin/news/article/").text
    assert '<span class="state state-scheduled">Scheduled for</span>' in english


def test_the_publication_time_says_how_to_schedule(publisher_client):
    article = make_article(title="新闻")
    text = publisher_client.get(change_url(article)).text
    assert "定时发布：将状态设为“已发布”，并填写一个将来的时间" in text
    assert "北京时间（UTC+8）" in text


def test_showing_a_pending_change_leaves_the_caches_alone(editor_client):
    from content import caching

    article = make_article(title="公开的标题", body="<p>公开的正文。</p>")
    edit(editor_client, article, title="待审的标题")
    generation = caching.current_state()["generation"]
    editor_client.get(change_url(article))
    editor_client.get(article.get_preview_url())
    edit(editor_client, article, title="再次修改")
    assert caching.current_state()["generation"] == generation
    # Worked out during a showing, a value is not kept for the public pages.
    with pending.showing(article):
        assert caching.remember("pending-test", lambda: "from the pending version") == "from the pending version"
    assert caching.remember("pending-test", lambda: "public") == "public"


def test_a_new_cover_waits_with_the_change_and_goes_live_when_approved(editor_client, publisher):
    from tests.helpers import upload

    article = make_article(title="青岛港新闻")
    form = editor_client.get(change_url(article))
    data = posted_form(form.text, cover_alt="青岛港集装箱码头")
    data["cover"] = upload("港口.jpg")
    assert editor_client.post(change_url(article), data).status_code == 302
    assert not Article.objects.get(pk=article.pk).cover  # the public page has no cover yet
    change = PendingChange.objects.get()
    assert change.data["fields"]["cover"].startswith("covers/")

    obj, applied = pending.approve(change, publisher, change.token)
    assert applied.missing == []
    live = Article.objects.get(pk=article.pk)
    assert live.cover.name == change.data["fields"]["cover"] and live.cover.width
    assert live.cover_alt == "青岛港集装箱码头"
    assert 'alt="青岛港集装箱码头"' in Client().get(live.get_absolute_url()).text


def test_approving_an_older_version_of_the_change_is_refused(editor_client, publisher):
    article = make_article(title="原标题")
    edit(editor_client, article, title="第一版")
    seen = PendingChange.objects.get()
    edit(editor_client, article, title="第二版")  # edited again while the publisher looked at the first
    with pytest.raises(pending.StaleChange):
        pending.approve(seen, publisher, seen.token)
    assert Article.objects.get(pk=article.pk).title == "原标题"
    assert PendingChange.objects.get().data["fields"]["title"] == "第二版"


def test_approving_a_change_whose_linked_park_was_deleted_says_so_and_keeps_the_rest(editor_client, publisher):
    park = make_park(name="青岛国际创新园")
    gone = make_park(name="已撤销的园区")
    article = make_article(title="原标题")
    edit(editor_client, article, title="新标题", parks=[str(park.pk), str(gone.pk)])
    gone.delete()
    change = PendingChange.objects.get()
    obj, applied = pending.approve(change, publisher, change.token)
    assert obj.title == "新标题"
    assert list(obj.parks.all()) == [park]
    assert [pk for _label, pk in applied.missing] == [change.data["links"]["parks"][1]]


def test_search_and_feeds_change_only_when_the_change_goes_live(editor_client, publisher):
    article = make_article(title="青岛港年吞吐量再创新高", body="<p>集装箱航线继续增加。</p>")
    edit(editor_client, article, title="青岛港开通冷链专线", body="<p>冷链专线首航。</p>")
    visitor = Client()
    link = f'href="{article.get_absolute_url()}"'
    assert link not in visitor.get("/search/?q=冷链").text
    assert "青岛港开通冷链专线" not in visitor.get("/news/feed.xml").text
    change = PendingChange.objects.get()
    pending.approve(change, publisher, change.token)
    assert link in visitor.get("/search/?q=冷链").text  # (the title is shown with the words found marked)
    assert "青岛港开通冷链专线" in visitor.get("/news/feed.xml").text
    assert "青岛港开通冷链专线" in visitor.get(Article.objects.get(pk=article.pk).get_absolute_url()).text


def test_deleting_an_item_deletes_its_pending_change(editor_client):
    article = make_article(title="原标题")
    edit(editor_client, article, title="新标题")
    article.delete()
    assert not PendingChange.objects.exists()


def test_a_publishers_save_of_a_submitted_draft_that_stays_a_draft_keeps_it_in_the_queue(editor, publisher):
    article = make_article(title="待审草稿", published=False)
    change = pending.submit(article, editor)
    boss = Client()
    boss.force_login(publisher)
    assert edit(boss, article, summary="发布者补充的摘要").status_code == 302
    assert PendingChange.objects.get(pk=change.pk).is_submitted  # not published, so not reviewed either


def test_publishing_a_submitted_draft_from_the_list_settles_its_review(editor, publisher, mailoutbox):
    editor.email = "editor@example.gov.cn"
    editor.save()
    article = make_article(title="待审草稿", published=False)
    pending.submit(article, editor)
    boss = Client()
    boss.force_login(publisher)
    data = {"action": "publish", "_selected_action": [article.pk], "index": 0}
    assert boss.post("/admin/news/article/", data).status_code == 302
    assert Article.objects.get(pk=article.pk).is_public
    assert not PendingChange.objects.exists()
    assert [m.to for m in mailoutbox] == [["editor@example.gov.cn"]]


def test_the_list_marks_and_filters_items_with_a_pending_change(editor_client, publisher):
    waiting = make_article(title="有待审修改的新闻")
    make_article(title="没有修改的新闻")
    edit(editor_client, waiting, title="修改后的标题")
    publisher_client = Client()
    publisher_client.force_login(publisher)
    text = publisher_client.get("/admin/news/article/").text
    assert text.count('class="state state-pending"') == 1
    filtered = publisher_client.get("/admin/news/article/?pending=yes")
    assert [a.title for a in filtered.context["cl"].result_list] == ["有待审修改的新闻"]
    others = publisher_client.get("/admin/news/article/?pending=no")
    assert [a.title for a in others.context["cl"].result_list] == ["没有修改的新闻"]
