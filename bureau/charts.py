"""Horizontal bar charts drawn on the server, as SVG: no script, nothing from another host.

Each bar has its label on a line of its own above it and its value printed at
its end, so that long Chinese or English labels never compete with the bars
for width. Widths are percentages and the drawing has no viewBox: on a phone
the bars get shorter while the text keeps the page's size, instead of the
whole drawing shrinking into unreadable text.

The site's Content-Security-Policy forbids inline styles: the drawing is
coloured by classes of site.css. A chart is a plain dict (title, description,
rows), so it can be kept in the cache per content generation and rendered by
bureau/templates/bureau/includes/bar_chart.html, which also gives the numbers
as a table for screen readers.
"""

from decimal import Decimal

# Vertical layout in px, at the site's body text size.
ROW_HEIGHT = 46
LABEL_BASELINE = 16
BAR_TOP = 22
BAR_HEIGHT = 16
VALUE_BASELINE = BAR_TOP + 13
# The longest bar's share of the width: the rest is room for its value, printed after it.
MAX_BAR_PERCENT = 62


def bar_chart(chart_id, title, description, rows, value_heading, label_heading):
    """A chart of ``rows``: ``(label, value, shown, lang)`` with ``value`` a number, ``shown`` how the page writes
    it and ``lang`` the label's language where it differs from the page's ("zh-Hans" for a Chinese name on an
    English page), or "".

    ``chart_id`` makes the ids of the title and the description unique on the page.
    """
    largest = max((Decimal(row[1]) for row in rows), default=Decimal(0))
    bars = []
    for index, (label, value, shown, lang) in enumerate(rows):
        value = Decimal(value)
        percent = float(value / largest * MAX_BAR_PERCENT) if largest > 0 and value > 0 else 0.0
        top = index * ROW_HEIGHT
        bars.append(
            {
                "label": str(label),
                "lang": lang,
                "shown": str(shown),
                "label_y": top + LABEL_BASELINE,
                "bar_y": top + BAR_TOP,
                "value_y": top + VALUE_BASELINE,
                # A bar of zero length still shows a sliver, so that a row with a value of 0 is seen to be there.
                "width": f"{max(percent, 0.4):.2f}%",
                "value_x": f"{percent + 1.2:.2f}%",
            }
        )
    return {
        "id": chart_id,
        "title": str(title),
        "description": str(description),
        "label_heading": str(label_heading),
        "value_heading": str(value_heading),
        "bars": bars,
        "height": len(bars) * ROW_HEIGHT,
        "bar_height": BAR_HEIGHT,
    }
