"""Open data: the published parks, enterprises, projects and figures as CSV and JSON files, with a data dictionary.

Every dataset is declared once below (its columns, their meaning and type,
and how its rows are read); the files, the data dictionary on /data/ and the
tests all follow the declaration.

Only published content is exported: every query goes through ``published()``,
and a link to a park, an enterprise or an article that is not public is left
empty. Column names are stable English identifiers; CSV and JSON carry the same
keys. A file is built once per content generation (``content.caching.remember``)
and kept in the cache as bytes: rows are read with ``.iterator()`` and written
into one string, so a large export costs the size of the file, not of its model
instances.
"""

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from news.models import Article
from parks.models import Enterprise, EnterpriseFigure, Park, ParkFigure, Project

# Several values in one CSV cell (tags, parks) are separated by this; JSON gives them as a list.
LIST_SEPARATOR = "; "
CHUNK_SIZE = 2000

TEXT = _("text")
INTEGER = _("integer")
NUMBER = _("decimal number")
ADDRESS = _("web address (URL)")
LIST = _("list: in CSV separated by “; ”, in JSON a list")
CODE = _("code (see the values listed)")


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    type: str


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    columns: tuple
    # rows(absolute) yields one dict per row, keyed by column name; absolute(path) makes a full address.
    rows: Callable

    @property
    def column_names(self):
        return [column.name for column in self.columns]


def _with_values(meaning, choices):
    """``meaning`` with the codes of ``choices`` put in, translated when shown, not when this module is imported."""
    return lazy(lambda: str(meaning) % {"values": ", ".join(choices.values)}, str)()


def _published_slug(model, field):
    """The slug of the object ``field`` points to, only if it is public: a draft's name never leaves the site."""
    return Subquery(model.objects.published().filter(pk=OuterRef(field)).values("slug")[:1])


def _links(pairs):
    """``{object id: [names]}`` from ``(object id, name)`` pairs, read in one query.

    In place of prefetch_related: prefetching builds a related manager for
    every row (taggit's more so), which cost more than everything else in an
    export of tens of thousands of enterprises.
    """
    linked = {}
    for pk, name in pairs.iterator(chunk_size=CHUNK_SIZE):
        linked.setdefault(pk, []).append(name)
    return linked


def _tag_names(model, published):
    through = model.tags.through.objects.filter(content_object__in=published)
    return _links(through.values_list("content_object_id", "tag__name").order_by("tag__name"))


def _park_rows(absolute):
    parks = (
        Park.objects.published()
        .annotate(parent_slug=_published_slug(Park, "parent"), operator_slug=_published_slug(Enterprise, "operator"))
        .defer("description")
        .order_by("slug")
    )
    tags = _tag_names(Park, Park.objects.published())
    for park in parks.iterator(chunk_size=CHUNK_SIZE):
        yield {
            "slug": park.slug,
            "name": park.name,
            "name_en": park.name_en,
            "kind": park.kind,
            "level": park.level,
            "district": park.district,
            "parent": park.parent_slug or "",
            "operator": park.operator_slug or "",
            "address": park.address,
            "latitude": park.latitude,
            "longitude": park.longitude,
            "land_area_km2": park.land_area_km2,
            "floor_area_m2": park.floor_area_m2,
            "total_area_m2": park.total_area_m2,
            "established": park.established,
            "industries": tags.get(park.pk, []),
            "summary": park.summary,
            "summary_en": park.summary_en,
            "website": park.website,
            "contact_phone": park.contact_phone,
            "contact_email": park.contact_email,
            "url": absolute(park.get_absolute_url()),
        }


def _enterprise_rows(absolute):
    published = Enterprise.objects.published()
    enterprises = published.defer("description").order_by("slug")
    tags = _tag_names(Enterprise, published)
    links = Enterprise.parks.through.objects.filter(enterprise__in=published, park__in=Park.objects.published())
    parks = _links(links.values_list("enterprise_id", "park__slug").order_by("park__slug"))
    held = Enterprise.qualifications.through.objects.filter(enterprise__in=published)
    qualifications = _links(held.values_list("enterprise_id", "qualification__slug").order_by("qualification__slug"))
    stakes = Enterprise.investors.through.objects.filter(
        from_enterprise__in=published, to_enterprise__in=Enterprise.objects.published()
    )
    investors = _links(stakes.values_list("from_enterprise_id", "to_enterprise__slug").order_by("to_enterprise__slug"))
    for enterprise in enterprises.iterator(chunk_size=CHUNK_SIZE):
        yield {
            "slug": enterprise.slug,
            "name": enterprise.name,
            "short_name": enterprise.short_name,
            "name_en": enterprise.name_en,
            "stock_code": enterprise.stock_code,
            "exchange": enterprise.exchange,
            "founded": enterprise.founded,
            "headquarters": enterprise.headquarters,
            "parks": parks.get(enterprise.pk, []),
            "qualifications": qualifications.get(enterprise.pk, []),
            "investors": investors.get(enterprise.pk, []),
            "industries": tags.get(enterprise.pk, []),
            "summary": enterprise.summary,
            "summary_en": enterprise.summary_en,
            "website": enterprise.website,
            "url": absolute(enterprise.get_absolute_url()),
        }


def _figure_rows(absolute):
    for model, owner_model, owner_type in ((ParkFigure, Park, "park"), (EnterpriseFigure, Enterprise, "enterprise")):
        owner = model.owner_field
        figures = (
            model.objects.filter(Exists(owner_model.objects.published().filter(pk=OuterRef(owner))))
            .annotate(source_public=Exists(Article.objects.published().filter(pk=OuterRef("source_article"))))
            .select_related(owner, "source_article")
            .defer(f"{owner}__description", "source_article__body", "source_article__body_en")
            .order_by(f"{owner}__slug", "position", "label", "year", "pk")
        )
        for figure in figures.iterator(chunk_size=CHUNK_SIZE):
            item, source = figure.owner, figure.source_article if figure.source_public else None
            yield {
                "owner_type": owner_type,
                "owner": item.slug,
                "owner_name": item.display_name if owner_model is Enterprise else item.name,
                "label": figure.label,
                "label_en": figure.label_en,
                "qualifier": figure.qualifier,
                "value": figure.value,
                "unit": figure.unit,
                "unit_en": figure.unit_en,
                "year": figure.year,
                "source_title": source.title if source else "",
                "source_url": absolute(source.get_absolute_url()) if source else "",
                "source_original_url": source.source_url if source else "",
            }


SLUG = Column(
    "slug", _("Identifier, stable across renames of the name; also the last part of the page's address"), TEXT
)
NAME_EN = Column("name_en", _("English name, if the bureau has given one"), TEXT)
SUMMARY = Column("summary", _("Short description in Chinese"), TEXT)
SUMMARY_EN = Column("summary_en", _("Short description in English, if written"), TEXT)
WEBSITE = Column("website", _("Own website"), ADDRESS)
CONTACT_PHONE = Column("contact_phone", _("Telephone for investors, as the bureau gives it"), TEXT)
CONTACT_EMAIL = Column("contact_email", _("E-mail address for investors"), TEXT)
URL = Column("url", _("Page on this site"), ADDRESS)
INDUSTRIES = Column("industries", _("Industries and topics (tag names, in Chinese)"), LIST)

PARKS = Dataset(
    "parks",
    _("Parks"),
    (
        SLUG,
        Column("name", _("Name in Chinese"), TEXT),
        NAME_EN,
        Column("kind", _with_values(_("Kind of park: %(values)s"), Park.Kind), CODE),
        Column("level", _with_values(_("Level of approval: %(values)s; empty if not given"), Park.Level), CODE),
        Column("district", _("District of Qingdao (outside: outside Qingdao); empty if not given"), CODE),
        Column("parent", _("The zone the park belongs to: its slug in this file"), TEXT),
        Column("operator", _("The company that runs the park: its slug in the enterprises file"), TEXT),
        Column("address", _("Postal address, in Chinese"), TEXT),
        Column("latitude", _("Latitude, degrees (WGS 84)"), NUMBER),
        Column("longitude", _("Longitude, degrees (WGS 84)"), NUMBER),
        Column("land_area_km2", _("Land area"), _("decimal number, km²")),
        Column("floor_area_m2", _("Floor area"), _("decimal number, m²")),
        Column("total_area_m2", _("Total area, where a source gives only that (总面积)"), _("decimal number, m²")),
        Column("established", _("When established: year (2015) or year and month (2015-06)"), TEXT),
        INDUSTRIES,
        SUMMARY,
        SUMMARY_EN,
        WEBSITE,
        CONTACT_PHONE,
        CONTACT_EMAIL,
        URL,
    ),
    _park_rows,
)

ENTERPRISES = Dataset(
    "enterprises",
    _("Enterprises"),
    (
        SLUG,
        Column("name", _("Full legal name, in Chinese"), TEXT),
        Column("short_name", _("Short name the press uses"), TEXT),
        NAME_EN,
        Column("stock_code", _("Stock code, if listed"), TEXT),
        Column("exchange", _with_values(_("Stock exchange: %(values)s"), Enterprise.Exchange), CODE),
        Column("founded", _("When founded: year or year and month"), TEXT),
        Column("headquarters", _("Headquarters, in Chinese"), TEXT),
        Column("parks", _("Parks the enterprise is in: their slugs in the parks file"), LIST),
        Column("qualifications", _("Qualifications held (listed, unicorn, high-tech, ...): their slugs"), LIST),
        Column("investors", _("Enterprises that invested in the enterprise: their slugs in this file"), LIST),
        INDUSTRIES,
        SUMMARY,
        SUMMARY_EN,
        WEBSITE,
        URL,
    ),
    _enterprise_rows,
)

FIGURES = Dataset(
    "figures",
    _("Key figures"),
    (
        Column("owner_type", _("What the figure describes: park or enterprise"), CODE),
        Column("owner", _("The park's or enterprise's slug in its file"), TEXT),
        Column("owner_name", _("The park's or enterprise's name, in Chinese"), TEXT),
        Column("label", _("What is measured, in Chinese (营业收入, 入驻企业, ...)"), TEXT),
        Column("label_en", _("What is measured, in English, if written"), TEXT),
        Column("qualifier", _("How the source qualifies the value: over, about, under; empty if exact"), CODE),
        Column("value", _("The value as the source states it, in the unit of the next column"), NUMBER),
        Column("unit", _("Unit as the source writes it (亿元 = 100 million yuan, 万 = 10,000, 家 = companies)"), TEXT),
        Column("unit_en", _("Unit in English, where an editor wrote one"), TEXT),
        Column("year", _("Year the figure refers to"), INTEGER),
        Column("source_title", _("Title of the article the figure comes from"), TEXT),
        Column("source_url", _("The source article on this site"), ADDRESS),
        Column("source_original_url", _("Where the article was first published (newspaper), if known"), ADDRESS),
    ),
    _figure_rows,
)


def _project_rows(absolute):
    published = Project.objects.published()
    projects = (
        published.annotate(
            park_slug=_published_slug(Park, "park"),
            enterprise_slug=_published_slug(Enterprise, "enterprise"),
            source_public=Exists(Article.objects.published().filter(pk=OuterRef("source_article"))),
        )
        .select_related("source_article")
        .defer("description")
        .order_by("slug")
    )
    tags = _tag_names(Project, published)
    for project in projects.iterator(chunk_size=CHUNK_SIZE):
        source = project.source_article if project.source_public else None
        yield {
            "slug": project.slug,
            "title": project.title,
            "title_en": project.title_en,
            "stage": project.stage,
            "park": project.park_slug or "",
            "enterprise": project.enterprise_slug or "",
            "amount_qualifier": project.amount_qualifier if project.amount is not None else "",
            "amount": project.amount,
            "amount_unit": project.amount_unit if project.amount is not None else "",
            "space": project.space,
            "space_en": project.space_en,
            "contact_phone": project.contact_phone,
            "contact_email": project.contact_email,
            "industries": tags.get(project.pk, []),
            "summary": project.summary,
            "summary_en": project.summary_en,
            "source_url": absolute(source.get_absolute_url()) if source else "",
            "url": absolute(project.get_absolute_url()),
        }


PROJECTS = Dataset(
    "projects",
    _("Investment projects"),
    (
        SLUG,
        Column("title", _("Title in Chinese"), TEXT),
        Column("title_en", _("Title in English, if written"), TEXT),
        Column("stage", _with_values(_("Status of the project: %(values)s"), Project.Stage), CODE),
        Column("park", _("The park of the project: its slug in the parks file"), TEXT),
        Column("enterprise", _("The enterprise that signed: its slug in the enterprises file"), TEXT),
        Column(
            "amount_qualifier", _("How the source qualifies the investment: over, about, under; empty if exact"), CODE
        ),
        Column("amount", _("Investment, in the unit of the next column"), NUMBER),
        Column("amount_unit", _("Unit of the investment as the source writes it (亿元 = 100 million yuan)"), TEXT),
        Column("space", _("Land or floor space offered, in Chinese"), TEXT),
        Column("space_en", _("Land or floor space offered, in English, if written"), TEXT),
        CONTACT_PHONE,
        CONTACT_EMAIL,
        INDUSTRIES,
        SUMMARY,
        SUMMARY_EN,
        Column("source_url", _("The article the project is stated in, on this site"), ADDRESS),
        URL,
    ),
    _project_rows,
)

DATASETS = (PARKS, ENTERPRISES, PROJECTS, FIGURES)
BY_NAME = {dataset.name: dataset for dataset in DATASETS}
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return value


def _json_value(value):
    if isinstance(value, Decimal):
        # Exact digits where a float would round: parse them as a number (JSON has no decimal type).
        normalized = value.normalize()
        return int(normalized) if normalized == normalized.to_integral_value() else float(normalized)
    return value


def write_csv(dataset, rows):
    """The rows as CSV, starting with a byte-order mark: Excel opens a UTF-8 file without one as ANSI."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    names = dataset.column_names
    writer.writerow(names)
    count = 0
    for row in rows:
        writer.writerow([_cell(row[name]) for name in names])
        count += 1
    return buffer.getvalue().encode("utf-8"), count


def write_json(dataset, rows):
    """The rows as a JSON list of objects with the CSV's keys, written row by row."""
    buffer = io.StringIO()
    names = dataset.column_names
    count = 0
    buffer.write("[")
    for row in rows:
        buffer.write(",\n" if count else "\n")
        buffer.write(json.dumps({name: _json_value(row[name]) for name in names}, ensure_ascii=False))
        count += 1
    buffer.write("\n]\n")
    return buffer.getvalue().encode("utf-8"), count


def build_file(dataset, file_format, absolute):
    """One file, as kept in the cache: its bytes, a hash for ETag, its row count and when it was made."""
    # Addresses of the Chinese pages, the canonical ones, whatever language the visitor's browser asks for.
    with override(settings.LANGUAGE_CODE):
        writer = write_csv if file_format == "csv" else write_json
        content, count = writer(dataset, dataset.rows(absolute))
    return {
        "content": content,
        "etag": hashlib.sha256(content).hexdigest()[:32],
        "rows": count,
        "made": timezone.now().timestamp(),
    }
