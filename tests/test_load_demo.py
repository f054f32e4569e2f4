"""load_demo over a site staff have edited: renamed, deleted and invalid rows, and `make run`'s empty-only load."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from taggit.models import Tag

from content.models import SlugRedirect
from demo.models import DemoItem
from news.models import Article, TaggedArticle
from parks.models import Enterprise, EnterpriseFigure, Park, ParkFigure, Project, TaggedEnterprise, TaggedPark
from tests.helpers import make_article, posted_form

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
# The first demo park: it has figures, tags, an operator and enterprises in it.
PARK = "ai-neng-sen-qing-jie-neng-yuan-gao-duan-zhuang-bei-chan-ye-yuan"
DEMO_PARKS = len(json.loads((FIXTURES / "02_parks.json").read_text(encoding="utf-8")))
ARTICLE = "shan-dong-shou-jia-ai-du-jiao-shou-qi-ye-deng-lu-gang-gu"

MODELS = (Article, Park, Enterprise, Project, ParkFigure, EnterpriseFigure, Tag, TaggedArticle, TaggedPark,
          TaggedEnterprise, Article.parks.through, Enterprise.parks.through, DemoItem)  # fmt: skip


def load(*args):
    out = StringIO()
    call_command("load_demo", *map(str, args), stdout=out)
    return out.getvalue()


def counts():
    return {model._meta.label: model.objects.count() for model in MODELS}


def fixture_fields(model, slug=None):
    for path in sorted(FIXTURES.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            if item["model"] == model and (slug is None or item["fields"].get("slug") == slug):
                return dict(item["fields"])
    raise LookupError(model, slug)


def write_fixture(path, *items):
    path.write_text(json.dumps(list(items), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def loaded(db):
    load()
    return counts()


# --- a renamed park ----------------------------------------------------------------------------------------


def test_a_park_staff_renamed_loads_without_error_and_stays_as_they_left_it(loaded):
    park = Park.objects.get(slug=PARK)
    park.slug, park.summary = "enesoon-park", "编辑改写的简介。"
    park.save()
    out = load()
    assert "Added nothing" in out
    assert counts() == loaded  # no second park, no figure or tag row lost or doubled
    park.refresh_from_db()
    assert (park.slug, park.summary) == ("enesoon-park", "编辑改写的简介。")
    assert park.figures.count() == 2 and park.tags.exists()


def test_a_renamed_park_gets_back_figures_and_tags_it_never_had(loaded):
    """A site loaded before the loader kept its records: the renamed park is found by its old address."""
    DemoItem.objects.all().delete()
    park = Park.objects.get(slug=PARK)
    park.slug = "enesoon-park"
    park.save()
    park.figures.all().delete()
    park.tags.clear()
    out = load()
    assert "2 park figures" in out and "parks" not in out.split("\n")[0]
    assert Park.objects.count() == DEMO_PARKS and not Park.objects.filter(slug=PARK).exists()
    assert park.figures.count() == 2 and park.tags.exists()
    assert counts() == loaded


# --- a renamed article -------------------------------------------------------------------------------------


def rename_in_the_admin(client, article, slug):
    url = reverse("admin:news_article_change", args=[article.pk])
    response = client.post(url, posted_form(client.get(url).text, slug=slug))
    assert response.status_code == 302, response.text[:2000]
    article.refresh_from_db()
    assert article.slug == slug


def test_an_article_staff_renamed_is_not_loaded_again_and_its_old_address_redirects(loaded, publisher_client):
    article = Article.objects.get(slug=ARTICLE)
    old_url = article.get_absolute_url()
    rename_in_the_admin(publisher_client, article, "ainnovation-lists-in-hong-kong")
    load()
    assert Article.objects.count() == 5 and Article.objects.published().count() == 5
    assert counts() == loaded
    publisher_client.logout()
    response = publisher_client.get(old_url)
    assert response.status_code == 301 and response["Location"] == article.get_absolute_url()
    assert publisher_client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("clue", ["old address", "original address"])
def test_a_renamed_article_is_found_without_the_loaders_records(loaded, clue):
    DemoItem.objects.all().delete()
    article = Article.objects.get(slug=ARTICLE)
    article.slug = "ainnovation-lists-in-hong-kong"
    article.save()
    if clue == "original address":
        SlugRedirect.objects.all().delete()
    load()
    assert Article.objects.count() == 5 and counts() == loaded


# --- deleted by staff --------------------------------------------------------------------------------------


def test_a_park_staff_deleted_stays_deleted_unless_restored(loaded):
    Park.objects.get(slug=PARK).delete()
    Article.objects.get(slug=ARTICLE).delete()
    after_delete = counts()
    out = load()
    assert counts() == after_delete
    assert not Park.objects.filter(slug=PARK).exists() and not Article.objects.filter(slug=ARTICLE).exists()
    left_out = re.search(r"Left out (.*): staff deleted them", out).group(1)
    assert "1 article" in left_out and "1 park," in left_out and "2 park figures" in left_out
    assert "load_demo --restore-deleted" in out

    out = load("--restore-deleted")
    assert "Left out" not in out and "1 article" in out and "1 park," in out
    park = Park.objects.get(slug=PARK)
    assert park.figures.count() == 2 and park.tags.exists() and park.operator.slug == "ai-neng-sen"
    article = Article.objects.get(slug=ARTICLE)
    assert article.enterprises.exists() and article.tags.exists()
    # The links from the items that stayed come back too: the park's enterprises, the articles that name it.
    assert park.enterprises.exists() and park.articles.exists()
    assert Project.objects.get(slug="enesoon-clean-energy-equipment-park-project").park == park
    assert counts() == loaded


def test_a_figure_of_a_deleted_park_is_left_out_and_links_to_it_dropped(loaded):
    """A figure the demo had not loaded yet belongs to a park staff deleted: it is left out, not an error."""
    DemoItem.objects.filter(content_type__model="parkfigure").delete()
    ParkFigure.objects.all().delete()
    Park.objects.get(slug=PARK).delete()
    load()
    assert ParkFigure.objects.count() == loaded["parks.ParkFigure"] - 2
    assert not ParkFigure.objects.filter(park__slug=PARK).exists()


def test_a_park_deleted_before_the_loader_kept_records_is_known_by_its_history(loaded):
    DemoItem.objects.all().delete()
    Park.objects.get(slug=PARK).delete()
    out = load()
    assert not Park.objects.filter(slug=PARK).exists() and "Left out 1 park," in out


# --- every row is checked before anything is kept ----------------------------------------------------------


@pytest.mark.django_db
def test_a_park_without_a_name_is_named_by_file_and_row_and_nothing_is_written(tmp_path):
    park = fixture_fields("parks.park", PARK)
    del park["name"]
    bad = write_fixture(tmp_path / "parks.json", {"model": "taggit.tag", "fields": {"name": "新标签", "slug": "xin"}},
                        {"model": "parks.park", "fields": park})  # fmt: skip
    before = counts()
    with pytest.raises(CommandError) as error:
        load(bad)
    assert f"{bad}: object 2 (parks.park): name:" in str(error.value) and "Nothing was loaded" in str(error.value)
    assert counts() == before


def test_a_row_missing_a_required_field_is_refused_even_when_its_object_exists(loaded, tmp_path):
    park = fixture_fields("parks.park", PARK)
    park["name"] = ""
    bad = write_fixture(tmp_path / "parks.json", {"model": "parks.park", "fields": park})
    with pytest.raises(CommandError, match=rf"{bad}: object 1 \(parks.park\): name: This field cannot be blank"):
        load(*sorted(FIXTURES.glob("*.json")), bad)
    assert counts() == loaded


@pytest.mark.django_db
def test_a_dangling_reference_is_named_by_file_and_row_and_nothing_is_written(tmp_path):
    figure = dict(fixture_fields("parks.parkfigure"), park=["no-such-park"])
    bad = write_fixture(tmp_path / "figures.json", {"model": "parks.parkfigure", "fields": figure})
    before = counts()
    with pytest.raises(CommandError) as error:
        load(*sorted(FIXTURES.glob("*.json")), bad)
    assert f'{bad}: object 1 (parks.parkfigure): park refers to parks.park ["no-such-park"]' in str(error.value)
    assert counts() == before


# --- `make run` loads into an empty site only --------------------------------------------------------------


@pytest.mark.django_db
def test_if_empty_leaves_a_site_with_content_alone_and_says_so():
    make_article(title="本局自己的新闻")
    before = counts()
    out = load("--if-empty")
    assert "already has content (1 article): the demo was not loaded" in out
    assert "Run `manage.py load_demo` to add what is missing." in out
    assert counts() == before


@pytest.mark.django_db
def test_if_empty_loads_an_empty_site():
    out = load("--if-empty")
    assert "Added" in out and f"{DEMO_PARKS} parks" in out and Park.objects.count() == DEMO_PARKS


def test_make_run_loads_the_demo_only_into_an_empty_site():
    target = re.search(r"^demo:.*?(?=^\S)", (ROOT / "Makefile").read_text(), re.MULTILINE | re.DOTALL).group(0)
    assert "manage.py load_demo --if-empty" in target
