"""Generated articles, and the figures that cite them."""

import time
from datetime import timedelta

from content.models import Status
from demo.scale.plan import SLUG_FORMATS
from demo.scale.sinks import Buffer
from demo.scale.text import Deck, Filler, decimal, distinct_indices, fill, pick, pick_index
from demo.scale.vocabulary import (
    CLOSINGS,
    DISTRICTS,
    ENTERPRISE_FIGURES,
    GIVEN_NAMES,
    HEADINGS,
    INDUSTRIES,
    LEAD_ENTERPRISE,
    LEAD_GENERAL,
    LEAD_PARK,
    OUTLETS,
    PARK_FIGURES,
    SENTENCES_ENTERPRISE,
    SENTENCES_GENERAL,
    SENTENCES_PARK,
    SURNAMES,
    TITLES_ENTERPRISE,
    TITLES_GENERAL,
    TITLES_PARK,
    VOCABULARY,
)
from news.models import Article, TaggedArticle
from parks.models import EnterpriseFigure, ParkFigure


class ArticlesMixin:
    """The generator's articles and figures phases (see ``Generator``)."""

    # -- articles ----------------------------------------------------------

    def _article_spec(self, rng, index):
        status, published_at = self._publication(rng, draft=0.08, scheduled=0.03, recent_bias=1.3)
        public = status == Status.PUBLISHED and published_at <= self.now
        local = published_at + timedelta(hours=8)  # Beijing time, for the dates in the text
        parks = []
        if self.parks:
            k = pick(rng, [0, 1, 2, 3], [30, 40, 20, 10])
            parks = distinct_indices(rng, self.park_weights, k)
        enterprises = []
        if self.enterprises:
            k = min(len(self.enterprises), pick(rng, [0, 1, 2, 3, 4, 5], [25, 30, 20, 12, 8, 5]))
            while len(enterprises) < k:
                members = self.parks[parks[0]].members if parks else None
                if members and rng.random() < 0.6:
                    candidate = rng.choice(members)
                else:
                    candidate = pick_index(rng, self.enterprise_weights)
                if candidate not in enterprises:
                    enterprises.append(candidate)
        if enterprises and rng.random() < 0.6:
            industry = self.enterprises[enterprises[0]].industry
        elif parks:
            industry = rng.choice(self.parks[parks[0]].industries)
        else:
            industry = pick_index(rng, self.industry_weights)
        if parks:
            district = self.parks[parks[0]].district
        elif enterprises:
            district = self.enterprises[enterprises[0]].district
        else:
            district = pick_index(rng, self.district_weights)
        tag, _, _, products, _ = INDUSTRIES[industry]
        district_name = DISTRICTS[district][1]
        park_name = self.parks[parks[0]].name if parks else ""
        ent_name = self.enterprises[enterprises[0]].short_name if enterprises else ""
        values = Filler(rng, local.year, district=district_name, industry=tag, product=rng.choice(products),
                         park=park_name, ent=ent_name, park_or_district=park_name or district_name)  # fmt: skip

        title_pools = [TITLES_GENERAL]
        lead_pools = [LEAD_GENERAL]
        sentences = list(SENTENCES_GENERAL)
        if parks:
            title_pools.append(TITLES_PARK)
            lead_pools.append(LEAD_PARK)
            sentences += SENTENCES_PARK
        if enterprises:
            title_pools += [TITLES_ENTERPRISE, TITLES_ENTERPRISE]
            lead_pools.append(LEAD_ENTERPRISE)
            sentences += SENTENCES_ENTERPRISE
        deck = Deck(rng, sentences)
        title = fill(rng, rng.choice(title_pools), values)
        lead = fill(rng, rng.choice(lead_pools), values)

        # A lead, then up to three sections (some under a subheading), then a closing line:
        # from a few hundred to about two thousand characters.
        blocks = [f"<p>{lead}{deck.deal(values)}</p>"]
        headings = rng.sample(HEADINGS, 3)
        with_headings = rng.random() < 0.5
        for section in range(rng.randint(1, 3)):
            if with_headings:
                blocks.append(f"<h2>{headings[section]}</h2>")
            for _ in range(rng.randint(1, 3)):
                blocks.append(f"<p>{''.join(deck.deal(values) for _ in range(rng.randint(2, 4)))}</p>")
        blocks.append(f"<p>{fill(rng, CLOSINGS, values)}</p>")

        outlet = pick(rng, *OUTLETS)
        author = ""
        if outlet and rng.random() < 0.8:
            author = f"记者 {rng.choice(SURNAMES)}{rng.choice(GIVEN_NAMES)}"
            if rng.random() < 0.4:
                author += f" 通讯员 {rng.choice(SURNAMES)}{rng.choice(GIVEN_NAMES)}"
        article = Article(
            title=title,
            slug=SLUG_FORMATS[Article].format(index + 1),
            summary=lead,
            body="\n".join(blocks),
            source_outlet=outlet,
            source_date=(local - timedelta(days=rng.choice([0, 0, 0, 1]))).date() if outlet else None,
            author=author,
            featured=public and rng.random() < 0.03,
            status=status,
            published_at=published_at,
        )
        primary = VOCABULARY.index(tag)
        tags = self._tags_for(rng, primary, index == 0)
        return article, parks, enterprises, tags, public

    def _generate_articles(self):
        count = self.plan.articles
        if not count:
            return
        rng = self.rng("articles")
        size = self.plan.batch_size * 5
        tagged = Buffer(self.sink, TaggedArticle, size)
        park_links = Buffer(self.sink, Article.parks.through, size)
        enterprise_links = Buffer(self.sink, Article.enterprises.through, size)
        started = time.monotonic()
        step = max(self.plan.batch_size, count // 20)
        for start in range(0, count, self.plan.batch_size):
            batch = [self._article_spec(rng, index) for index in range(start, min(count, start + self.plan.batch_size))]
            self.sink.create(Article, [spec[0] for spec in batch])
            for article, parks, enterprises, tags, public in batch:
                for tag in tags:
                    tagged.add(TaggedArticle(content_object_id=article.pk, tag_id=self.tag_pks[tag]))
                for park in parks:
                    park_links.add(Article.parks.through(article_id=article.pk, park_id=self.park_pks[park]))
                    if public:
                        self.latest_article_for_park[park] = article.pk
                for enterprise in enterprises:
                    enterprise_links.add(
                        Article.enterprises.through(
                            article_id=article.pk, enterprise_id=self.enterprise_pks[enterprise]
                        )
                    )
                    if public:
                        self.latest_article_for_enterprise[enterprise] = article.pk
            done = min(count, start + self.plan.batch_size)
            if done % step < self.plan.batch_size or done == count:
                self.progress("articles", done, count, time.monotonic() - started)
        for buffer in (tagged, park_links, enterprise_links):
            buffer.flush()

    # -- figures -----------------------------------------------------------

    def _figures(self, rng, model, owner_field, owner_pks, bank, how_many, sources):
        buffer = Buffer(self.sink, model, self.plan.batch_size * 5)
        for index, owner_pk in enumerate(owner_pks):
            k = how_many(index)
            if not k:
                continue
            for position, (label, label_en, unit, (low, high)) in enumerate(rng.sample(bank, k)):
                value = rng.uniform(low, high)
                value = decimal(value, 0 if unit in ("家", "人", "件") else 2)
                source = sources.get(index) if rng.random() < 0.7 else None
                buffer.add(
                    model(
                        **{f"{owner_field}_id": owner_pk},
                        label=label,
                        label_en=label_en,
                        value=value,
                        qualifier=rng.choice(
                            [ParkFigure.Qualifier.EXACT] * 6 + [ParkFigure.Qualifier.OVER, ParkFigure.Qualifier.ABOUT]
                        ),
                        unit=unit,
                        year=rng.randint(max(2015, self.now.year - 9), self.now.year - 1),
                        source_article_id=source,
                        position=position,
                    )
                )
        buffer.flush()

    def _generate_figures(self):
        rng = self.rng("figures")
        self._figures(rng, ParkFigure, "park", self.park_pks, PARK_FIGURES,
                      lambda i: rng.randint(2, 4), self.latest_article_for_park)  # fmt: skip
        self._figures(rng, EnterpriseFigure, "enterprise", self.enterprise_pks, ENTERPRISE_FIGURES,
                      lambda i: rng.randint(1, 3) if i == 0 or rng.random() < 0.5 else 0,
                      self.latest_article_for_enterprise)  # fmt: skip
