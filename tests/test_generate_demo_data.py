"""generate_demo_data: synthetic benchmark content, written in bulk, removable again.

Small counts keep these fast; the full size (100,000 articles) is timed by hand,
see the command's docstring.
"""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from taggit.models import Tag

from content.models import Status
from content.sanitizer import sanitize
from demo.scale.vocabulary import VOCABULARY
from news.models import Article, TaggedArticle
from parks.models import Enterprise, EnterpriseFigure, Park, ParkFigure, TaggedEnterprise, TaggedPark
from tests.helpers import make_article, make_park

pytestmark = pytest.mark.django_db

SMALL = ["--articles", "50", "--parks", "5", "--enterprises", "40"]
SEED = ["--seed", "2024"]


def run(*args):
    out = StringIO()
    call_command("generate_demo_data", *args, stdout=out)
    return out.getvalue()


def generate(*extra):
    return run(*SMALL, *SEED, *extra)


def table_sizes():
    models = [Article, Park, Enterprise, TaggedArticle, TaggedPark, TaggedEnterprise, ParkFigure, EnterpriseFigure, Tag,
              Article.parks.through, Article.enterprises.through, Enterprise.parks.through, Enterprise.qualifications.through]  # fmt: skip
    return {model._meta.label: model._default_manager.count() for model in models}


class TestWhatIsGenerated:
    def test_counts_match_the_arguments_and_are_reported(self):
        output = generate()
        assert Article.objects.count() == 50
        assert Park.objects.count() == 5
        assert Enterprise.objects.count() == 40
        assert "50  articles" in output and "5  parks" in output and "40  enterprises" in output
        # Progress lines name the phase and how far it got.
        assert re.search(r"articles\s+50 / 50", output)

    def test_slugs_are_unique_ascii_and_recognisable(self):
        generate()
        for model, pattern in [
            (Article, r"scale-article-\d{6}"),
            (Park, r"scale-park-\d{4}"),
            (Enterprise, r"scale-enterprise-\d{5}"),
        ]:
            slugs = list(model.objects.values_list("slug", flat=True))
            assert len(set(slugs)) == len(slugs)
            assert all(re.fullmatch(pattern, slug) for slug in slugs)

    def test_mostly_published_with_drafts_and_scheduled_items(self):
        generate()
        now = timezone.now()
        for model in (Article, Park, Enterprise):
            public = model.objects.published().count()
            assert public > model.objects.count() / 2
        assert Article.objects.filter(status=Status.DRAFT).exists()
        assert Article.objects.filter(status=Status.PUBLISHED, published_at__gt=now).exists()
        assert Article.objects.filter(featured=True).exists()
        oldest = Article.objects.order_by("published_at").first().published_at
        assert (now - oldest).days > 365  # spread over years, not all "today"

    def test_one_vocabulary_of_about_fifty_tags_is_shared_by_all_three_kinds(self):
        generate()
        assert Tag.objects.count() == len(VOCABULARY) == 50
        shared = (
            Tag.objects.filter(
                pk__in=TaggedArticle.objects.values("tag"),
            )
            .filter(pk__in=TaggedPark.objects.values("tag"))
            .filter(pk__in=TaggedEnterprise.objects.values("tag"))
        )
        assert shared.exists()
        for model in (Article, Park, Enterprise):
            for obj in model.objects.prefetch_related("tags"):
                assert 2 <= len(obj.tags.all()) <= 5

    def test_links_qualifications_and_figures(self):
        generate()
        for enterprise in Enterprise.objects.prefetch_related("parks"):
            assert 1 <= len(enterprise.parks.all()) <= 2
        for article in Article.objects.prefetch_related("parks", "enterprises"):
            assert len(article.parks.all()) <= 3
            assert len(article.enterprises.all()) <= 5
        assert Article.parks.through.objects.exists()
        assert Article.enterprises.through.objects.exists()
        # The benchmark's big park page: every enterprise up to two hundred has it as main park.
        assert Park.objects.get(slug="scale-park-0001").enterprises.count() == 40
        assert Park.objects.filter(operator__isnull=False).exists()
        assert Enterprise.qualifications.through.objects.exists()
        assert ParkFigure.objects.filter(park__slug="scale-park-0001").exists()
        assert EnterpriseFigure.objects.exists()
        assert (
            ParkFigure.objects.filter(source_article__isnull=False).exists()
            or EnterpriseFigure.objects.filter(source_article__isnull=False).exists()
        )

    def test_parks_have_kinds_levels_districts_and_some_parents(self):
        run("--articles", "0", "--parks", "40", "--enterprises", "20", *SEED)
        parks = Park.objects.all()
        assert len({p.kind for p in parks}) >= 3
        assert len({p.district for p in parks}) >= 3
        assert {p.level for p in parks} - {""}
        assert parks.filter(parent__isnull=False).exists()

    def test_text_is_chinese_and_bodies_pass_the_sanitizer_unchanged(self):
        generate()
        for article in Article.objects.all():
            assert re.search(r"[\u4e00-\u9fff]{4}", article.title)
            assert sanitize(article.body) == article.body
            assert set(re.findall(r"</?(\w+)", article.body)) <= {"p", "h2"}
            assert 200 <= len(article.body) <= 2500
        for obj in [*Park.objects.all(), *Enterprise.objects.all()]:
            assert sanitize(obj.description) == obj.description
            assert obj.summary and obj.name_en


class TestOptions:
    def test_dry_run_writes_nothing_and_reports_the_counts(self):
        before = table_sizes()
        output = generate("--dry-run")
        assert table_sizes() == before
        assert "Would create" in output
        assert "50  articles" in output and "40  enterprises" in output
        assert "nothing was written" in output

    def test_the_same_seed_gives_the_same_content(self):
        def snapshot():
            return (
                list(Article.objects.order_by("slug").values_list("title", "body")),
                list(Park.objects.order_by("slug").values_list("name", flat=True)),
                list(Enterprise.objects.order_by("slug").values_list("name", flat=True)),
            )

        generate()
        first = snapshot()
        run("--delete")
        generate()
        assert snapshot() == first
        run("--delete")
        run(*SMALL, "--seed", "2025")
        assert snapshot()[0] != first[0]

    def test_without_a_seed_the_seed_used_is_printed(self):
        output = run(*SMALL)
        assert re.search(r"seed \d+", output)

    def test_delete_removes_only_generated_content(self):
        own = make_article(title="崂山区人工智能产业新闻")
        own.tags.add("人工智能")
        lookalike = make_article(title="Scale article notes", slug="scale-article-notes")
        own_park = make_park(name="青岛某某产业园")
        generate()
        # Content of the site's own that points at generated content loses only those links.
        own.parks.add(Park.objects.get(slug="scale-park-0002"))
        own_park.parent = Park.objects.get(slug="scale-park-0001")
        own_park.operator = Enterprise.objects.get(slug="scale-enterprise-00001")
        own_park.save()
        own_figure = ParkFigure.objects.create(
            park=own_park, label="入驻企业", value=12, unit="家", year=2024, source_article=Article.objects.last()
        )

        output = run("--delete")

        assert "Deleted 50 articles" in output
        assert set(Article.objects.values_list("pk", flat=True)) == {own.pk, lookalike.pk}
        assert list(Park.objects.all()) == [own_park]
        assert not Enterprise.objects.exists()
        assert list(ParkFigure.objects.all()) == [own_figure] and not EnterpriseFigure.objects.exists()
        own_figure.refresh_from_db()
        own_park.refresh_from_db()
        assert own_figure.source_article is None
        assert own_park.parent is None and own_park.operator is None
        # The editor's tag stays; vocabulary tags nothing uses any more go.
        assert list(Tag.objects.values_list("name", flat=True)) == ["人工智能"]
        own.refresh_from_db()
        assert list(own.tags.names()) == ["人工智能"]
        assert not own.parks.exists()

    def test_delete_dry_run_deletes_nothing(self):
        generate()
        before = table_sizes()
        output = run("--delete", "--dry-run")
        assert table_sizes() == before
        assert "Would delete 50 articles" in output

    def test_a_second_run_asks_for_delete_first(self):
        generate()
        with pytest.raises(CommandError, match="already in the database.*--delete"):
            generate()
        assert Article.objects.count() == 50

    def test_generating_and_deleting_start_a_new_page_cache_generation(self):
        # bulk inserts and the fast deletion send no signals: the command says it once.
        from content.caching import current_state

        before = current_state()["generation"]
        generate()
        after_generating = current_state()["generation"]
        assert after_generating != before
        run("--delete")
        assert current_state()["generation"] != after_generating

    def test_generated_content_is_searchable_through_the_rebuilt_indexes(self, client):
        """On PostgreSQL the GIN indexes are dropped for the bulk inserts: they must come back exactly."""
        from django.db import connection

        from search.index import GIN_INDEXES

        def indexes():
            if connection.vendor != "postgresql":
                return []
            with connection.cursor() as cursor:
                cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [GIN_INDEXES])
                return sorted(cursor.fetchall())

        before = indexes()
        generate()
        assert indexes() == before
        if connection.vendor == "postgresql":
            assert len(before) == len(GIN_INDEXES)
        article = Article.objects.published().order_by("pk").first()
        response = client.get("/search/", {"q": article.title, "kind": "news"})
        assert article.get_absolute_url() in response.text

    def test_the_query_planner_gets_statistics_for_the_filled_tables(self):
        # Without them SQLite walks the whole article index to find four related articles.
        from django.db import connection

        statistics = {
            "sqlite": "SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s",
            "postgresql": "SELECT count(*) FROM pg_stats WHERE tablename = %s",
        }[connection.vendor]
        output = generate()
        assert "planner's statistics (ANALYZE)" in output
        with connection.cursor() as cursor:
            for table in ("news_article", "news_article_enterprises", "parks_enterprise"):
                cursor.execute(statistics, [table])
                assert cursor.fetchone()[0] > 0, table

    def test_existing_tags_are_reused_not_duplicated(self):
        make_article().tags.add("人工智能")
        generate()
        assert Tag.objects.filter(name="人工智能").count() == 1
        assert Tag.objects.count() == 50


class TestBadArguments:
    @pytest.mark.parametrize(
        "args, message",
        [
            (["--articles", "-5"], "--articles must be 0 or more, not -5"),
            (["--parks", "-1"], "--parks must be 0 or more"),
            (["--enterprises", "-20"], "--enterprises must be 0 or more"),
            (["--articles", "2000000"], "--articles can be at most 1,000,000"),
            (["--articles", "0", "--parks", "0", "--enterprises", "0"], "Nothing to generate"),
            (["--batch-size", "0"], "--batch-size must be 1 or more"),
            (["--seed", "-3"], "--seed must be 0 or more"),
            (["--articles", "many"], "invalid int value: 'many'"),
        ],
    )
    def test_bad_arguments_stop_with_a_clear_message_and_write_nothing(self, args, message):
        before = table_sizes()
        with pytest.raises(CommandError, match=re.escape(message)):
            run(*SMALL, *args)
        assert table_sizes() == before


def test_help_explains_the_command():
    from demo.management.commands.generate_demo_data import Command

    assert "benchmark" in Command.help and "--delete" in Command.help
