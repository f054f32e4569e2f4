"""/data/: the figures dashboard and the open-data downloads (bureau/open_data.py).

Both compose parks and news, so they live here, above both. Everything the
page and the files show is worked out once per content generation
(``content.caching.remember``): the charts' counts pass over every published
park and enterprise, and a file over every row.
"""

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import http_date
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.http import require_safe
from taggit.models import Tag

from bureau.charts import bar_chart
from bureau.open_data import BY_NAME, DATASETS, FORMATS, build_file
from content.caching import remember
from content.localize import is_english, name_of
from content.queries import link_count
from parks.models import District, Enterprise, Park, Qualification
from parks.templatetags.parks import figure_value

# The enterprise chart by industry shows the most common industries only: there are hundreds of tags.
TOP_INDUSTRIES = 10


def _count_rows(counted, label_of):
    """Chart rows from ``(key, count)`` pairs, largest first; items without a value ("not given") last."""
    rows, unknown = [], []
    for key, count in counted:
        label, lang = label_of(key)
        (rows if key else unknown).append((label, count, str(count), lang))
    return rows + unknown


def _choice_label(choices):
    def label(value):
        return (choices(value).label if value else gettext("Not given")), ""

    return label


def _described(rows, total, describe):
    """A description a screen reader can read instead of the drawing: the total and the largest group."""
    if not rows:
        return gettext("Nothing published yet.")
    text = describe % {"total": total, "first": rows[0][0], "count": rows[0][1]}
    # "Not given" is drawn last whatever its size, so "the most" is among what is known: say how much is not.
    unknown = sum(row[1] for row in rows[1:] if row[0] == gettext("Not given"))
    if unknown:
        text = gettext("%(description)s %(count)s without this information.") % {"description": text, "count": unknown}
    return text


def _park_charts():
    parks = Park.objects.published()
    total = parks.count()
    by_district = _count_rows(
        parks.values_list("district").annotate(n=Count("pk")).order_by("-n", "district"), _choice_label(District)
    )
    by_level = _count_rows(
        parks.values_list("level").annotate(n=Count("pk")).order_by("-n", "level"), _choice_label(Park.Level)
    )
    value_heading = gettext("Parks")
    return [
        bar_chart(
            "parks-by-district",
            gettext("Parks by district"),
            _described(by_district, total, gettext("%(total)s parks in all; the most, %(count)s, in %(first)s.")),
            by_district,
            value_heading,
            gettext("District"),
        ),
        bar_chart(
            "parks-by-level",
            gettext("Parks by level"),
            _described(by_level, total, gettext("%(total)s parks in all; the most, %(count)s, at level “%(first)s”.")),
            by_level,
            value_heading,
            gettext("Level"),
        ),
    ]


def _enterprise_charts():
    published = Enterprise.objects.published()
    total = published.count()
    qualifications = (
        Qualification.objects.annotate(
            n=link_count(Enterprise.qualifications.through, "enterprise", published, "qualification")
        )
        .filter(n__gt=0)
        .order_by("-n", "name")
    )
    by_qualification = [
        (name_of(q), q.n, str(q.n), "zh-Hans" if is_english() and not q.name_en else "") for q in qualifications
    ]
    tags = (
        Tag.objects.annotate(n=link_count(Enterprise.tags.through, "content_object", published, "tag"))
        .filter(n__gt=0)
        .select_related("english")
        .order_by("-n", "name")[:TOP_INDUSTRIES]
    )
    by_industry = []
    for tag in tags:
        label = name_of(tag)
        by_industry.append((label, tag.n, str(tag.n), "zh-Hans" if is_english() and label == tag.name else ""))
    value_heading = gettext("Enterprises")
    return [
        bar_chart(
            "enterprises-by-qualification",
            gettext("Enterprises by qualification"),
            _described(
                by_qualification,
                total,
                gettext("%(total)s enterprises in all; the most common qualification is “%(first)s” (%(count)s)."),
            ),
            by_qualification,
            value_heading,
            gettext("Qualification"),
        ),
        bar_chart(
            "enterprises-by-industry",
            ngettext(
                "Enterprises by industry: the most common one",
                "Enterprises by industry: the %(n)s most common",
                TOP_INDUSTRIES,
            )
            % {"n": TOP_INDUSTRIES},
            _described(
                by_industry,
                total,
                gettext("%(total)s enterprises in all; the most common industry is “%(first)s” (%(count)s)."),
            ),
            by_industry,
            value_heading,
            gettext("Industry"),
        ),
    ]


def figure_charts(figures):
    """One chart per figure label (and unit) with values for two years or more, the years in order.

    From figures already read with the page (a park's prefetched figures): no query. Figures of one label in
    different units are not drawn against each other.
    """
    groups = {}
    for figure in figures:
        if figure.year is not None:
            groups.setdefault((figure.label, figure.unit), []).append(figure)
    charts = []
    for number, series in enumerate(groups.values(), start=1):
        by_year = sorted({f.year: f for f in series}.values(), key=lambda f: f.year)
        if len(by_year) < 2:
            continue
        first = by_year[0]
        label = first.label_en if is_english() and first.label_en else first.label
        rows = [(str(f.year), f.value, figure_value(f), "") for f in by_year]
        description = gettext("%(label)s, %(first)s to %(last)s: %(values)s.") % {
            "label": label,
            "first": by_year[0].year,
            "last": by_year[-1].year,
            "values": gettext("; ").join(f"{f.year}: {figure_value(f)}" for f in by_year),
        }
        chart = bar_chart(f"figure-chart-{number}", label, description, rows, gettext("Value"), gettext("Year"))
        chart["lang"] = "zh-Hans" if is_english() and not first.label_en else ""
        charts.append(chart)
    return charts


@require_safe
def dashboard(request):
    charts = remember(
        f"data-dashboard:{get_language()}", lambda: {"parks": _park_charts(), "enterprises": _enterprise_charts()}
    )
    licence = settings.OPEN_DATA_LICENCE_EN if is_english() else settings.OPEN_DATA_LICENCE
    context = {"charts": charts, "datasets": DATASETS, "licence": licence}
    return render(request, "bureau/data/dashboard.html", context)


@require_safe
def download(request, dataset, file_format):
    """One open-data file, kept in the cache for the content generation.

    ``no-cache`` lets browsers and proxies keep the file but ask each time
    (the ETag answers 304 while it has not changed); it also keeps the file out
    of the page cache, which would store a second copy of something already kept.
    """
    if dataset not in BY_NAME or file_format not in FORMATS:
        raise Http404
    origin = f"{request.scheme}://{request.get_host()}"
    built = remember(
        f"open-data:{origin}/{dataset}.{file_format}",
        lambda: build_file(BY_NAME[dataset], file_format, request.build_absolute_uri),
    )
    response = HttpResponse(built["content"], content_type=FORMATS[file_format])
    response["ETag"] = f'"{built["etag"]}"'
    response["Last-Modified"] = http_date(built["made"])
    response["Cache-Control"] = "public, no-cache"
    response["Access-Control-Allow-Origin"] = "*"
    if file_format == "csv":
        response["Content-Disposition"] = f'attachment; filename="qingdao-{dataset}.csv"'
    return response
