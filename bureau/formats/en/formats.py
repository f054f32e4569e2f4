"""Dates on English pages as the English texts write them: British, day first ("27 September 2024").

Django's English default is American ("Sept. 27, 2024"), which sat beside article texts, written in
British English, that say "On 16 July"."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
