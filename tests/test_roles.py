"""The two staff roles, each permission and each refusal tried through the admin.

Editors write (articles, parks, enterprises, figures, tags) but cannot
publish, unpublish or delete; publishers can do all of it; a staff account
in neither group sees no content at all.
"""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from content.models import PendingChange, Status
from news.models import Article
from parks.models import Enterprise, Park
from tests.helpers import make_article, make_enterprise, make_park

pytestmark = pytest.mark.django_db

NO_FIGURES = {
    "figures-TOTAL_FORMS": 0,
    "figures-INITIAL_FORMS": 0,
    "figures-MIN_NUM_FORMS": 0,
    "figures-MAX_NUM_FORMS": 1000,
}

# Per model: a factory for a saved object, the fields a browser posts for a new
# one, and the fields that keep an existing one as it is.
CONTENT = {
    "article": (make_article, {"title": "青岛新闻", "body": "<p>正文。</p>"}, ["title", "slug", "body"]),
    "park": (
        make_park,
        {"name": "青岛国际创新园", "kind": Park.Kind.INNOVATION_PARK, **NO_FIGURES},
        ["name", "slug", "kind"],
    ),
    "enterprise": (make_enterprise, {"name": "青岛海尔生物医疗股份有限公司", **NO_FIGURES}, ["name", "slug"]),
}


def url(name, model, *args):
    app = Article._meta.app_label if model == "article" else Park._meta.app_label
    return reverse(f"admin:{app}_{model}_{name}", args=args)


def form_for(model, obj=None, **fields):
    """The change form as posted: for a new object, or for ``obj`` left as it is."""
    _factory, new, kept = CONTENT[model]
    data = dict(new) if obj is None else {**new, **{name: getattr(obj, name) for name in kept}}
    return {**data, "_save": "save", **fields}


def publication(status, when=None):
    local = timezone.localtime(when or timezone.now())
    return {
        "status": status,
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
    }


def bulk(name, *objects):
    return {"action": name, "_selected_action": [obj.pk for obj in objects], "index": 0}


def offered_actions(response):
    form = response.context["action_form"]  # None when no action is offered at all
    return [name for name, _label in form.fields["action"].choices if name] if form else []


models = pytest.mark.parametrize("model", list(CONTENT))


class TestEditor:
    @models
    def test_adds_content_as_a_draft_even_when_posting_a_published_status(self, editor_client, editor, model):
        form = editor_client.get(url("add", model))
        assert form.status_code == 200
        assert "status" not in form.context["adminform"].form.fields
        assert "published_at" not in form.context["adminform"].form.fields

        response = editor_client.post(url("add", model), form_for(model, **publication(Status.PUBLISHED)))
        assert response.status_code == 302, response.context["adminform"].form.errors
        obj = form.context["opts"].model.objects.get()
        assert obj.status == Status.DRAFT
        assert obj.last_edited_by == editor

    @models
    def test_changes_content_but_cannot_publish_it_in_the_form(self, editor_client, model):
        factory = CONTENT[model][0]
        obj = factory(published=False)
        form = editor_client.get(url("change", model, obj.pk))
        assert form.status_code == 200
        assert {"status", "published_at"} <= set(form.context["adminform"].readonly_fields)

        response = editor_client.post(
            url("change", model, obj.pk), form_for(model, obj, summary="新的摘要。", **publication(Status.PUBLISHED))
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        obj.refresh_from_db()
        assert obj.summary == "新的摘要。"
        assert obj.status == Status.DRAFT

    @models
    def test_cannot_unpublish_in_the_form(self, editor_client, model):
        obj = CONTENT[model][0]()
        response = editor_client.post(url("change", model, obj.pk), form_for(model, obj, **publication(Status.DRAFT)))
        assert response.status_code == 302
        obj.refresh_from_db()
        assert obj.status == Status.PUBLISHED

    @models
    def test_a_crafted_save_of_published_content_waits_for_review(self, editor_client, model):
        """No form, no version field, a status posted anyway: still a pending change, the public page as it was."""
        obj = CONTENT[model][0]()
        before = {name: getattr(obj, name) for name in CONTENT[model][2]}
        name = CONTENT[model][2][0]
        data = form_for(model, obj, **{name: "编辑擅自修改的文字"}, **publication(Status.PUBLISHED))
        assert editor_client.post(url("change", model, obj.pk), data).status_code == 302
        obj.refresh_from_db()
        assert {name: getattr(obj, name) for name in CONTENT[model][2]} == before
        assert PendingChange.objects.get().data["fields"][name] == "编辑擅自修改的文字"

    @models
    def test_is_offered_no_bulk_action_and_a_crafted_publish_changes_nothing(self, editor_client, model):
        draft = CONTENT[model][0](published=False)
        changelist = editor_client.get(url("changelist", model))
        assert changelist.status_code == 200
        assert offered_actions(changelist) == []

        response = editor_client.post(url("changelist", model), bulk("publish", draft))
        assert response.status_code == 200  # the list again, as if no action had been chosen
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT
        assert not LogEntry.objects.filter(action_flag=CHANGE).exists()

    @models
    def test_a_crafted_unpublish_changes_nothing(self, editor_client, model):
        public = CONTENT[model][0]()
        editor_client.post(url("changelist", model), bulk("unpublish", public))
        public.refresh_from_db()
        assert public.status == Status.PUBLISHED

    @models
    def test_cannot_delete(self, editor_client, model):
        obj = CONTENT[model][0](published=False)
        assert editor_client.get(url("delete", model, obj.pk)).status_code == 403
        assert editor_client.post(url("delete", model, obj.pk), {"post": "yes"}).status_code == 403
        editor_client.post(url("changelist", model), {**bulk("delete_selected", obj), "post": "yes"})
        assert type(obj).objects.filter(pk=obj.pk).exists()

    def test_the_change_form_offers_no_delete_link(self, editor_client):
        article = make_article(published=False)
        response = editor_client.get(url("change", "article", article.pk))
        assert url("delete", "article", article.pk) not in response.text

    def test_adds_and_changes_tags(self, editor_client):
        response = editor_client.post(
            reverse("admin:taggit_tag_add"), {"name": "虚拟现实", "slug": "虚拟现实", "_save": "save"}
        )
        assert response.status_code == 302
        tag = Tag.objects.get(name="虚拟现实")
        response = editor_client.post(
            reverse("admin:taggit_tag_change", args=[tag.pk]),
            {"name": "虚拟现实（VR）", "slug": "xu-ni-xian-shi", "_save": "save"},
        )
        assert response.status_code == 302
        tag.refresh_from_db()
        assert (tag.name, tag.slug) == ("虚拟现实（VR）", "xu-ni-xian-shi")
        # The tag changelist offers no bulk action (deleting and merging need a publisher).
        assert not offered_actions(editor_client.get(reverse("admin:taggit_tag_changelist")))

    def test_adds_and_changes_figures_on_a_park(self, editor_client):
        park = make_park(published=False)
        data = form_for(
            "park",
            park,
            **{
                "figures-TOTAL_FORMS": 1,
                "figures-0-label": "入驻企业",
                "figures-0-value": "1200",
                "figures-0-unit": "家",
                "figures-0-year": "2024",
                "figures-0-position": "0",
            },
        )
        response = editor_client.post(url("change", "park", park.pk), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        figure = park.figures.get()
        assert str(figure) == "入驻企业: 1200家 (2024)"

        data.update(
            {
                "figures-INITIAL_FORMS": 1,
                "figures-0-id": figure.pk,
                "figures-0-park": park.pk,
                "figures-0-value": "1300",
            }
        )
        response = editor_client.post(url("change", "park", park.pk), data)
        assert response.status_code == 302
        figure.refresh_from_db()
        assert figure.value == 1300


class TestPublisher:
    @models
    def test_publishes_in_the_form(self, publisher_client, model):
        obj = CONTENT[model][0](published=False)
        response = publisher_client.post(
            url("change", model, obj.pk), form_for(model, obj, **publication(Status.PUBLISHED))
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        obj.refresh_from_db()
        assert obj.is_public

    @models
    def test_publishes_and_unpublishes_in_bulk(self, publisher_client, model):
        factory = CONTENT[model][0]
        obj = factory(published=False)
        changelist = publisher_client.get(url("changelist", model))
        assert {"publish", "unpublish", "delete_selected"} <= set(offered_actions(changelist))

        publisher_client.post(url("changelist", model), bulk("publish", obj))
        obj.refresh_from_db()
        assert obj.is_public
        publisher_client.post(url("changelist", model), bulk("unpublish", obj))
        obj.refresh_from_db()
        assert obj.status == Status.DRAFT

    @models
    def test_deletes_from_the_change_form_and_in_bulk(self, publisher_client, model):
        factory = CONTENT[model][0]
        one = factory(published=False)
        assert publisher_client.get(url("delete", model, one.pk)).status_code == 200
        assert publisher_client.post(url("delete", model, one.pk), {"post": "yes"}).status_code == 302
        assert not type(one).objects.filter(pk=one.pk).exists()

        other = factory(published=False)
        publisher_client.post(url("changelist", model), {**bulk("delete_selected", other), "post": "yes"})
        assert not type(other).objects.filter(pk=other.pk).exists()

    def test_deletes_and_merges_tags(self, publisher_client):
        # The site's own merge (tests/test_tag_merge.py), not taggit's, which only moves taggit's generic
        # taggings, which this site does not use.
        assert offered_actions(publisher_client.get(reverse("admin:taggit_tag_changelist"))) == [
            "delete_selected",
            "merge_selected",
        ]


class TestStaffWithoutRole:
    @pytest.fixture
    def staff_client(self, client):
        client.force_login(get_user_model().objects.create_user("visitor", is_staff=True))
        return client

    def test_sees_no_content_models(self, staff_client):
        response = staff_client.get(reverse("admin:index"))
        assert response.status_code == 200
        assert response.context["app_list"] == []
        for model in CONTENT:
            assert url("changelist", model) not in response.text

    @models
    def test_is_refused_every_content_page(self, staff_client, model):
        obj = CONTENT[model][0]()
        for page in [url("changelist", model), url("add", model), url("change", model, obj.pk)]:
            assert staff_client.get(page).status_code == 403
        assert staff_client.get(reverse("admin:taggit_tag_changelist")).status_code == 403


@pytest.mark.parametrize("model_class", [Article, Park, Enterprise])
def test_only_publishers_hold_the_publish_and_delete_permissions(editor, publisher, model_class):
    opts = model_class._meta
    for codename in [f"publish_{opts.model_name}", f"delete_{opts.model_name}"]:
        assert publisher.has_perm(f"{opts.app_label}.{codename}")
        assert not editor.has_perm(f"{opts.app_label}.{codename}")
