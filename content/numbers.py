"""Figures for English readers: 25 亿元 → CNY 2.5 billion, 1.5 万 → 15,000, 326 家 → 326 companies.

Chinese sources count in 万 (10⁴) and 亿 (10⁸); English readers count in
thousands, millions and billions, and read no Chinese unit. This is the one
place that converts, so the pages, the admin's check of a unit and the tests
agree. Chinese pages never come here: they show the source's own form.

The rules, kept few so that an editor can predict the result:

- A unit is an optional multiplier (千, 万, 十万, 百万, 千万, 亿, 十亿, 百亿, 千亿,
  万亿), a base unit, and an optional rate (/年, /月, /日). The multiplier is
  multiplied out, exactly, never rounded.
- From a million up, the number is written with a scale word (2.5 billion)
  when that needs at most three decimals; otherwise, and below a million, it
  is written in full with thousands separators (123,400; 1,234,567).
- Money puts its ISO code first (CNY 30 million); a count takes an English
  noun, singular for exactly one (1 company, 2 companies); a measure takes its
  symbol (m², km²); a classifier whose noun is the label itself (个, 只, 件)
  leaves the number alone. A unit without Chinese characters (P, TEU) is
  already English and is kept as written.
- An English unit typed by an editor wins: it is the editor's wording, and
  it follows the number as stored (value 25, English unit "PFLOPS" → 25
  PFLOPS), with no multiplier applied. A multiplier unit is best left to the
  converter for that reason.
- A Chinese unit the converter does not know gives the number alone, never a
  Chinese character; ``understands()`` lets the admin refuse such a unit
  without an English one, and a test keeps the demo data convertible.
"""

import re
from decimal import Decimal
from typing import NamedTuple

HAN = re.compile(r"[\u3400-\u9fff]")


class EnglishUnit(NamedTuple):
    singular: str = ""
    plural: str = ""
    currency: str = ""  # an ISO code, written before the number
    attached: bool = False  # written without a space: 2.5%


def _noun(singular, plural):
    return EnglishUnit(singular, plural)


def _symbol(symbol, attached=False):
    return EnglishUnit(symbol, symbol, attached=attached)


# Longest first, so that 千万 is not read as 千 followed by 万.
MULTIPLIERS = (
    ("万亿", 12), ("千亿", 11), ("百亿", 10), ("十亿", 9), ("亿", 8),
    ("千万", 7), ("百万", 6), ("十万", 5), ("万", 4), ("千", 3),
)  # fmt: skip

RATES = {"/年": " a year", "/月": " a month", "/日": " a day", "/天": " a day"}

BARE = EnglishUnit()

# Base units as sources write them. Units that start with a multiplier's character (千瓦, 千克) are looked up
# whole first, so they are never split.
BASE_UNITS = {
    "": BARE,
    # Money: the ISO code first.
    "元": EnglishUnit(currency="CNY"),
    "人民币": EnglishUnit(currency="CNY"),
    "美元": EnglishUnit(currency="USD"),
    "欧元": EnglishUnit(currency="EUR"),
    "港元": EnglishUnit(currency="HKD"),
    "港币": EnglishUnit(currency="HKD"),
    "日元": EnglishUnit(currency="JPY"),
    "英镑": EnglishUnit(currency="GBP"),
    # Counts: the thing counted.
    "家": _noun("company", "companies"),
    "名": _noun("person", "people"),
    "人": _noun("person", "people"),
    "位": _noun("person", "people"),
    "人次": _noun("visit", "visits"),
    "户": _noun("household", "households"),
    "项": _noun("item", "items"),
    "所": _noun("institution", "institutions"),
    "栋": _noun("building", "buildings"),
    "幢": _noun("building", "buildings"),
    "次": _noun("time", "times"),
    "倍": _noun("times", "times"),
    "年": _noun("year", "years"),
    "个月": _noun("month", "months"),
    "天": _noun("day", "days"),
    "吨": _noun("tonne", "tonnes"),
    "亩": _noun("mu", "mu"),
    # Classifiers whose noun is the figure's label ("运营产业园区 14个": Industrial parks operated: 14).
    "个": BARE,
    "只": BARE,
    "件": BARE,
    "座": BARE,
    "处": BARE,
    "条": BARE,
    "台": BARE,
    "套": BARE,
    "支": BARE,
    "批": BARE,
    # Measures: their symbols.
    "%": _symbol("%", attached=True),
    "％": _symbol("%", attached=True),
    "‰": _symbol("‰", attached=True),
    "平方米": _symbol("m²"),
    "平米": _symbol("m²"),
    "平方公里": _symbol("km²"),
    "平方千米": _symbol("km²"),
    "公顷": _symbol("ha"),
    "立方米": _symbol("m³"),
    "公里": _symbol("km"),
    "千米": _symbol("km"),
    "米": _symbol("m"),
    "千克": _symbol("kg"),
    "公斤": _symbol("kg"),
    "千瓦": _symbol("kW"),
    "兆瓦": _symbol("MW"),
    "千瓦时": _symbol("kWh"),
    "度": _symbol("kWh"),
}

SCALE_WORDS = ((12, "trillion"), (9, "billion"), (6, "million"))


class _Parsed(NamedTuple):
    exponent: int
    english: EnglishUnit
    rate: str


def _base(text):
    if text in BASE_UNITS:
        return BASE_UNITS[text]
    if not HAN.search(text):
        return _symbol(text.strip())  # already English: P, TEU, kWh
    return None


def _parse(unit):
    unit = (unit or "").strip()
    rate = ""
    for suffix, english in RATES.items():
        if unit.endswith(suffix):
            unit, rate = unit[: -len(suffix)], english
            break
    for prefix, exponent in (("", 0), *MULTIPLIERS):
        if unit.startswith(prefix):
            english = _base(unit[len(prefix) :])
            if english is not None:
                return _Parsed(exponent, english, rate)
    return None


def understands(unit):
    """Whether English pages can show ``unit`` without an editor's English unit."""
    return _parse(unit) is not None


def plain_number(value):
    """A number in full, with thousands separators and no trailing zeros: 15,000 and 2.5."""
    return f"{_decimal(value).normalize():,f}"


def english_number(value):
    """A number as English prose writes it: 2.5 billion from a million up when that is exact, else in full."""
    amount = _decimal(value)
    for exponent, word in SCALE_WORDS:
        if abs(amount) >= Decimal(10) ** exponent:
            scaled = amount.scaleb(-exponent).normalize()
            if scaled.as_tuple().exponent >= -3:
                return f"{plain_number(scaled)} {word}"
            break
    return plain_number(amount)


def english_figure(value, unit, unit_en=""):
    """``value`` with its Chinese ``unit`` as English readers read it (an editor's ``unit_en`` wins)."""
    if unit_en:
        return _join(plain_number(value), unit_en.strip(), attached=unit_en.startswith(("%", "‰")))
    parsed = _parse(unit)
    if parsed is None:
        return plain_number(value)  # a unit nobody could translate: the number is still true
    amount = _decimal(value).scaleb(parsed.exponent)
    number, english = english_number(amount), parsed.english
    if english.currency:
        return f"{english.currency} {number}{parsed.rate}"
    word = english.singular if number == "1" else english.plural
    return _join(number, word, english.attached) + parsed.rate


def _join(number, unit, attached):
    if not unit:
        return number
    return f"{number}{unit}" if attached else f"{number} {unit}"


def _decimal(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))
