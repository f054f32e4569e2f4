"""Synthetic content at benchmark scale, for `manage.py generate_demo_data`.

This is not the demo (that is ``fixtures/``): it is a large, plausible,
clearly synthetic data set for measuring pages and queries. Names, titles and
bodies are composed from the phrase banks in vocabulary.py, so nothing here describes a
real park, company or event.

Every generated object is recognisable by its slug: ``scale-article-000001``,
``scale-park-0001``, ``scale-enterprise-00001`` (prefix and a fixed number of
digits). That is what ``delete_generated`` matches, so content made by
editors, fixtures or the importer is never touched.

Rows are written with ``bulk_create`` (through-model rows for tags and links
too), in batches, so memory stays flat whatever the counts. ``bulk_create``
skips ``Model.save()`` and the ``pre_save`` signal that sanitizes HTML: the
bodies built here are plain ``<p>``/``<h2>`` markup with text that needs no
escaping, and the tests check that ``sanitize`` leaves them unchanged.

All choices go through index-based specs and a seeded ``random.Random`` per
phase; database ids are only attached when rows are written. The same code
therefore runs for a dry run (a sink that hands out fake ids and writes
nothing) and for a real run, and a given seed gives the same content.
"""

import random
from datetime import timedelta

from django.utils import timezone
from taggit.models import Tag

from content.models import Status
from demo.scale.articles import ArticlesMixin
from demo.scale.places import PlacesMixin
from demo.scale.plan import TEN_YEARS
from demo.scale.text import cum, distinct_indices, zipf
from demo.scale.vocabulary import DISTRICTS, INDUSTRIES, VOCABULARY
from parks.models import Qualification


class Generator(PlacesMixin, ArticlesMixin):
    def __init__(self, plan, sink, progress=None, now=None):
        self.plan = plan
        self.sink = sink
        self.progress = progress or (lambda *args: None)
        # Whole seconds, so that two runs a moment apart with the same seed agree.
        self.now = (now or timezone.now()).replace(microsecond=0)
        self.district_weights = cum([d[2] for d in DISTRICTS])
        self.industry_weights = zipf(len(INDUSTRIES), exponent=0.8, offset=3)
        self.tag_weights = zipf(len(VOCABULARY), exponent=0.9, offset=2)
        # Parks later in the list are smaller: the largest after the flagship holds
        # a few hundred enterprises, the median a few dozen.
        self.park_weights = zipf(max(plan.parks, 1), exponent=0.5, offset=3)
        self.other_park_weights = zipf(max(plan.parks - 1, 1), exponent=0.5, offset=3)
        self.enterprise_weights = zipf(max(plan.enterprises, 1), exponent=0.6, offset=10)
        self.parks, self.enterprises = [], []
        self.park_pks, self.enterprise_pks = [], []
        self.latest_article_for_park, self.latest_article_for_enterprise = {}, {}

    def rng(self, phase):
        # One stream per phase, derived from the seed: adding a random draw to one
        # phase does not reshuffle the others.
        return random.Random(f"{self.plan.seed}:{phase}")

    def run(self):
        self.tag_pks = self._tags()
        self.qualification_pks = dict(Qualification.objects.values_list("slug", "pk"))
        self._generate_parks()
        self._generate_enterprises()
        self._assign_operators()
        self._generate_articles()
        self._generate_figures()
        return self.sink.created

    # -- publication -------------------------------------------------------

    def _publication(self, rng, draft, scheduled, recent_bias=1.5):
        """(status, published_at): mostly published over the last ten years, some drafts, a few scheduled."""
        roll = rng.random()
        if roll < scheduled:
            return Status.PUBLISHED, self.now + timedelta(seconds=rng.randint(3600, 90 * 24 * 3600))
        when = self.now - timedelta(seconds=int(60 + TEN_YEARS * rng.random() ** recent_bias))
        return (Status.DRAFT if roll < scheduled + draft else Status.PUBLISHED), when

    def _tags_for(self, rng, primary_tag, first_object):
        k = rng.randint(2, 5)
        chosen = distinct_indices(rng, self.tag_weights, k, first=primary_tag)
        if first_object and 0 not in chosen:
            # The first object of each kind carries the most common tag, so even a
            # tiny data set has one tag that gathers all three kinds.
            chosen[-1] = 0
        return chosen

    # -- tags --------------------------------------------------------------

    def _tags(self):
        """The shared vocabulary: existing tags of the same name are reused, never changed."""
        existing = {name.casefold(): pk for name, pk in Tag.objects.values_list("name", "pk")}
        pks = []
        for name in VOCABULARY:
            pk = existing.get(name.casefold())
            if pk is None:
                if self.sink.writes:
                    pk = Tag.objects.create(name=name).pk
                else:
                    pk = -len(pks) - 1
                self.sink.created["taggit.Tag"] += 1
            pks.append(pk)
        return pks
