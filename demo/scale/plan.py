"""What to generate, and how generated rows are named (the slugs that tell them apart)."""

from dataclasses import dataclass, field

from news.models import Article
from parks.models import Enterprise, Park

# Upper limits keep the slug numbers at a fixed width (and typos from filling a disk).
LIMITS = {"articles": 1_000_000, "parks": 10_000, "enterprises": 100_000}
SLUG_FORMATS = {Article: "scale-article-{:06d}", Park: "scale-park-{:04d}", Enterprise: "scale-enterprise-{:05d}"}
SLUG_PATTERNS = {
    Article: r"^scale-article-[0-9]{6}$",
    Park: r"^scale-park-[0-9]{4}$",
    Enterprise: r"^scale-enterprise-[0-9]{5}$",
}

# The benchmark needs one park detail page with about two hundred enterprises:
# the first park (scale-park-0001) gets exactly this many as their main park.
FLAGSHIP_MEMBERS = 200

TEN_YEARS = 10 * 365 * 24 * 3600


@dataclass
class ParkInfo:
    name: str
    district: int  # index into DISTRICTS
    industries: list
    members: list = field(default_factory=list)  # enterprise indices


@dataclass
class EnterpriseInfo:
    short_name: str
    district: int
    industry: int
    parks: list  # park indices


@dataclass
class Plan:
    articles: int
    parks: int
    enterprises: int
    seed: int
    batch_size: int = 1000
