"""Charts drawn on the server as SVG: grouped bars, lines and stacked shares.

No JavaScript and no CDN: the markup is part of the page, prints as vectors and is read by screen
readers through ``role="img"`` with a ``<title>`` and a ``<desc>`` (every chart also has its numbers in
a table beside it). Colours are presentation attributes (the Content-Security-Policy forbids inline
styles) chosen to stay apart in grey print; each series also has its own stroke dash in line charts.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from markupsafe import Markup, escape

PALETTE = ("#1f4e79", "#e07b00", "#7a9c3a", "#8e3b74", "#5b5b5b", "#c9a227", "#2a9d8f", "#b5485d")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")
WIDTH = 640
LABEL_WIDTH = 190
ROW = 22
LEGEND = 24
LEGEND_ROW = 16


@lru_cache(maxsize=4096)  # a dashboard formats ~1 500 figures, most of them small integers seen before
def format_number(value: float) -> str:
    """1234.5 → «1 234,5»: Russian figures on the chart."""
    rounded = round(value, 1)
    text = f"{rounded:,.1f}" if rounded != int(rounded) else f"{int(rounded):,}"
    return text.replace(",", "\u00a0").replace(".", ",")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return float(top)
    return float(10 * magnitude)


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _open(key: str, title: str, description: str, height: int) -> list[str]:
    return [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{key}-title {key}-desc" focusable="false">',
        f'<title id="{key}-title">{escape(title)}</title>',
        f'<desc id="{key}-desc">{escape(description)}</desc>',
    ]


def _legend_places(names: Sequence[str]) -> list[tuple[int, int]]:
    """(x, row) of each series' key: a key that would run past the chart's right edge starts a new row."""
    places, x, row = [], 8, 0
    for name in names:
        width = 28 + 7 * min(len(name), 34)
        if x > 8 and x + width - 12 > WIDTH:
            x, row = 8, row + 1
        places.append((x, row))
        x += width
    return places


def _legend_height(names: Sequence[str]) -> int:
    """Where the plot starts: below the legend's rows."""
    rows = 1 + max((row for _x, row in _legend_places(names)), default=0)
    return LEGEND + (rows - 1) * LEGEND_ROW


def _legend(names: Sequence[str], y: int) -> list[str]:
    parts = []
    for index, (name, (x, row)) in enumerate(zip(names, _legend_places(names))):
        colour = PALETTE[index % len(PALETTE)]
        top = y + row * LEGEND_ROW
        parts.append(f'<rect x="{x}" y="{top}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="{top + 10}" font-size="11">{escape(_short(name, 34))}</text>')
    return parts


def bar_chart(key: str, title: str, description: str, categories: Sequence[str],
              series: Sequence[tuple[str, Sequence[float]]]) -> Markup:
    """Horizontal grouped bars: one group per category, one bar per series (e.g. this year and last)."""
    groups = max(len(categories), 1)
    per_group = max(len(series), 1)
    group_height = per_group * 12 + 10
    legend = _legend_height([name for name, _values in series])
    height = legend + groups * group_height + 24
    top = _nice_max(max((value for _name, values in series for value in values), default=0))
    plot = WIDTH - LABEL_WIDTH - 60
    parts = _open(key, title, description, height)
    parts += _legend([name for name, _values in series], 4)
    for index, category in enumerate(categories):
        y = legend + index * group_height + 4
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + group_height / 2:g}" font-size="11" text-anchor="end">'
                     f'{escape(_short(category))}</text>')
        for position, (name, values) in enumerate(series):
            value = values[index] if index < len(values) else 0
            length = plot * value / top
            bar_y = y + position * 12
            colour = PALETTE[position % len(PALETTE)]
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{length:.1f}" height="10" fill="{colour}">'
                         f'<title>{escape(category)}, {escape(name)}: {format_number(value)}</title></rect>')
            parts.append(f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{bar_y + 9}" font-size="10">'
                         f'{format_number(value)}</text>')
    axis_y = legend + groups * group_height + 4
    parts.append(f'<line x1="{LABEL_WIDTH}" y1="{legend}" x2="{LABEL_WIDTH}" y2="{axis_y}" stroke="#333"/>')
    parts.append(f'<text x="{LABEL_WIDTH + plot}" y="{axis_y + 14}" font-size="10" text-anchor="end">'
                 f'{format_number(top)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _runs(points: list) -> list[list[tuple[float, float]]]:
    """The unbroken runs of points between the gaps (None)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def line_chart(key: str, title: str, description: str, categories: Sequence[str],
               series: Sequence[tuple[str, Sequence[float]]]) -> Markup:
    """Lines over ordered categories (months of the academic year), one line per series; a None value (a month
    without data) leaves a gap in the line and no point."""
    legend = _legend_height([name for name, _values in series])
    height = 196 + legend
    left, right, top_y, bottom = 40, WIDTH - 12, legend + 10, height - 30
    top = _nice_max(max((value for _name, values in series for value in values if value is not None), default=0))
    count = max(len(categories), 1)
    step = (right - left) / max(count - 1, 1)
    parts = _open(key, title, description, height)
    parts += _legend([name for name, _values in series], 4)
    for fraction in (0, 0.5, 1):
        y = bottom - (bottom - top_y) * fraction
        parts.append(f'<line x1="{left}" y1="{y:g}" x2="{right}" y2="{y:g}" stroke="#ccc"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 4:g}" font-size="10" text-anchor="end">'
                     f'{format_number(top * fraction)}</text>')
    for index, category in enumerate(categories):
        x = left + index * step
        parts.append(f'<text x="{x:.1f}" y="{height - 12}" font-size="10" text-anchor="middle">'
                     f'{escape(_short(category, 6))}</text>')
    for position, (name, values) in enumerate(series):
        colour = PALETTE[position % len(PALETTE)]
        points = [None if value is None else (left + index * step, bottom - (bottom - top_y) * value / top)
                  for index, value in enumerate(values)]
        dash = DASHES[position % len(DASHES)]
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        for run in _runs(points):
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash_attribute} points="'
                         + " ".join(f"{x:.1f},{y:.1f}" for x, y in run) + '"/>')
        for point, value, category in zip(points, values, categories):
            if point is None:
                continue
            x, y = point
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
                         f'<title>{escape(category)}, {escape(name)}: {format_number(value)}</title></circle>')
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked_chart(key: str, title: str, description: str, categories: Sequence[str],
                  series: Sequence[tuple[str, Sequence[float]]]) -> Markup:
    """Horizontal 100 % bars: each category's series as shares of its total (shown in per cent)."""
    groups = max(len(categories), 1)
    legend = _legend_height([name for name, _values in series])
    height = legend + groups * (ROW + 6) + 10
    plot = WIDTH - LABEL_WIDTH - 10
    parts = _open(key, title, description, height)
    parts += _legend([name for name, _values in series], 4)
    for index, category in enumerate(categories):
        y = legend + index * (ROW + 6) + 2
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" font-size="11" text-anchor="end">'
                     f'{escape(_short(category))}</text>')
        total = sum(values[index] for _name, values in series if index < len(values))
        x = float(LABEL_WIDTH)
        if total <= 0:
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{plot}" height="{ROW}" fill="none" stroke="#ccc"/>')
            continue
        for position, (name, values) in enumerate(series):
            value = values[index] if index < len(values) else 0
            share = value / total
            width = plot * share
            colour = PALETTE[position % len(PALETTE)]
            tooltip = f"{escape(category)}, {escape(name)}: {format_number(value)} ({format_number(share * 100)} %)"
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{ROW}" fill="{colour}" stroke="#fff">'
                         f'<title>{tooltip}</title></rect>')
            if width > 34:
                parts.append(f'<text x="{x + width / 2:.1f}" y="{y + 15}" font-size="10" text-anchor="middle" '
                             f'fill="#fff">{format_number(share * 100)} %</text>')
            x += width
    parts.append("</svg>")
    return Markup("".join(parts))


CHARTS = {"bars": bar_chart, "lines": line_chart, "stacked": stacked_chart}
