"""Filtering the public lists.

A list page is a published queryset, a few facets read from the query string
(district, level, tag, year, ...) and one page of results. Each facet offers
its options with counts that the database computes within the other active
filters, one query per facet whatever the number of rows. A value nobody
knows (``?district=atlantis``) is answered with a 400 page that says so and
offers the way back, never with a 500 or a silently unfiltered list.

Counting takes a pass over every matching row, which on a large site costs
far more than the page itself; so the counts (the facets' and the
paginator's) are kept in the cache under the current content generation
(``content.caching``), one entry per list, language and set of active filters.
Any change to content starts a new generation, so a count is never stale; the
first visitor after a change pays for it, everyone else reads it back. The
page of results itself is cut by ``content.pagination``.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, Count, Exists, F, IntegerField, OuterRef, Q, Value
from django.db.models.functions import ExtractYear
from django.utils.functional import cached_property
from django.utils.translation import get_language

from content.caching import remember
from content.links import page_url
from content.models import TagEnglish, find_redirect
from content.tagging import public_tags

# Longer values, and values with control characters (PostgreSQL refuses a NUL byte),
# are refused without asking the database: no slug or choice looks like that.
MAX_VALUE_LENGTH = 100


def filter_url(viewname, **filters):
    """The address of a list (``viewname``) filtered by ``filters``, as its own filter links write it.

    ``filter_url("news:article_list", park="qingdao-gao-xin-qu")`` is
    ``/news/?park=qingdao-gao-xin-qu``; values are encoded (a Chinese tag slug
    stays readable to the list); empty values are left out.
    """
    query = urlencode({param: value for param, value in filters.items() if value not in (None, "")})
    url = page_url(viewname)
    return f"{url}?{query}" if query else url


def query_with(params, path, **changes):
    """``path`` with ``params`` changed: None removes a key. Filters always reset the page."""
    query = params.copy()
    for key, value in {"page": None, **changes}.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""


@dataclass
class Selection:
    facet: "Facet"
    value: str
    label: str
    remove_url: str = ""


class Facet:
    """One filter of a list: its query parameter, how it filters, which options it offers."""

    def __init__(self, param, label):
        self.param = param
        self.label = label

    def lookup(self, value):
        """The label of ``value``, or None when the value is unknown."""
        raise NotImplementedError

    def condition(self, value):
        raise NotImplementedError

    def filter(self, queryset, value):
        """``queryset`` narrowed to the rows that match ``value``."""
        return queryset.filter(self.condition(value))

    def options(self, queryset):
        """(value, label, count) for the options that have results in ``queryset``."""
        raise NotImplementedError


class ChoiceFacet(Facet):
    """A field with TextChoices (district, level, kind): every count in one aggregate query."""

    def __init__(self, param, label, choices, field=None, condition=None, counts=None):
        """``condition`` (value -> Q) filters through a relation; ``counts`` (queryset -> (value, n) pairs)
        then counts the options in one grouped query, instead of one conditional count per choice."""
        super().__init__(param, label)
        self.choices = choices
        self.field = field or param
        self._condition = condition
        self._counts = counts

    def lookup(self, value):
        return dict(self.choices.choices).get(value) if value in self.choices.values else None

    def condition(self, value):
        if self._condition is not None:
            return self._condition(value)
        return Q(**{self.field: value})

    def options(self, queryset):
        if self._counts is not None:
            counts = dict(self._counts(queryset))
            return [(value, label, counts[value]) for value, label in self.choices.choices if counts.get(value)]
        counts = queryset.order_by().aggregate(
            **{f"n{i}": Count("pk", filter=self.condition(value)) for i, value in enumerate(self.choices.values)}
        )
        return [
            (value, label, counts[f"n{i}"]) for i, (value, label) in enumerate(self.choices.choices) if counts[f"n{i}"]
        ]


class ModelFacet(Facet):
    """A relation filtered by slug (tag, park, enterprise, qualification)."""

    # What a label can be made of (``name_of``): read along with the counts, so no object is loaded.
    LABEL_FIELDS = ("slug", "name", "name_en", "short_name", "short_name_en")

    def __init__(self, param, label, objects, relation, label_of, limit=12):
        super().__init__(param, label)
        self.objects = objects  # a callable: published() must be evaluated at request time
        self.relation = relation
        self.label_of = label_of
        self.limit = limit

    def lookup(self, value):
        obj = self.objects().filter(slug=value).first()
        return None if obj is None else self.label_of(obj)

    def label_fields(self, model):
        """The fields a label is made of, as paths from the option (read with the counts, no object loaded)."""
        return [name for name in self.LABEL_FIELDS if _has_field(model, name)]

    def label_object(self, model, pk, values):
        """An unsaved option holding ``values`` (``label_fields``), enough for ``label_of``."""
        return model(pk=pk, **values)

    def filter(self, queryset, value):
        """Rows with a link to the option, as EXISTS rather than a join.

        The list is then read in its own order (the list index) and stops at
        the page's last row. With a join SQLite fetched and sorted every
        article of a popular tag to show twenty (bench/README.md, "Why the code
        is shaped this way").
        """
        through, source, target = self._link(queryset.model)
        links = through._default_manager.filter(**{source: OuterRef("pk"), f"{target.name}__slug": value})
        return queryset.filter(Exists(links))

    def _link(self, model):
        """The link table of the relation, the name of its field pointing at ``model``, its field pointing at the option."""
        through = model._meta.get_field(self.relation).remote_field.through
        links = [field for field in through._meta.fields if field.is_relation]
        source = next(field.name for field in links if field.related_model is model)
        target = next(field for field in links if field.name != source)
        return through, source, target

    def options(self, queryset):
        """The ``limit`` options with the most results, in one query whatever the number of options.

        Counted from the link table's side: one pass over the links of the
        selected rows, grouped by option. Counting per option instead is a
        correlated subquery for every option (every enterprise, for the
        enterprise filter), which grows with the site, not with the page.
        """
        through, source, target = self._link(queryset.model)
        option_model = target.related_model
        fields = self.label_fields(option_model)
        rows = (
            through._default_manager.filter(
                *self.offered(target.name),
                **{f"{source}__in": queryset.order_by().values("pk")},
            )
            .values(target.name, *(f"{target.name}__{name}" for name in fields))
            .annotate(n=Count("pk"))
            .order_by("-n", target.name)[: self.limit]
        )
        options = []
        for row in rows:
            values = {name: row[f"{target.name}__{name}"] for name in fields}
            obj = self.label_object(option_model, row[target.name], values)
            options.append((obj.slug, self.label_of(obj), row["n"]))
        return options

    def offered(self, target):
        """Conditions on a link for its option to be offered: the option is one of ``objects`` (a published park)."""
        return [Exists(self.objects().order_by().filter(pk=OuterRef(target)))]


class ForeignKeyFacet(ModelFacet):
    """A foreign key filtered by slug (a project's park): the counts grouped on the list's own column."""

    def filter(self, queryset, value):
        return queryset.filter(**{f"{self.relation}__slug": value})

    def options(self, queryset):
        option_model = queryset.model._meta.get_field(self.relation).related_model
        fields = self.label_fields(option_model)
        rows = (
            queryset.order_by()
            .filter(Exists(self.objects().order_by().filter(pk=OuterRef(self.relation))))
            .values(self.relation, *(f"{self.relation}__{name}" for name in fields))
            .annotate(n=Count("pk"))
            .order_by("-n", self.relation)[: self.limit]
        )
        options = []
        for row in rows:
            values = {name: row[f"{self.relation}__{name}"] for name in fields}
            obj = self.label_object(option_model, row[self.relation], values)
            options.append((obj.slug, self.label_of(obj), row["n"]))
        return options


class TagFacet(ModelFacet):
    """The tags of a list's rows (``?tag=``, ``?industry=``); only a public tag is a known value."""

    def __init__(self, param, label, label_of, limit=15):
        super().__init__(param, label, lambda: public_tags().select_related("english"), "tags", label_of, limit)

    def label_fields(self, model):
        return ["slug", "name", "english__name_en"]

    def label_object(self, model, pk, values):
        # A tag's English name lives beside it (content.models.TagEnglish): read in the same query, attached here.
        tag = model(pk=pk, slug=values["slug"], name=values["name"])
        tag.english = TagEnglish(tag=tag, name_en=values["english__name_en"] or "")
        return tag

    def offered(self, target):
        # The options are counted over the list's published rows: a tag one of them carries is public by the
        # rule itself (content.tagging.public_tags), so checking it again would only cost time.
        return []


def _has_field(model, name):
    try:
        return model._meta.get_field(name).concrete
    except FieldDoesNotExist:
        return False


class YearFacet(Facet):
    """The year of a date-time field, in the site's time zone."""

    def __init__(self, param, label, field):
        super().__init__(param, label)
        self.field = field

    def lookup(self, value):
        return value if value.isascii() and value.isdigit() and 1900 <= int(value) <= 2200 else None

    def condition(self, value):
        return Q(**{f"{self.field}__year": int(value)})

    def options(self, queryset):
        rows = (
            queryset.annotate(facet_year=ExtractYear(self.field))
            .order_by()
            .values("facet_year")
            .annotate(n=Count("pk"))
            .order_by("-facet_year")
        )
        return [(str(row["facet_year"]), str(row["facet_year"]), row["n"]) for row in rows]


def _model_labels(asked):
    """The labels of several ``ModelFacet`` values in one query: {facet: label, or None when unknown}.

    A list filtered by tag, park and qualification would otherwise look each
    value up on its own, one query apiece. With a single value there is
    nothing to gain, and ``ModelFacet.lookup`` does it.
    """
    if len(asked) < 2:
        return {}
    fields = ModelFacet.LABEL_FIELDS
    parts = []
    for index, (facet, value) in enumerate(asked):
        model = facet.objects().model
        columns = {"facet_index": Value(index, output_field=IntegerField()), "label_pk": F("pk")}
        for name in fields:
            columns[f"label_{name}"] = F(name) if _has_field(model, name) else Value("", output_field=CharField())
        english = "english__name_en" if isinstance(facet, TagFacet) else None
        columns["label_english"] = F(english) if english else Value("", output_field=CharField())
        parts.append(facet.objects().filter(slug=value).order_by().values(**columns))
    rows = parts[0].union(*parts[1:], all=True)
    labels = dict.fromkeys((facet for facet, _value in asked), None)
    for row in rows:
        facet, _value = asked[row["facet_index"]]
        model = facet.objects().model
        values = {name: row[f"label_{name}"] for name in fields if _has_field(model, name)}
        if isinstance(facet, TagFacet):
            values = {"slug": values["slug"], "name": values["name"], "english__name_en": row["label_english"]}
        labels[facet] = facet.label_of(facet.label_object(model, row["label_pk"], values))
    return labels


class Filters:
    """The facets of one list, applied to a published queryset from the request's query string."""

    def __init__(self, request, queryset, facets):
        self.params = request.GET
        self.path = request.path
        self.base = queryset
        self.facets = facets
        self.selected = {}
        self.unknown = []
        asked = {facet: self.params.get(facet.param, "").strip() for facet in facets}
        asked = {facet: value for facet, value in asked.items() if value}
        readable = {f: v for f, v in asked.items() if len(v) <= MAX_VALUE_LENGTH and v.isprintable()}
        labels = _model_labels([(facet, value) for facet, value in readable.items() if isinstance(facet, ModelFacet)])
        for facet, value in asked.items():
            if facet not in readable:
                label = None
            else:
                label = labels[facet] if facet in labels else facet.lookup(value)
            if label is None:
                self.unknown.append(Selection(facet, value[:MAX_VALUE_LENGTH], "", self._url(**{facet.param: None})))
            else:
                self.selected[facet.param] = Selection(facet, value, label, self._url(**{facet.param: None}))

    def _url(self, **changes):
        return query_with(self.params, self.path, **changes)

    @cached_property
    def moved_url(self):
        """The same list with the new slugs, when every unknown value is an old slug of a tag, park or
        enterprise that was renamed or merged since (``content.models.SlugRedirect``); else "".

        A bookmark or a link from another site to ``?tag=<old slug>`` keeps working after a rename, as the
        object's own old address does. Looked up only for unknown values: a list with known ones costs
        nothing more.
        """
        if not self.unknown:
            return ""
        changes = {}
        for selection in self.unknown:
            facet = selection.facet
            if not isinstance(facet, ModelFacet) or selection.value != self.params.get(facet.param, "").strip():
                return ""
            queryset = facet.objects()
            moved = find_redirect(queryset.model, selection.value, public=queryset)
            if moved is None:
                return ""
            changes[facet.param] = moved.slug
        return query_with(self.params, self.path, page=self.params.get("page"), **changes)

    @property
    def status(self):
        return 400 if self.unknown else 200

    @property
    def active(self):
        return list(self.selected.values())

    @property
    def clear_url(self):
        return self._url(**{facet.param: None for facet in self.facets})

    def filtered(self, exclude=None):
        queryset = self.base
        for param, selection in self.selected.items():
            if param != exclude:
                queryset = selection.facet.filter(queryset, selection.value)
        return queryset

    @cached_property
    def queryset(self):
        """The filtered objects; none at all when a filter value is unknown."""
        return self.base.none() if self.unknown else self.filtered()

    @cached_property
    def _counts(self):
        """The number of results and each facet's options, from the cache of the current content generation.

        Keyed by the known filter values only: an unknown value (a 400 page) shows the same options as the
        list without it, and reads them from the same entry.
        """
        selected = urlencode(sorted((param, selection.value) for param, selection in self.selected.items()))
        name = f"list-counts:{get_language()}:{self.base.model._meta.label_lower}:{selected}"
        return remember(name, lambda: {"count": self.filtered().count(), "options": self._count_options()})

    def _count_options(self):
        return {
            facet.param: [
                (value, str(label), count) for value, label, count in facet.options(self.filtered(exclude=facet.param))
            ]
            for facet in self.facets
        }

    @property
    def count(self):
        """How many objects the filters select."""
        return 0 if self.unknown else self._counts["count"]

    @cached_property
    def groups(self):
        """Each facet with its options; counts are computed within the other active filters."""
        groups = []
        for facet in self.facets:
            current = self.selected.get(facet.param)
            options = []
            for value, label, count in self._counts["options"][facet.param]:
                selected = current is not None and value == current.value
                url = self._url(**{facet.param: None if selected else value})
                options.append(Option(value, label, count, selected, url))
            if current is not None and not any(option.selected for option in options):
                options.insert(0, Option(current.value, current.label, 0, True, current.remove_url))
            groups.append({"facet": facet, "options": options, "current": current})
        return groups
