"""The demo fixtures: complete, true to the five seed documents, and safe to load anywhere.

Most provenance checks read the JSON files directly (no database needed);
the loading tests load the real fixtures into the test database.
"""

import html
import importlib.util
import json
import re
from datetime import datetime
from decimal import Decimal
from functools import cache
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from taggit.models import Tag

from content.models import Status
from content.sanitizer import sanitize
from news import importer
from news.models import Article, TaggedArticle
from parks.models import Enterprise, EnterpriseFigure, Park, ParkFigure, Project, TaggedEnterprise, TaggedPark
from tests.helpers import make_article, make_park

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
BEIJING = ZoneInfo("Asia/Shanghai")

EXPECTED_COUNTS = {
    "news.article": 5,
    "parks.park": 31,
    "parks.enterprise": 56,
    "parks.parkfigure": 54,
    "parks.enterprisefigure": 26,
    "taggit.tag": 22,
    "parks.project": 3,
}


# --- reading the files -------------------------------------------------------


@cache
def fixture_items():
    items = []
    for path in sorted(FIXTURES.glob("*.json")):
        items.extend(json.loads(path.read_text(encoding="utf-8")))
    return tuple(items)


def items(model):
    return [item["fields"] for item in fixture_items() if item["model"] == model]


@cache
def articles_by_slug():
    return {fields["slug"]: fields for fields in items("news.article")}


def plain(html_text):
    return html.unescape(re.sub(r"<[^>]+>", "\n", html_text))


def squeeze(text):
    """Whitespace removed: Chinese text has no word spaces, and pages break lines anywhere."""
    return re.sub(r"\s+", "", text)


def article_text(fields):
    return fields["title"] + "\n" + plain(fields["body"])


def names(fields):
    aliases = [a.strip() for a in re.split("[,，、]", fields.get("aliases", "")) if a.strip()]
    return [n for n in dict.fromkeys([fields["name"], fields.get("short_name", ""), *aliases]) if len(n) >= 2]


def linked_objects():
    """Every park and enterprise as (kind, slug, fields)."""
    return [("parks", f["slug"], f) for f in items("parks.park")] + [
        ("enterprises", f["slug"], f) for f in items("parks.enterprise")
    ]


@cache
def seed_texts():
    """Each seed as a reader would compare it: Simplified Chinese, without whitespace."""
    import opencc

    converter = opencc.OpenCC("t2s")
    return {path.name: squeeze(converter.convert(path.read_text(encoding="utf-8"))) for path in sorted(SEEDS.glob("*"))}


def parse_time(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


# --- the files themselves ----------------------------------------------------


def test_fixtures_use_natural_keys_never_database_ids():
    from django.apps import apps

    assert fixture_items(), "no fixtures in fixtures/*.json"
    for item in fixture_items():
        assert "pk" not in item, item
        model = apps.get_model(item["model"])
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete) or field.name not in item["fields"]:
                continue
            value = item["fields"][field.name]
            # A reference is a natural key (a list such as ["slug"]), never a database id.
            if field.many_to_many:
                assert all(isinstance(key, list) for key in value), (item["model"], field.name, value)
            else:
                assert value is None or isinstance(value, list), (item["model"], field.name, value)


def test_counts_per_kind_match_the_readme():
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    for model, expected in EXPECTED_COUNTS.items():
        assert len(items(model)) == expected, model
    for label, model in (
        ("Articles", "news.article"),
        ("Parks", "parks.park"),
        ("Enterprises", "parks.enterprise"),
        ("Tags", "taggit.tag"),
        ("Investment projects", "parks.project"),
    ):
        assert re.search(rf"\|\s*{label}[^|]*\|\s*{EXPECTED_COUNTS[model]}\s*\|", readme), (
            f"README.md does not give {label}: {EXPECTED_COUNTS[model]}"
        )


def test_every_park_and_enterprise_has_english_and_chinese_descriptions():
    for _kind, slug, fields in linked_objects():
        assert fields["name_en"].strip() and fields["summary"].strip() and fields["summary_en"].strip(), slug
        assert fields["status"] == Status.PUBLISHED, slug


def test_tag_vocabulary_is_small_and_gathers_all_three_kinds():
    vocabulary = {fields["name"] for fields in items("taggit.tag")}
    assert 10 <= len(vocabulary) <= 30
    used = {"articles": set(), "parks": set(), "enterprises": set()}
    for model, kind in (
        ("news.taggedarticle", "articles"),
        ("parks.taggedpark", "parks"),
        ("parks.taggedenterprise", "enterprises"),
    ):
        for fields in items(model):
            assert fields["tag"][0] in vocabulary
            used[kind].add(fields["tag"][0])
    assert used["articles"] | used["parks"] | used["enterprises"] == vocabulary, "every tag is used"
    for tag in ("人工智能", "工业互联网", "虚拟现实", "集成电路"):
        assert all(tag in used[kind] for kind in used), tag
    assert all(tag in used["articles"] for tag in vocabulary), "every tag leads to at least one article"


# --- provenance: nothing invented --------------------------------------------


def test_every_paragraph_of_every_article_appears_in_its_seed():
    seeds = seed_texts()
    for fields in items("news.article"):
        home = [name for name, text in seeds.items() if squeeze(fields["title"]) in text]
        assert len(home) == 1, fields["title"]
        for block in re.findall(r"<(p|h2|h3|figcaption)>(.*?)</\1>", fields["body"], flags=re.S):
            assert squeeze(html.unescape(block[1])) in seeds[home[0]], block[1][:40]


def test_the_importer_reproduces_each_fixture_article():
    by_title = {fields["title"]: fields for fields in items("news.article")}
    assert len(by_title) == len(list(SEEDS.glob("*")))
    for path in sorted(SEEDS.glob("*")):
        doc = importer.read_document(path)
        fields = by_title[doc.title]
        assert fields["body"] == doc.body, path.name
        assert fields["source_outlet"] == doc.outlet
        assert fields["original_outlet"] == doc.original_outlet
        assert fields["source_url"] == doc.source_url
        assert fields["source_date"] == (doc.source_date.isoformat() if doc.source_date else None)
        assert fields["original_title"] == (doc.original_title or doc.title)
        assert fields["author"] == doc.author and fields["summary"] == doc.summary


# How a figure is found in its source article. Numbers are stored as the
# article writes them: value and unit separately ("超1.5万" is value 1.5, unit 万,
# qualifier over; "100P算力" is value 100, unit P; "50多亿" is value 50, unit 亿,
# qualifier over). The article's text (headline and body, markup and all
# whitespace removed) must contain
#     <value as written><余 or 多, optional><unit>
# with <value as written> the stored number without trailing zeros, not glued
# to a longer number, and at least one such occurrence must agree with the
# qualifier: "over" needs 超/超过/逾 before, 余/多 inside or 以上 after;
# "about" needs 约/近 before or 左右 after; an exact figure has none of them.
OVER_BEFORE, ABOUT_BEFORE = ("超过", "超", "逾"), ("约", "近")


def figure_occurrences(text, value, unit):
    number = format(Decimal(value).normalize(), "f")
    pattern = rf"(?<![\d.])({re.escape(number)})(余|多)?{re.escape(unit)}(以上|左右)?"
    for match in re.finditer(pattern, text):
        before = text[max(0, match.start() - 2) : match.start()]
        if match[2] or match[3] == "以上" or before.endswith(OVER_BEFORE):
            yield "over"
        elif match[3] == "左右" or before.endswith(ABOUT_BEFORE):
            yield "about"
        else:
            yield ""


def test_every_figure_is_written_in_its_source_article():
    figures = items("parks.parkfigure") + items("parks.enterprisefigure")
    assert len(figures) == EXPECTED_COUNTS["parks.parkfigure"] + EXPECTED_COUNTS["parks.enterprisefigure"]
    for fields in figures:
        source = articles_by_slug()[fields["source_article"][0]]
        text = squeeze(article_text(source))
        found = list(figure_occurrences(text, fields["value"], fields["unit"]))
        where = f"{fields['label']} {fields['value']} {fields['unit']}"
        assert found, f"{where} is not written in “{source['title']}”"
        assert fields["qualifier"] in found, f"{where}: qualifier “{fields['qualifier']}” but the text says {found}"


def test_every_project_is_stated_in_its_source_article():
    """A demo project is one a seed states: its park and its amount stand in the article it names, qualified as
    the article qualifies it (总投资约75亿元: about), as a figure's value is."""
    parks = {fields["slug"]: fields for fields in items("parks.park")}
    for project in items("parks.project"):
        text = squeeze(article_text(articles_by_slug()[project["source_article"][0]]))
        assert squeeze(parks[project["park"][0]]["name"]) in text, project["title"]
        if project["amount"] is not None:
            found = list(figure_occurrences(text, project["amount"], project["amount_unit"]))
            assert found, project["title"]
            assert project["amount_qualifier"] in found, f"{project['title']}: the text says {found}"
        else:
            assert project["amount_qualifier"] == "", project["title"]


def test_every_park_and_enterprise_is_named_by_an_article():
    texts = [article_text(fields) for fields in items("news.article")]
    for kind, slug, fields in linked_objects():
        assert any(name in text for name in names(fields) for text in texts), f"{kind} {slug} is named by no article"


def test_each_article_links_exactly_the_parks_and_enterprises_it_names():
    everything = linked_objects()
    for fields in items("news.article"):
        text = article_text(fields)
        linked = {("parks", key[0]) for key in fields["parks"]} | {
            ("enterprises", key[0]) for key in fields["enterprises"]
        }
        for kind, slug, obj in everything:
            if (kind, slug) in linked:
                assert any(name in text for name in names(obj)), f"“{fields['title']}” links {slug} but never names it"
        # Longest name first, so that 海尔卡奥斯 is not also read as 海尔.
        named, masked = set(), text
        for name, kind, slug in sorted(
            ((n, k, s) for k, s, o in everything for n in names(o)), key=lambda t: -len(t[0])
        ):
            if name in masked:
                named.add((kind, slug))
                masked = masked.replace(name, "\0" * len(name))
        assert named <= linked, f"“{fields['title']}” names but does not link {named - linked}"


def test_publication_times_are_the_sources_or_documented():
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    published = {}
    for fields in items("news.article"):
        assert fields["status"] == Status.PUBLISHED
        when = parse_time(fields["published_at"]).astimezone(BEIJING)
        published[fields["slug"]] = when
        if fields["source_date"]:
            assert when.date().isoformat() == fields["source_date"], fields["title"]
        else:
            # Inferred from the text: README.md must say so, with the date and why.
            assert fields["title"] in readme and when.date().isoformat() in readme, fields["title"]
    first_named = {}
    for fields in items("news.article"):
        for kind in ("parks", "enterprises"):
            for (slug,) in fields[kind]:
                key = (kind, slug)
                first_named[key] = min(first_named.get(key, published[fields["slug"]]), published[fields["slug"]])
    for kind, slug, fields in linked_objects():
        assert parse_time(fields["published_at"]) == first_named[(kind, slug)], slug


# --- loading -----------------------------------------------------------------


def load(*args):
    out = StringIO()
    call_command("load_demo", *map(str, args), stdout=out)
    return out.getvalue()


def snapshot():
    models = (Article, Park, Enterprise, ParkFigure, EnterpriseFigure, Tag, TaggedArticle, TaggedPark, TaggedEnterprise,
              Article.parks.through, Article.enterprises.through, Enterprise.parks.through, Enterprise.qualifications.through,
              Enterprise.investors.through)  # fmt: skip
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


@pytest.mark.django_db
def test_load_demo_loads_everything_with_tags_and_links():
    out = load()
    assert "Added" in out and "5 articles" in out and "31 parks" in out and "56 enterprises" in out
    assert Article.objects.count() == 5 and Park.objects.count() == 31 and Enterprise.objects.count() == 56
    assert ParkFigure.objects.count() == 54 and EnterpriseFigure.objects.count() == 26

    ainnovation = Enterprise.objects.get(short_name="创新奇智")
    assert (ainnovation.stock_code, ainnovation.exchange, ainnovation.founded) == ("2121", "HKEX", "2018-03")
    assert set(ainnovation.qualifications.values_list("slug", flat=True)) == {"listed", "unicorn"}
    assert list(ainnovation.parks.values_list("name", flat=True)) == ["即墨经济开发区"]
    assert ainnovation.articles.get().title == "山东首家AI独角兽企业登陆港股"
    assert ainnovation.figures.get().source_article.title == "山东首家AI独角兽企业登陆港股"

    innovation_park = Park.objects.get(name="青岛国际创新园")
    assert innovation_park.operator.name == "青岛高科产业发展有限公司"
    assert innovation_park.operator.qualifications.filter(slug="state-owned").exists()
    assert {"中科曙光", "歌尔微电子", "海尔卡奥斯"} <= {e.display_name for e in innovation_park.enterprises.all()}
    living_room = Park.objects.get(name="青岛以色列国际客厅")
    assert living_room.parent.name == "中科研发城" and living_room.parent.parent.name == "青岛高新技术产业开发区"
    assert (living_room.kind, living_room.established) == (Park.Kind.INVESTMENT_PLATFORM, "2020-07")

    ai = Tag.objects.get(name="人工智能")
    assert Article.objects.filter(tags=ai).exists()
    assert Park.objects.filter(tags=ai).exists()
    assert Enterprise.objects.filter(tags=ai).exists()


@pytest.mark.django_db
def test_the_demo_holds_the_relations_the_seeds_state(client):
    load()

    def investors(name):
        return sorted(Enterprise.objects.get(name=name).investors.values_list("name", flat=True))

    # 000: "由李开复旗下创新工场投资孵化"
    assert investors("青岛创新奇智科技集团股份有限公司") == ["创新工场"]
    # 002: "公司投资的一批项目…目前海尔卡奥斯、歌尔微电子、特来电3家已成为独角兽企业"
    jufeng = Enterprise.objects.get(name="青岛巨峰科技创业投资有限公司")
    assert sorted(jufeng.investments.values_list("name", flat=True)) == [
        "歌尔微电子",
        "海尔卡奥斯物联生态科技有限公司",
        "特来电",
    ]
    # 002: "旗下青岛高科产业发展有限公司、青岛巨峰科技创业投资有限公司和青岛微电子创新中心有限公司3家全资子公司"
    group = Enterprise.objects.get(short_name="崂山科创集团")
    assert sorted(group.investments.values_list("name", flat=True)) == [
        "青岛巨峰科技创业投资有限公司", "青岛微电子创新中心有限公司", "青岛高科产业发展有限公司"
    ]  # fmt: skip
    # 巨峰 helped 海济医药 and 国数科技 obtain investment; it is not said to have invested in them.
    assert investors("海济医药") == investors("国数科技") == []
    # The operators 002 names: 高科 manages and builds two parks, 微电子创新中心有限公司 runs or builds three.
    assert sorted(Park.objects.filter(operator__name="青岛高科产业发展有限公司").values_list("name", flat=True)) == [
        "青岛人工智能产业园", "青岛国际创新园"
    ]  # fmt: skip

    # 004: "总面积15000平方米", "占地86亩、总面积6.2万平方米": total areas, not floor areas.
    living_room = Park.objects.get(name="青岛以色列国际客厅")
    institute = Park.objects.get(name="青岛市工业技术研究院")
    assert (living_room.total_area_m2, living_room.floor_area_m2) == (15000, None)
    assert (institute.total_area_m2, institute.floor_area_m2) == (62000, None)
    assert not Park.objects.filter(floor_area_m2__isnull=False).exists()  # no seed gives a park's 建筑面积
    page = client.get(living_room.get_absolute_url()).text
    assert "<dt>总面积</dt><dd>15,000 m²" in page and "建筑面积" not in page

    # 001 is 青岛新闻网's page republishing 青报观象山 ("来源:青报观象山").
    republished = Article.objects.get(source_outlet="青岛新闻网")
    assert republished.original_outlet == "青报观象山"
    assert Article.objects.exclude(pk=republished.pk).filter(original_outlet="").count() == 4
    page = client.get(republished.get_absolute_url()).text
    assert "首发：" in page and '<span lang="zh-Hans">青报观象山</span>' in page

    # Captions whose photo is gone are in the bodies, in both languages, and link what they name.
    seed_002 = Article.objects.get(title="踏歌前行山海间 合力角逐新赛道")
    assert "<figure><figcaption>青岛高层次人才创新创业基地。</figcaption></figure>" in seed_002.body
    assert (
        "<figure><figcaption>The Qingdao High-Level Talent Innovation and Entrepreneurship Base.</figcaption></figure>"
        in seed_002.body_en
    )
    assert republished.parks.filter(name="青岛人工智能产业园").exists()  # named in 001 only by a caption


@pytest.mark.django_db
def test_the_demo_projects_load_public_valid_and_linked(client):
    load()
    projects = Project.objects.published()
    assert projects.count() == 3
    for project in projects:
        project.full_clean()
        assert project.park.is_public and project.source_article.is_public and project.tags.exists()
    enesoon = Project.objects.get(slug="enesoon-clean-energy-equipment-park-project")
    assert enesoon.park.name == "爱能森清洁能源高端装备产业园"
    assert "CNY 3.5 billion" in client.get("/en" + enesoon.get_absolute_url()).text
    tianan = Project.objects.get(slug="tianan-science-innovation-city-project")
    path = f"/projects/{tianan.slug}/"
    assert "<dd>约 75亿元</dd>" in client.get(path).text
    assert "<dd>about CNY 7.5 billion</dd>" in client.get("/en" + path).text


@pytest.mark.django_db
def test_every_loaded_object_is_valid_public_and_left_alone_by_the_sanitizer():
    load()
    now = timezone.now()
    for model in (Article, Park, Enterprise):
        for obj in model.objects.all():
            obj.full_clean()
            assert obj.status == Status.PUBLISHED and obj.published_at <= now, obj
            for name in model.html_fields:
                assert sanitize(getattr(obj, name)) == getattr(obj, name), (obj, name)
    for model in (ParkFigure, EnterpriseFigure, TaggedArticle, TaggedPark, TaggedEnterprise, Tag):
        for obj in model.objects.all():
            obj.full_clean()
    assert Article.objects.published().count() == 5


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_overwrites_no_existing_content():
    own_article = make_article(title="本局自己的新闻", body="<p>本局发布。</p>")
    # A park an editor already made, with the same slug as a demo park: it is kept as it is.
    own_park = make_park(name="即墨经济开发区", slug="ji-mo-jing-ji-kai-fa-qu", summary="编辑写的简介。")
    load()
    first = snapshot()
    out = load()
    assert snapshot() == first
    assert "Added nothing" in out and "as they were" in out
    own_article.refresh_from_db()
    own_park.refresh_from_db()
    assert own_article.title == "本局自己的新闻" and own_article.body == "<p>本局发布。</p>"
    assert own_park.summary == "编辑写的简介。" and own_park.name_en == ""
    assert Article.objects.count() == 6 and Park.objects.count() == 31
    # The demo's links to that park still arrive.
    assert Enterprise.objects.get(short_name="创新奇智").parks.get() == own_park


@pytest.mark.django_db
def test_dry_run_loads_nothing():
    out = load("--dry-run")
    assert "Would add" in out and "nothing was written" in out
    assert not Park.objects.exists() and not Article.objects.exists() and not Tag.objects.exists()


def _park_figure_pointing_at(park_slug):
    fields = dict(items("parks.parkfigure")[0], park=[park_slug])
    return [{"model": "parks.parkfigure", "fields": fields}]


def _enterprise_in(park_slug):
    fields = dict(items("parks.enterprise")[0], slug="yi-jia-qi-ye", name="一家企业", parks=[[park_slug]])
    return [{"model": "parks.enterprise", "fields": fields}]


BAD_FIXTURES = [
    ("empty.json", b"", "the file is empty"),
    ("binary.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("malformed.json", b'[{"model": "taggit.tag", "fields": {"name": ', "malformed JSON at line 1"),
    ("not-a-fixture.json", b'{"hello": "world"}', "not a Django fixture"),
    ("unknown-model.json", b'[{"model": "parks.nothing", "fields": {}}]', "unknown model"),
    ("dangling-fk.json", json.dumps(_park_figure_pointing_at("no-such-park")).encode(), 'park refers to parks.park ["no-such-park"], which is neither in the database nor in the fixtures'),
    ("dangling-m2m.json", json.dumps(_enterprise_in("no-such-park")).encode(), 'parks refers to parks.park ["no-such-park"]'),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "problem"), BAD_FIXTURES, ids=[bad[0] for bad in BAD_FIXTURES])
def test_a_bad_fixture_is_named_and_nothing_is_loaded(tmp_path, name, content, problem):
    bad = tmp_path / name
    bad.write_bytes(content)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        # A good file first: it must be rolled back with the bad one.
        load(FIXTURES / "01_tags.json", bad)
    message = str(error.value)
    assert str(bad) in message and problem in message and "Nothing was loaded" in message
    assert snapshot() == before


@pytest.mark.django_db
def test_an_invalid_object_is_named_and_nothing_is_loaded(tmp_path):
    fields = dict(items("parks.park")[0], district="atlantis")
    bad = tmp_path / "invalid.json"
    bad.write_text(json.dumps([{"model": "parks.park", "fields": fields}], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match=rf"{bad}: object 1 \(parks.park\): district: .*atlantis"):
        load(FIXTURES / "01_tags.json", bad)
    assert not Tag.objects.exists() and not Park.objects.exists()


def test_load_demo_has_help():
    from demo.management.commands.load_demo import Command

    assert "fixtures" in Command.help and "twice" in Command.help


# --- the build is reproducible -----------------------------------------------


@pytest.mark.django_db
def test_build_reproduces_the_fixture_files(tmp_path):
    """Catch drift: the importer, the curated data or the models changed, and the fixtures were not rebuilt.
    Rebuild with `.venv/bin/python fixtures/build_demo.py` (see fixtures/README.md)."""
    spec = importlib.util.spec_from_file_location("build_demo", FIXTURES / "build_demo.py")
    build_demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_demo)
    build_demo.build(SEEDS, tmp_path, log=lambda *args: None)
    for name in build_demo.FILE_NAMES:
        assert (tmp_path / name).read_text(encoding="utf-8") == (FIXTURES / name).read_text(encoding="utf-8"), name
    assert sorted(path.name for path in FIXTURES.glob("*.json")) == sorted(build_demo.FILE_NAMES)


def build_module():
    spec = importlib.util.spec_from_file_location("build_demo", FIXTURES / "build_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda seeds: (seeds / "002_55d7e83049e41ea9.txt").write_bytes(bytes(range(256)) * 8),
            "002_55d7e83049e41ea9.txt: this is a binary file",
        ),
        (lambda seeds: (seeds / "003_2054632660c6d9fd.txt").unlink(), "expected one seed named 003_*, found none"),
        (
            lambda seeds: (seeds / "004_copy.txt").write_text("重复", encoding="utf-8"),
            "expected one seed named 004_*, found 004_",
        ),
    ],
)
def test_a_broken_seed_folder_is_named_and_nothing_is_written(tmp_path, damage, message):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    for path in SEEDS.glob("*"):
        (seeds / path.name).write_bytes(path.read_bytes())
    damage(seeds)
    with pytest.raises(SystemExit) as raised:
        build_module().build(seeds, out, log=lambda *args: None)
    assert message in str(raised.value) and str(raised.value).endswith("Nothing was written.")
    assert not out.exists()


@pytest.mark.django_db
def test_seeds_in_gb18030_or_in_traditional_script_build_the_same_demo(tmp_path):
    import opencc

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in SEEDS.glob("*"):
        (seeds / path.name).write_bytes(path.read_bytes())
    (seeds / "002_55d7e83049e41ea9.txt").write_bytes(
        (SEEDS / "002_55d7e83049e41ea9.txt").read_text(encoding="utf-8").encode("gb18030")
    )
    traditional = opencc.OpenCC("s2t").convert((SEEDS / "003_2054632660c6d9fd.txt").read_text(encoding="utf-8"))
    (seeds / "003_2054632660c6d9fd.txt").write_text(traditional, encoding="utf-8")
    build_module().build(seeds, tmp_path / "out", log=lambda *args: None)
    for name in ("02_parks.json", "04_articles.json", "05_figures.json"):
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == (FIXTURES / name).read_text(encoding="utf-8"), (
            name
        )


def test_every_demo_park_with_an_area_links_the_article_it_came_from():
    """The park page puts a "source" link beside each area: every area in the demo has one."""
    with_area = [
        f for f in items("parks.park") if f.get("land_area_km2") or f.get("floor_area_m2") or f.get("total_area_m2")
    ]
    assert with_area
    for fields in with_area:
        assert fields.get("area_source"), fields["name"]
        assert fields["area_source"][0] in articles_by_slug(), fields["name"]
