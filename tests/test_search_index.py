"""The search index: tokens, keeping it up to date, the search going through it, ranking, rebuilding."""

import random
from functools import reduce
from io import StringIO
from operator import and_, or_

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Q

from content.models import Status
from news.models import Article
from search import index as search_index
from search import query as search
from search.models import SearchDocument
from tests.helpers import make_article, make_enterprise, make_park
from tests.public_helpers import hours_ago

postgresql_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's plan and parser")
sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's FTS5 table")


def found(function, text):
    return list(function(search.parse(text)))


def titles(text):
    return [article.title for article in found(search.articles, text)]


def document(obj):
    return SearchDocument.objects.get(kind=search_index.SOURCES[type(obj)].kind, object_id=obj.pk)


# --------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------


class TestDocumentTokens:
    def test_chinese_becomes_overlapping_bigrams_and_its_last_character(self):
        assert search_index.document_tokens("人工智能") == ["人工", "工智", "智能", "能"]

    def test_a_single_chinese_character_between_other_text_is_its_own_token(self):
        assert search_index.document_tokens("A股B") == ["a", "股", "b"]

    def test_punctuation_and_spaces_separate_runs(self):
        assert search_index.document_tokens("青岛，高新区 <p>") == ["青岛", "岛", "高新", "新区", "区", "p"]

    def test_latin_and_digit_runs_become_lower_cased_suffixes(self):
        assert search_index.document_tokens("2121.HK") == ["2121", "121", "21", "1", "hk", "k"]
        assert search_index.document_tokens("AInnovation")[:3] == ["ainnovation", "innovation", "nnovation"]

    def test_full_width_forms_and_case_are_folded(self):
        assert search_index.document_tokens("ＡＩ产业１２") == ["ai", "i", "产业", "业", "12", "2"]

    def test_long_words_are_cut_to_the_prefix_length(self):
        tokens = search_index.document_tokens("x" * 40)
        assert len(tokens) == 40 and max(map(len, tokens)) == search_index.PREFIX_LENGTH

    def test_kana_and_hangul_are_cut_like_chinese(self):
        assert search_index.document_tokens("ソフト한국") == ["ソフ", "フト", "ト한", "한국", "국"]

    def test_html_is_indexed_as_text(self, db):
        article = make_article(title="标题", body="<p>海洋&amp;<strong>经济</strong></p>")
        assert document(article).body_tokens.split() == ["海洋", "洋", "经济", "济"]


class TestQueryTokens:
    def test_a_chinese_word_needs_all_its_bigrams(self):
        assert search_index.query_tokens(["人工智能"]) == [
            search_index.QueryToken("人工"),
            search_index.QueryToken("工智"),
            search_index.QueryToken("智能"),
        ]

    def test_latin_pieces_are_prefixes(self):
        assert search_index.query_tokens(["2121.hk"]) == [
            search_index.QueryToken("2121", prefix=True),
            search_index.QueryToken("hk", prefix=True),
        ]

    def test_a_one_character_word_is_looked_for_in_titles_only(self):
        assert search_index.query_tokens(["区"]) == [search_index.QueryToken("区", prefix=True, title_only=True)]
        assert search_index.query_tokens(["A股"]) == [
            search_index.QueryToken("a", prefix=True),
            search_index.QueryToken("股", prefix=True),
        ]

    def test_repeated_tokens_are_asked_once(self):
        assert len(search_index.query_tokens(["啊啊啊啊", "啊啊"])) == 1

    def test_both_query_languages(self):
        tokens = search_index.query_tokens(["人工", "2121", "区"])
        assert search_index.tsquery(tokens) == "人工 & 2121:* & 区:*"
        assert search_index.tsquery(tokens, "|") == "人工 | 2121:* | 区:*"
        assert search_index.fts5_query(tokens, "park") == (
            'kind : "park" AND {title_tokens body_tokens} : "人工" AND {title_tokens body_tokens} : "2121"*'
            ' AND title_tokens : "区"*'
        )

    @pytest.mark.parametrize("term", ["海洋", "区", "2121", "AInnovation", "ＡＩ"])
    def test_a_word_of_one_token_is_proved_by_the_index(self, term):
        assert search_index.proves(term)

    @pytest.mark.parametrize("term", ["人工智能", "2121.HK", "A股", "x" * 17, "ﬁ"])
    def test_other_words_are_checked_on_the_text(self, term):
        assert not search_index.proves(term)

    def test_every_substring_is_found_through_the_tokens(self):
        """The index never loses a match: any substring's query tokens are all among its text's tokens."""
        rng = random.Random(5)
        alphabet = "人工智能海洋产业园区青岛港AIai2121.HK-，。 "
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
            start = rng.randrange(len(text))
            term = search._EDGE.sub("", text[start : start + rng.randint(1, 8)])
            if not term:
                continue
            tokens = search_index.document_tokens(text)
            for token in search_index.query_tokens([term]):
                if token.prefix:
                    assert any(t.startswith(token.text) for t in tokens), (text, term, token)
                else:
                    assert token.text in tokens, (text, term, token)

    def test_a_word_the_index_proves_is_really_there(self):
        rng = random.Random(6)
        alphabet = "人工智能海洋产业园区AIai21.，"
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
            term = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 2)))
            if not search_index.proves(term):
                continue
            tokens = search_index.document_tokens(text)
            matched = all(
                any(t.startswith(token.text) for t in tokens) if token.prefix else token.text in tokens
                for token in search_index.query_tokens([term])
            )
            assert matched == (term.lower() in text.lower()), (text, term)


@postgresql_only
def test_postgresql_keeps_every_token_whole(db):
    """The 'simple' parser must neither split nor merge our tokens, whatever the script."""
    text = "人工智能 2121.HK AInnovation 5G ab1c 1e5 0x1f café кот ٣٤ ß ソフト 한국 〇 Ⅻ ①"
    tokens = search_index.document_tokens(text)
    with connection.cursor() as cursor:
        cursor.execute("SELECT array_agg(lexeme) FROM unnest(to_tsvector('simple', %s))", [" ".join(tokens)])
        assert set(cursor.fetchone()[0]) == set(tokens)


# --------------------------------------------------------------------------
# Keeping the index up to date
# --------------------------------------------------------------------------


@pytest.mark.django_db
class TestIndexEntries:
    def test_an_article_is_indexed_on_save_and_forgotten_on_delete(self):
        article = make_article(title="海洋经济", summary="蓝色", body="<p>港口</p>", original_title="原题")
        entry = document(article)
        assert entry.title_tokens == "海洋 洋经 经济 济"
        assert entry.body_tokens == "蓝色 色 港口 口"  # not the original headline: no result shows it
        # No English version: the English page shows the Chinese texts, and finds them.
        assert (entry.title_tokens_en, entry.body_tokens_en) == (entry.title_tokens, entry.body_tokens)
        article.title = "人工智能"
        article.save()
        assert document(article).title_tokens == "人工 工智 智能 能"
        pk = article.pk
        article.delete()
        assert not SearchDocument.objects.filter(object_id=pk, kind="article").exists()

    def test_parks_and_enterprises_index_their_names_as_titles(self):
        park = make_park(name="青岛高新区", name_en="Hi-tech Zone", aliases="高新区", summary="园区")
        enterprise = make_enterprise(name="卡奥斯物联科技股份有限公司", short_name="卡奥斯", stock_code="2121")
        assert document(park).body_tokens == "园区 区"
        # The English name on English pages only; the Chinese name on both (under the English one).
        assert "hi" not in document(park).title_tokens.split()
        assert {"hi", "青岛"} <= set(document(park).title_tokens_en.split())
        assert {"卡奥", "奥斯", "2121"} <= set(document(enterprise).title_tokens.split())
        enterprise.delete()
        park.delete()
        assert not SearchDocument.objects.exists()

    def test_a_save_that_changes_no_indexed_field_does_not_write(self, django_assert_num_queries):
        article = make_article(title="海洋经济")
        article.featured = True
        with django_assert_num_queries(0):
            search_index.index_object(article, update_fields=["featured"])
        with django_assert_num_queries(1):  # one upsert
            search_index.index_object(article, update_fields=["title"])

    def test_drafts_are_indexed_but_never_found(self):
        draft = make_article(title="海洋草稿", published=False)
        make_article(title="明日海洋新闻", when=hours_ago(-24))
        assert SearchDocument.objects.filter(object_id=draft.pk).exists()
        assert titles("海洋") == []
        draft.status = Status.PUBLISHED
        draft.save()
        assert titles("海洋") == ["海洋草稿"]

    def test_a_rename_shows_at_once(self):
        article = make_article(title="青岛港口新闻")
        assert titles("港口") == ["青岛港口新闻"]
        article.title = "胶州湾航运动态"
        article.save()
        assert titles("港口") == []
        assert titles("航运") == ["胶州湾航运动态"]

    def test_demo_fixtures_loaded_with_raw_saves_are_indexed(self):
        call_command("load_demo", stdout=StringIO())
        assert SearchDocument.objects.filter(kind="article").count() == Article.objects.count() > 0


# --------------------------------------------------------------------------
# The search goes through the index
# --------------------------------------------------------------------------


@pytest.mark.django_db
class TestSearchThroughTheIndex:
    def test_an_object_missing_from_the_index_is_not_found(self):
        make_article(title="海洋经济")
        assert titles("海洋") == ["海洋经济"]
        SearchDocument.objects.all().delete()
        assert titles("海洋") == []

    def test_bigrams_found_apart_are_not_a_match(self):
        make_article(title="工智慧城", body="<p>智能制造</p>")  # 工智 and 智能, but not 工智能
        make_article(title="人工智能", when=hours_ago(2))
        assert titles("工智能") == ["人工智能"]

    def test_title_matches_rank_above_body_only_matches(self):
        make_article(title="园区动态", body="<p>" + "海洋经济。" * 20 + "</p>", when=hours_ago(1))
        make_article(title="海洋经济十年", body="<p>正文。</p>", when=hours_ago(48))
        make_article(title="海洋之窗", body="<p>海洋经济</p>", when=hours_ago(24))
        assert titles("海洋经济")[0] == "海洋经济十年"
        ranked = titles("海洋 经济")
        assert ranked[0] == "海洋经济十年"  # both words in the title
        assert ranked[1] == "海洋之窗"  # one word in the title
        assert ranked[2] == "园区动态"  # body only, however often

    def test_parks_and_enterprises_rank_name_matches_first(self):
        make_park(name="青岛园区", summary="海洋牧场")
        make_park(name="青岛海洋科学园", summary="园区")
        make_enterprise(name="海洋发展集团有限公司", short_name="海发")
        make_enterprise(name="青岛港集团有限公司", summary="海洋运输")
        assert [p.name for p in found(search.parks, "海洋")] == ["青岛海洋科学园", "青岛园区"]
        assert [e.name for e in found(search.enterprises, "海洋")][0] == "海洋发展集团有限公司"

    def test_latin_words_numbers_and_stock_codes_match_inside_words(self):
        make_enterprise(name="创新奇智", name_en="AInnovation", stock_code="2121.HK", summary="成立于2018年")
        assert [e.name for e in found(search.enterprises, "2121")] == ["创新奇智"]
        assert found(search.enterprises, "novation") == []  # an English name: not on Chinese pages
        assert [e.name for e in search.enterprises(search.parse("novation"), english=True)] == ["创新奇智"]
        assert [e.name for e in found(search.enterprises, "018")] == ["创新奇智"]
        assert found(search.enterprises, "2122") == []

    def test_a_one_character_word_matches_titles_and_names_only(self):
        make_article(title="青岛港吞吐量创新高")
        make_article(title="园区动态", body="<p>港口繁忙。</p>")
        assert titles("港") == ["青岛港吞吐量创新高"]
        assert titles("港口") == ["园区动态"]

    def test_every_word_must_be_there(self):
        make_article(title="高新区人工智能产业规模突破120亿元")
        make_article(title="高新区新闻")
        assert titles("高新区 120") == ["高新区人工智能产业规模突破120亿元"]
        assert titles("高新区 121") == []

    def test_the_search_costs_one_query_per_count_and_per_page(self, django_assert_num_queries):
        for i in range(30):
            make_article(title=f"海洋新闻{i}")
        results = search.articles(search.parse("海洋 新闻"))
        with django_assert_num_queries(2):
            assert results.count() == 30
            assert len(list(results[:20])) == 20


@pytest.fixture
def many_articles(db):
    """About 2,000 articles written the bulk way (no signals), then indexed by the rebuild."""
    rng = random.Random(3)
    words = ["海洋经济", "人工智能", "工业互联网", "园区", "招商", "青岛", "产业", "项目", "签约", "投资"]
    now = hours_ago(1)
    Article.objects.bulk_create(
        Article(
            title=f"{rng.choice(words)}{rng.choice(words)}动态{i}",
            slug=f"bulk-{i}",
            body="<p>" + "，".join(rng.choice(words) for _ in range(40)) + "</p>",
            status=Status.PUBLISHED,
            published_at=now,
        )
        for i in range(2000)
    )
    make_article(title="胶州湾隧道通车", body="<p>海底隧道。</p>")
    assert SearchDocument.objects.count() == 1  # bulk_create sends no signal
    search_index.rebuild()
    return 2001


@postgresql_only
def test_postgresql_answers_from_the_gin_index(many_articles):
    # No planner switches: with 2,000 entries and fresh statistics, PostgreSQL prefers the
    # index for a rare word on its own. The rebuild analyzes the index table; the articles
    # are analyzed here as autovacuum would (it cannot see this test's uncommitted rows).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")
    results = search.articles(search.parse("隧道"))
    plan = results.explain()
    assert "Bitmap Index Scan on searchdocument_article_gin" in plan, plan
    assert "Seq Scan" not in plan, plan
    assert [a.title for a in results] == ["胶州湾隧道通车"]
    # A word of one character goes to the titles' index.
    plan = search.articles(search.parse("隧")).explain()
    assert "Bitmap Index Scan on searchdocument_article_title_gin" in plan, plan


@sqlite_only
def test_sqlite_answers_from_the_fts5_table(many_articles):
    results = search.articles(search.parse("隧道"))
    plan = results.explain()
    assert "bureau_searchdocument_fts VIRTUAL TABLE INDEX" in plan, plan
    assert "SCAN news_article" not in plan, plan  # articles are looked up by primary key
    assert [a.title for a in results] == ["胶州湾隧道通车"]


@pytest.mark.parametrize("text", ["海洋经济", "园区 投资", "动态1", "互联网 海洋 青岛", "海"])
def test_the_index_finds_exactly_what_a_substring_scan_finds(many_articles, text):
    query = search.parse(text)
    fields = ("title",) if text == "海" else ("title", "summary", "body", "original_title")
    scan = Article.objects.published()
    for term in query.terms:
        scan = scan.filter(reduce(or_, (Q(**{f"{name}__icontains": term}) for name in fields)))
    results = search.articles(query)
    assert results.count() == scan.count() > 0
    assert set(results.values_list("pk", flat=True)) == set(scan.values_list("pk", flat=True))
    # Titles holding every word first.
    in_titles = scan.filter(reduce(and_, (Q(title__icontains=term) for term in query.terms))).count()
    ranked = [a.title for a in results[: in_titles + 5]]
    assert all(all(term in title for term in query.terms) for title in ranked[:in_titles])
    assert not any(all(term in title for term in query.terms) for title in ranked[in_titles:])


# --------------------------------------------------------------------------
# rebuild_search_index
# --------------------------------------------------------------------------


@pytest.mark.django_db
class TestRebuildCommand:
    def test_indexes_what_bulk_create_wrote_and_drops_entries_of_deleted_objects(self):
        make_article(title="旧文章")
        SearchDocument.objects.create(kind="article", object_id=999_999, title_tokens="孤儿")
        Article.objects.bulk_create(
            [Article(title="海洋经济", slug="bulk", body="<p>正文</p>", status=Status.PUBLISHED)]
        )
        assert titles("海洋") == []
        out = StringIO()
        call_command("rebuild_search_index", stdout=out)
        assert "Indexed 2 articles, 0 parks, 0 enterprises" in out.getvalue()
        assert titles("海洋") == ["海洋经济"]
        assert not SearchDocument.objects.filter(object_id=999_999).exists()

    def test_the_search_page_shows_what_a_rebuild_indexed(self, client, django_capture_on_commit_callbacks):
        kept = make_article(title="海洋牧场", when=hours_ago(2))
        assert kept.get_absolute_url() in client.get("/search/?q=海洋").text  # counts and first results now kept
        Article.objects.bulk_create(
            [
                Article(
                    title="海洋经济",
                    slug="bulk",
                    body="<p>正文</p>",
                    status=Status.PUBLISHED,
                    published_at=hours_ago(1),
                )
            ]
        )  # no signal: neither indexed nor a new content generation
        assert "/news/bulk/" not in client.get("/search/?q=海洋").text
        with django_capture_on_commit_callbacks(execute=True):
            call_command("rebuild_search_index", stdout=StringIO())
        text = client.get("/search/?q=海洋").text
        assert "/news/bulk/" in text and kept.get_absolute_url() in text

    def test_dry_run_writes_nothing(self):
        Article.objects.bulk_create(
            [Article(title="海洋经济", slug="bulk", body="<p>正文</p>", status=Status.PUBLISHED)]
        )
        out = StringIO()
        call_command("rebuild_search_index", "--dry-run", stdout=out)
        assert "Would index 1 articles" in out.getvalue() and "Dry run" in out.getvalue()
        assert not SearchDocument.objects.exists()

    def test_small_batches_give_the_same_index(self):
        for i in range(5):
            make_article(title=f"海洋{i}")
        before = sorted(SearchDocument.objects.values_list("object_id", "title_tokens", "body_tokens"))
        call_command("rebuild_search_index", "--batch-size", "2", "-v", "2", stdout=StringIO())
        assert sorted(SearchDocument.objects.values_list("object_id", "title_tokens", "body_tokens")) == before

    def test_a_database_error_leaves_the_index_as_it_was(self, monkeypatch):
        from django.db import DatabaseError

        make_article(title="海洋经济")

        def refuse(*args, **kwargs):
            raise DatabaseError("disk full")

        monkeypatch.setattr(search_index, "_write", refuse)
        with pytest.raises(CommandError, match="left as it was: disk full"):
            call_command("rebuild_search_index")
        assert titles("海洋") == ["海洋经济"]

    def test_a_bad_batch_size_is_refused(self):
        with pytest.raises(CommandError, match="--batch-size must be 1 or more"):
            call_command("rebuild_search_index", "--batch-size", "0")

    def test_has_help(self):
        from search.management.commands.rebuild_search_index import Command

        assert "bulk loads" in Command.help
