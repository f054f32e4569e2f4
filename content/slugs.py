"""ASCII slugs for Chinese names.

Chinese characters become toneless pinyin, one word per character
("创新奇智" -> "chuang-xin-qi-zhi"); Latin letters and digits pass through.
A slug already taken in the same table gets "-2", "-3", ... appended.
"""

from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin


def pinyin_slug(text, max_length=80):
    words = lazy_pinyin(text or "", style=Style.NORMAL, errors="default")
    slug = slugify(" ".join(words))
    if len(slug) > max_length:
        # Cut at a word boundary so that a slug never ends in half a syllable.
        # One character more than fits shows whether the cut already falls
        # between two words; without it a whole word would be lost.
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug.strip("-")


def unique_slug(instance, text, field_name="slug", fallback="item"):
    """A slug for ``instance`` built from ``text``, unique in its model's table."""
    model = type(instance)
    max_length = model._meta.get_field(field_name).max_length
    base = pinyin_slug(text, max_length=max_length - 6) or fallback
    others = model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager.all()
    taken = set(others.filter(**{f"{field_name}__startswith": base}).values_list(field_name, flat=True))
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate
