"""Random choices and text templates for the synthetic content."""

from bisect import bisect_right
from decimal import Decimal
from itertools import accumulate

from pypinyin import Style, lazy_pinyin

from demo.scale.vocabulary import ENTERPRISE_AWARDS, INDUSTRIES, PARK_AWARDS, PERIODS

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def cum(weights):
    return list(accumulate(weights))


def zipf(n, exponent=1.0, offset=2):
    return cum([1 / (rank + offset) ** exponent for rank in range(n)])


def pick(rng, population, weights):
    return rng.choices(population, weights)[0]


def pick_index(rng, cum_weights):
    return bisect_right(cum_weights, rng.random() * cum_weights[-1])


def distinct_indices(rng, cum_weights, k, first=None):
    """``k`` distinct indices drawn with ``cum_weights`` (``first`` included first when given)."""
    k = min(k, len(cum_weights))
    chosen = [first] if first is not None else []
    while len(chosen) < k:
        index = pick_index(rng, cum_weights)
        if index not in chosen:
            chosen.append(index)
    return chosen


def decimal(value, places):
    return Decimal(f"{value:.{places}f}")


def pinyin_title(text):
    return "".join(lazy_pinyin(text, style=Style.NORMAL)).capitalize()


class Filler(dict):
    """Template values: names are fixed per text, numbers are drawn afresh on each use."""

    def __init__(self, rng, year, **names):
        super().__init__(year=year, **names)
        self.rng = rng
        self.base_year = year

    def __missing__(self, key):
        r = self.rng
        match key:
            case "n":
                return r.randint(5, 120)
            case "n_small":
                return r.randint(2, 30)
            case "money":
                return r.choice([r.randint(10, 500), round(r.uniform(1, 99), 1)])
            case "money_small":
                return round(r.uniform(0.5, 20), 1)
            case "pct":
                return round(r.uniform(3, 45), 1)
            case "pct_small":
                return round(r.uniform(3, 15), 1)
            case "pp":
                return round(r.uniform(0.5, 8), 1)
            case "yield_rate":
                return round(r.uniform(95, 99.9), 1)
            case "mu":
                return r.randint(20, 800)
            case "month":
                return r.randint(1, 12)
            case "next_year":
                return self.base_year + r.randint(1, 3)
            case "period":
                return r.choice(PERIODS).replace("{m}", str(r.randint(2, 11)))
            case "park_award":
                return r.choice(PARK_AWARDS)
            case "ent_award":
                return r.choice(ENTERPRISE_AWARDS)
            case "scale":
                return r.choice(["百", "两百", "三百", "五百", "千"])
            case "industry2":
                return r.choice(INDUSTRIES)[0]
        raise KeyError(key)


def fill(rng, templates, values):
    return rng.choice(templates).format_map(values)


class Deck:
    """Templates dealt without repeats (until the deck runs out), so a text never says the same thing twice."""

    def __init__(self, rng, templates):
        self.rng, self.templates, self.cards = rng, templates, []

    def deal(self, values):
        if not self.cards:
            self.cards = list(self.templates)
            self.rng.shuffle(self.cards)
        return self.cards.pop().format_map(values)
