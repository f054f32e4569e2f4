"""The Simplified Chinese catalogue: complete, well-formed, and actually used.

The site's source strings are English and Chinese is the default language, so
a string missing from bureau/locale/zh_Hans/LC_MESSAGES/django.po shows up in
English on a Chinese page. These tests read the .po file with polib (no GNU
gettext needed), compare it with the strings the code and templates mark for
translation, and check through Django that a few labels really come out in
Chinese.
"""

import ast
import os
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.signals import setting_changed
from django.template import Context, Template
from django.utils import translation
from django.utils.translation.template import templatize

from content.models import Status
from news.models import Article
from parks.models import District, Enterprise, Park

ROOT = Path(settings.BASE_DIR)
PO_PATH = ROOT / "bureau" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
# What `manage.py makemessages ... --ignore=.venv --ignore=tests --ignore=fixtures` skips.
IGNORED_DIRS = {".venv", "tests", "fixtures", "node_modules", "media", "staticfiles", "__pycache__"}

# printf-style placeholders (%(name)s, %s, %d, %%) and str.format ones ({name}, {0}).
PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")
BRACES = re.compile(r"\{[A-Za-z0-9_.\[\]]*(?:![rsa])?(?::[^{}]*)?\}")
HTML_TAG = re.compile(r"</?[A-Za-z%][^<>]*>")
CJK = r"[\u3400-\u9fff]"
CJK_PUNCTUATION = r"[\u3000-\u303f\uff01-\uff1f]"  # 、。「」 and the full-width ，：；？！（）
ASCII_PUNCT_NEXT_TO_CJK = re.compile(rf"{CJK}[,;:!?()]|[,;:!?()]{CJK}|{CJK}\.(?:\s|$)")

# The Python calls makemessages extracts (xgettext's defaults plus Django's keywords):
# name -> (index of the context argument or None, index of the singular, index of the plural or None).
PY_KEYWORDS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
# templatize() turns {% translate %} and {% blocktranslate %} into these calls.
TEMPLATE_STRING = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
TEMPLATE_CALL = re.compile(rf"(?<![\w.])(n?p?gettext|_)\(((?:\s*{TEMPLATE_STRING}\s*,?)+)")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(PO_PATH))


@pytest.fixture(scope="module")
def entries(catalogue):
    return [entry for entry in catalogue if not entry.obsolete]


def placeholders(text):
    return sorted(PRINTF.findall(text) + BRACES.findall(text))


def translations_of(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def label(entry):
    return f"{entry.msgid!r} ({', '.join(f'{path}:{line}' for path, line in entry.occurrences[:2])})"


# --- the catalogue file ------------------------------------------------------


def test_header(catalogue):
    meta = catalogue.metadata
    assert meta["Language"] == "zh_Hans"
    assert meta["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert "PACKAGE" not in meta["Project-Id-Version"]
    assert not catalogue.metadata_is_fuzzy
    assert "FIRST AUTHOR" not in catalogue.header and "FULL NAME" not in meta.get("Last-Translator", "")


def test_catalogue_is_not_empty(entries):
    assert len(entries) > 100


def test_every_entry_is_translated(entries):
    untranslated = [label(entry) for entry in entries if not all(s.strip() for s in translations_of(entry))]
    assert not untranslated, "untranslated: " + "; ".join(untranslated)


def test_no_entry_is_fuzzy(entries):
    fuzzy = [label(entry) for entry in entries if "fuzzy" in entry.flags]
    assert not fuzzy, "fuzzy (check the translation, then remove the flag): " + "; ".join(fuzzy)


def test_plural_entries_have_one_form(entries):
    """Chinese has one plural form (nplurals=1): msgstr[0] only."""
    wrong = [label(entry) for entry in entries if entry.msgid_plural and sorted(entry.msgstr_plural) != [0]]
    assert not wrong, "plural entries need exactly msgstr[0]: " + "; ".join(wrong)


def test_placeholders_are_kept(entries):
    wrong = []
    for entry in entries:
        # One form serves every count, so it carries the plural's placeholders.
        expected = placeholders(entry.msgid_plural or entry.msgid)
        for text in translations_of(entry):
            if placeholders(text) != expected:
                wrong.append(f"{label(entry)}: {placeholders(text)} != {expected}")
    assert not wrong, "placeholders differ: " + "; ".join(wrong)


def test_singular_and_plural_msgids_agree():
    """A msgstr[0] can only keep the plural's placeholders if the singular has no others."""
    for entry in polib.pofile(str(PO_PATH)):
        if entry.msgid_plural:
            assert set(placeholders(entry.msgid)) <= set(placeholders(entry.msgid_plural)), label(entry)


def test_html_tags_are_kept(entries):
    wrong = []
    for entry in entries:
        expected = sorted(HTML_TAG.findall(entry.msgid_plural or entry.msgid))
        wrong += [label(entry) for text in translations_of(entry) if sorted(HTML_TAG.findall(text)) != expected]
    assert not wrong, "HTML tags differ: " + "; ".join(wrong)


def test_chinese_text_uses_chinese_punctuation(entries):
    """，。：；（）next to Chinese characters, not , . : ; ( )."""
    wrong = [
        f"{label(entry)} -> {text!r}"
        for entry in entries
        for text in translations_of(entry)
        if ASCII_PUNCT_NEXT_TO_CJK.search(PRINTF.sub("", text))
    ]
    assert not wrong, "ASCII punctuation in Chinese text: " + "; ".join(wrong)


def test_translations_are_chinese(entries):
    """Every translation has Chinese in it, except the few names that are Latin letters in Chinese too.

    A separator ("、", "；") or a pattern made of placeholders and Chinese
    punctuation counts as Chinese.
    """
    latin_in_chinese = {"Django site admin", "Django administration"}
    wrong = [
        label(entry)
        for entry in entries
        for text in translations_of(entry)
        if not re.search(CJK, text)
        and not re.fullmatch(rf"(?:{CJK_PUNCTUATION}|\s)+", PRINTF.sub("", text) or " ")
        and entry.msgid not in latin_in_chinese
    ]
    assert not wrong, "translations without any Chinese: " + "; ".join(wrong)


# --- the catalogue against the source -----------------------------------------


def source_files(suffixes):
    """The files makemessages reads, pruning the ignored folders instead of walking through them."""
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = sorted(name for name in subfolders if name not in IGNORED_DIRS and not name.startswith("."))
        for name in sorted(files):
            if Path(name).suffix in suffixes and not name.startswith("."):
                yield Path(folder) / name


def python_strings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name not in PY_KEYWORDS:
            continue
        context, singular, plural = PY_KEYWORDS[name]
        wanted = [i for i in (context, singular, plural) if i is not None]
        if len(node.args) <= max(wanted) or not all(
            isinstance(node.args[i], ast.Constant) and isinstance(node.args[i].value, str) for i in wanted
        ):
            continue  # not a literal: xgettext cannot extract it either
        yield (
            (
                node.args[context].value if context is not None else None,
                node.args[singular].value,
                node.args[plural].value if plural is not None else None,
            ),
            f"{path.relative_to(ROOT)}:{node.lineno}",
        )


def template_strings(path):
    code = templatize(path.read_text(encoding="utf-8"), str(path))
    for match in TEMPLATE_CALL.finditer(code):
        name = match.group(1)
        strings = [ast.literal_eval(s.lstrip("u")) for s in re.findall(TEMPLATE_STRING, match.group(2))]
        context = strings.pop(0) if name in ("pgettext", "npgettext") else None
        singular = strings[0]
        plural = strings[1] if name.startswith("n") else None
        line = code[: match.start()].count("\n") + 1
        yield (context, singular, plural), f"{path.relative_to(ROOT)}:{line}"


def test_every_source_string_is_in_the_catalogue(entries):
    """What makemessages would extract is all there: rerun it and translate when this fails."""
    known = {(entry.msgctxt, entry.msgid, entry.msgid_plural or None) for entry in entries}
    source = []
    for path in source_files({".py"}):
        source += python_strings(path)
    for path in source_files({".html", ".txt"}):
        source += template_strings(path)
    assert len({key for key, _where in source}) > 100  # the extraction itself works
    missing = sorted({f"{where}: {key[1]!r}" for key, where in source if key not in known})
    assert not missing, (
        "not in the catalogue (run `manage.py makemessages -l zh_Hans --ignore=.venv --ignore=tests "
        "--ignore=fixtures --no-obsolete` and translate): " + "; ".join(missing)
    )


# --- Django really uses it ------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """The .mo as `make messages` builds it (a no-op when it is up to date), loaded afresh."""
    call_command("compile_locales", verbosity=0)
    # The same reset Django's test framework does when LOCALE_PATHS changes.
    setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)


def test_model_names_and_choices_in_chinese():
    with translation.override("zh-hans"):
        assert str(Article._meta.verbose_name) == "文章"
        assert str(Park._meta.verbose_name) == "园区"
        assert str(Enterprise._meta.verbose_name_plural) == "企业"
        assert str(Park._meta.get_field("operator").verbose_name) == "运营主体"
        assert str(Article._meta.get_field("slug").verbose_name) == "网址别名"
        assert [str(label) for label in Status.labels] == ["草稿", "已发布"]
        assert str(Park.Kind.DEVELOPMENT_ZONE.label) == "开发区"
        assert str(Park.Kind.HIGH_TECH_ZONE.label) == "高新区"
        assert str(Park.Kind.INCUBATOR.label) == "孵化器或加速器"
        assert str(Park.Kind.INVESTMENT_PLATFORM.label) == "招商平台"
        assert str(District.LAOSHAN.label) == "崂山区"
        assert str(District.HUANGDAO.label) == "黄岛区（西海岸新区）"
        assert str(Enterprise.Exchange.SSE.label) == "上海证券交易所"
        assert str(Enterprise.Exchange.HKEX.label) == "香港联合交易所"


def test_model_names_and_choices_stay_english_in_english():
    with translation.override("en"):
        assert str(Article._meta.verbose_name) == "article"
        assert str(Park._meta.verbose_name) == "park"
        assert [str(label) for label in Status.labels] == ["Draft", "Published"]
        assert str(Park.Kind.DEVELOPMENT_ZONE.label) == "Development zone"
        assert str(District.HUANGDAO.label) == "Huangdao District (West Coast New Area)"
        assert str(Enterprise.Exchange.SSE.label) == "Shanghai Stock Exchange"


def test_templates_and_plurals_in_both_languages():
    template = Template(
        "{% load i18n %}{% translate 'Parks' %}|"
        "{% blocktranslate count n=count %}{{ n }} enterprise{% plural %}{{ n }} enterprises{% endblocktranslate %}"
    )
    with translation.override("zh-hans"):
        assert template.render(Context({"count": 1})) == "园区|1家企业"
        assert template.render(Context({"count": 12})) == "园区|12家企业"
    with translation.override("en"):
        assert template.render(Context({"count": 1})) == "Parks|1 enterprise"
        assert template.render(Context({"count": 12})) == "Parks|12 enterprises"


def test_python_format_strings_in_chinese():
    with translation.override("zh-hans"):
        message = translation.ngettext("%(count)d item published.", "%(count)d items published.", 3)
        assert message % {"count": 3} == "已发布3项内容。"
        assert translation.gettext("page %(number)s") % {"number": 2} == "第2页"


@pytest.mark.django_db
def test_every_string_of_djangos_admin_scripts_is_chinese_in_the_admin_catalogue(admin_client):
    """Django's own Chinese lags behind its admin: 5.2's two-list widget (the qualifications of an enterprise)
    said "Choose all 资质" until our djangojs.po filled the gap. A Django upgrade that adds strings fails here."""
    import json

    import django

    scripts = Path(django.__file__).parent / "contrib" / "admin" / "static" / "admin" / "js"
    wanted = set()
    for path in scripts.rglob("*.js"):
        if "vendor" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for single, double in re.findall(r"""gettext\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\)""", text):
            wanted.add((single or double).replace("\\'", "'").replace('\\"', '"'))
    assert len(wanted) > 30  # the pattern still finds the scripts' strings
    response = admin_client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", response.text, flags=re.S).group(1))
    assert sorted(wanted - set(catalogue)) == []
