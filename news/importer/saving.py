"""From an ImportedDocument to a draft article, and the one line that tells staff what was kept."""

from django.core.exceptions import ValidationError
from django.db.models import Q

from content.models import Status
from news.importer.document import ImportRefused
from news.models import Article


def find_existing(doc):
    """The article this document already is: same source address, or same headline and date."""
    same = Q(title=doc.title) | Q(original_title=doc.title)
    if doc.original_title:
        same |= Q(title=doc.original_title) | Q(original_title=doc.original_title)
    query = same & Q(source_date=doc.source_date)
    if doc.source_url:
        query |= Q(source_url=doc.source_url)
    return Article.objects.filter(query).order_by("pk").first()


def existing_reason(doc, article):
    if doc.source_url and article.source_url == doc.source_url:
        return f"the same original address ({doc.source_url})"
    when = doc.source_date.isoformat() if doc.source_date else "no date"
    return f"the same headline and date ({when})"


def save_document(doc, *, update=False, user=None):
    """Create a draft from ``doc`` (or, with ``update``, rewrite the article it already is).

    Returns ``(article, created)``. Status, publication time, slug, tags and
    links of an updated article are left as staff set them.
    """
    existing = find_existing(doc)
    if existing is not None and not update:
        raise ImportRefused(
            doc.path,
            f"an article with {existing_reason(doc, existing)} already exists: “{existing.title}” "
            f"(slug {existing.slug}). Use --update to replace its text with this document.",
        )
    article = existing or Article(status=Status.DRAFT)
    for name, value in doc.article_fields().items():
        setattr(article, name, value)
    if user is not None:
        article.last_edited_by = user
    try:
        article.full_clean(exclude=["slug"] if not article.slug else None)
    except ValidationError as error:
        problems = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
        raise ImportRefused(doc.path, f"the article would not be valid ({problems}).") from None
    article.save()
    return article, existing is None


def describe(doc):
    """One line for staff: what the document gave and what was left out."""
    parts = [f"{doc.paragraph_count} paragraphs", f"{doc.heading_count} subheadings"]
    if doc.caption_count:
        parts.append(f"{doc.caption_count} photo captions kept as text")
    parts.append(f"outlet {doc.outlet}" if doc.outlet else "no outlet given")
    if doc.original_outlet:
        parts.append(f"first published by {doc.original_outlet}")
    parts.append(f"original date {doc.source_date.isoformat()}" if doc.source_date else "no date given")
    parts.append(f"original address {doc.source_url}" if doc.source_url else "no original address given")
    if doc.author:
        parts.append(f"author {doc.author}")
    if doc.converted_from_traditional:
        parts.append("converted from Traditional Chinese")
    if doc.dropped:
        parts.append("dropped " + ", ".join(f"{count} {what}" for what, count in sorted(doc.dropped.items())))
    return "; ".join(parts)
