"""The line-by-line rules: what is a source line, a date, a byline, a heading, a caption or site chrome."""

import re
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from urllib.parse import urlsplit

from news.importer.document import BEIJING, CAPTION_MAX, CLOSERS, HEADING_MAX, SENTENCE_END

_SOURCE_LINE = re.compile(r"(?:^|\s)(?:来源|稿源|文章来源|消息来源)\s*[:：|｜]\s*([^\s|｜]{2,30})")
SOURCE_IN_BODY = re.compile(r"^[（(]?\s*(?:文章)?来源\s*[:：]\s*([^）)]{1,40})[）)]?$")
ORIGINAL_TITLE = re.compile(r"^原标题\s*[:：]\s*(\S.*)$")
PUBLISHED_BY = re.compile(r"本文由\s*(\S{2,20}?)\s*(?:发布|原创)")
AUTHOR_LINE = re.compile(r"^(?:作者|撰文|文)\s*[|｜:：/]\s*(\S.{0,30})$")
BYLINE = re.compile(
    r"^(?:文图|图文|文/图|文·图|文|图)?\s*[|｜:：/]?\s*(?P<credit>(?P<paper>\w{0,8}?)记者\s*\S.{0,30})$"
)
_DATE_IN_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([+-]\d{2}:?\d{2}))?"
)
RELATED_LIST = re.compile(
    r"^(?:相关文章|相关阅读|相关新闻|相关报道|新闻推荐|推荐阅读|延伸阅读|猜你喜欢|热门推荐)\s*[:：]?$"
)
HEADING_MARKER = re.compile(r"^(?:>{2,}|【(?=.*】$)|■)\s*(.+?)】?$")
SECTION_NUMBER = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,2})[、.]?$")
MARKDOWN_LINKS_ONLY = re.compile(r"^(?:\[[^\]]*\]\([^)]*\)\s*[|｜·]?\s*)+$")
_PHONE = re.compile(r"(?<!\d)(?:400[- ]?\d{3,4}[- ]?\d{3,4}|0\d{2,3}-\d{7,8}|1[3-9]\d{9})(?!\d)")
_BOILERPLATE = re.compile(
    r"想爆料|爆料热线|新闻热线|广告热线|诚邀合作|版权声明|如需转载|转载请注明|分享给朋友|分享到|扫一扫|微信号|"
    r"微信/手机|联系人、手机号|责任编辑|返回首页|返回.{0,12}新闻|点击进入|阅读全文|下载.{0,8}客户端"
)


def is_site_chrome(line):
    return line.startswith("当前位置") or line.count(" > ") >= 2 or line.count("›") >= 2


def read_meta(line, doc):
    """Take the source and the date from a header line that gives them; False if it gives neither."""
    if len(line) > 60:
        return False
    source = _SOURCE_LINE.search(line)
    rest = (line[: source.start()] + " " + line[source.end() :]).strip() if source else line
    dated = _is_date_line(rest)
    if source and (dated or not rest):
        if not doc.outlet:
            doc.outlet = source[1]
        elif source[1] != doc.outlet:
            # A second source line naming another outlet: the page (the first one's) republishes that one's story.
            doc.original_outlet = doc.original_outlet or source[1]
    elif not dated:
        return False
    if dated and doc.source_datetime is None:
        doc.source_datetime = parse_datetime(rest)
    return True


def _is_date_line(line):
    """A header line that is a date, or a short meta line around one ("admin1年前 (2024-09-27)…")."""
    match = _DATE_IN_TEXT.search(line)
    if not match:
        return False
    rest = (line[: match.start()] + line[match.end() :]).strip()
    return len(rest) <= 40 and not any(mark in rest for mark in "。，,！？")


def parse_datetime(value):
    match = _DATE_IN_TEXT.search(value)
    if not match:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        naive = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if offset:
        sign = 1 if offset[0] == "+" else -1
        digits = offset[1:].replace(":", "")
        tz = dt_timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return naive.replace(tzinfo=tz).astimezone(BEIJING)
    return naive.replace(tzinfo=BEIJING)


def finish_dates(doc):
    if doc.source_datetime is not None:
        doc.source_date = doc.source_datetime.astimezone(BEIJING).date()


def bare_url(line):
    """The address on a line that holds nothing else (``<https://…>`` or ``原文链接: https://…``)."""
    match = re.match(r"^(?:原文链接|原文地址|原文|来源链接|链接|URL)?\s*[:：]?\s*<?(https?://[^\s<>]+)>?$", line)
    if not match:
        return ""
    url = match[1]
    parts = urlsplit(url)
    return url if parts.netloc and "." in parts.netloc else ""


def is_boilerplate(text):
    return bool(_BOILERPLATE.search(text) or _PHONE.search(text))


def _strip_closers(text):
    return text.rstrip(CLOSERS + " ")


def ends_sentence(text):
    stripped = _strip_closers(text)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def is_heading_like(text):
    """Short, no sentence punctuation, not ending like a sentence: a subheading."""
    if len(text) > HEADING_MAX or SECTION_NUMBER.match(text):
        return False
    if any(mark in text for mark in "。，,；;！!？?"):
        return False
    return not ends_sentence(text)


def is_caption(text):
    """A photo caption whose photo is gone: one short clause ending in a full stop."""
    if len(text) > CAPTION_MAX or not _strip_closers(text).endswith("。"):
        return False
    return not any(mark in _strip_closers(text)[:-1] for mark in "。，,；;：:！!？?")
