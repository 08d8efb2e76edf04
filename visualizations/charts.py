"""Bar and pie charts as standalone SVG, with the same numbers as an HTML table and CSV.

Why pure functions and hand-written SVG: the dashboard must render without a
charting library from a CDN, the same SVG is offered as a download, and every
chart needs a text equivalent (a table for screen readers, CSV for reuse).
Each function takes the ``[{"key", "label", "count"}]`` items that
``service.public.stats.dashboard`` returns and gives back a string; nothing
here touches a database or Flask. An item may carry an ``href``: its bar, slice,
legend entry and table row then link there (the list the number counts).

Numbers and shares are written in the given ``locale`` (a page's language) through
Babel, so that a Korean chart groups its digits as Korean does.

The SVG uses presentation attributes only (no ``style=`` attributes), so pages
can keep a Content-Security-Policy without ``'unsafe-inline'``; it carries a
``<title>`` and ``<desc>`` and ``role="img"`` so it is announced properly.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from babel.numbers import format_decimal, format_percent

#: Colours with at least 3:1 contrast against white (WCAG non-text contrast).
PALETTE = ("#1f5f99", "#b3411b", "#2e7d32", "#7b3f99", "#8a6d00", "#00727a", "#a4204f",
           "#4e5d6c", "#5c4033", "#3d5a00", "#6a1b9a", "#004d40")
TEXT = "#1a1a1a"
MUTED = "#555555"
GRID = "#d0d0d0"
FONT = ("system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK KR', 'Nanum Gothic', "
        "'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif")

Items = Sequence[Mapping]


def _num(n: int | float, locale: str) -> str:
    return format_decimal(n, format=None if isinstance(n, int) else "#,##0.0", locale=locale)


def _share(part: int | float, whole: int | float, locale: str) -> str:
    return format_percent(part / whole, locale=locale)


def _open_svg(chart_id: str, width: int, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart-svg" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family={quoteattr(FONT)} '
        f'font-size="12" fill="{TEXT}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _linked(item: Mapping, inner: str, said: str, focusable: bool = True) -> str:
    """``inner`` inside a link to the item's ``href``, named by what it says; as is without.
    A second link to the same place (a pie's slice beside its legend entry) is left out of
    the tab order, so a keyboard meets each target once."""
    href = item.get("href")
    if not href:
        return inner
    skip = "" if focusable else ' tabindex="-1"'
    return f"<a href={quoteattr(str(href))} aria-label={quoteattr(said)}{skip}>{inner}</a>"


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(items: Items, *, chart_id: str, title: str, description: str = "",
              orientation: str = "horizontal", width: int = 640, empty_text: str = "No data",
              locale: str = "en") -> str:
    """A bar chart of ``items`` as a standalone SVG document (a string).

    ``horizontal`` suits long category labels (one row per item, value at the
    bar's end); ``vertical`` suits a time series such as years (every n-th
    label shown so that they never overlap). The description should say what
    is counted; the numbers are in each bar's ``<title>`` too.
    """
    items = [i for i in items if i.get("count") is not None]
    if orientation not in ("horizontal", "vertical"):
        raise ValueError("orientation is horizontal or vertical")
    if not items:
        out = _open_svg(chart_id, width, 60, title, description)
        out.append(f'<text x="{width // 2}" y="34" text-anchor="middle" fill="{MUTED}">'
                   f"{escape(empty_text)}</text></svg>")
        return "\n".join(out)
    peak = max(i["count"] for i in items) or 1
    if orientation == "horizontal":
        return _horizontal(items, peak, chart_id, title, description, width, locale)
    return _vertical(items, peak, chart_id, title, description, width, locale)


def _horizontal(items: Items, peak: int, chart_id: str, title: str, description: str,
                width: int, locale: str) -> str:
    row, label_w, pad = 24, min(260, width // 2 - 20), 8
    value_w = 60
    bar_max = width - label_w - value_w - 2 * pad
    height = pad * 2 + row * len(items)
    out = _open_svg(chart_id, width, height, title, description)
    for n, item in enumerate(items):
        y = pad + n * row
        length = max(1.0, bar_max * item["count"] / peak)
        label = str(item.get("label") or item["key"])
        said = f'{label}: {_num(item["count"], locale)}'
        out.append(_linked(item, f'<g class="bar"><title>{escape(said)}</title>'
                   f'<text x="{label_w - 6}" y="{y + row / 2 + 4:.1f}" text-anchor="end">'
                   f"{escape(_truncate(label, 38))}</text>"
                   f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
                   f'fill="{PALETTE[0]}"/>'
                   f'<text x="{label_w + length + 6:.1f}" y="{y + row / 2 + 4:.1f}">'
                   f'{_num(item["count"], locale)}</text></g>', said))
    out.append(f'<line x1="{label_w}" y1="{pad}" x2="{label_w}" y2="{height - pad}" '
               f'stroke="{MUTED}" stroke-width="1"/>')
    out.append("</svg>")
    return "\n".join(out)


def _nice_ticks(peak: int, count: int = 4) -> list[int]:
    step = max(1, peak / count)
    magnitude = 10 ** math.floor(math.log10(step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= step)
    step = max(1, int(step))
    return list(range(0, int(peak) + step, step))


def _vertical(items: Items, peak: int, chart_id: str, title: str, description: str,
              width: int, locale: str) -> str:
    height, left, right, top, bottom = 260, 48, 12, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = _nice_ticks(peak)
    scale_max = ticks[-1] or 1
    slot = plot_w / len(items)
    bar_w = max(1.0, slot * 0.8)
    every = max(1, math.ceil(len(items) / max(1, plot_w // 44)))
    out = _open_svg(chart_id, width, height, title, description)
    for tick in ticks:
        y = top + plot_h - plot_h * tick / scale_max
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                   f'stroke="{GRID}" stroke-width="1"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
                   f"{_num(tick, locale)}</text>")
    for n, item in enumerate(items):
        h = plot_h * item["count"] / scale_max
        x = left + n * slot + (slot - bar_w) / 2
        label = str(item.get("label") or item["key"])
        said = f'{label}: {_num(item["count"], locale)}'
        # The link's target spans the whole column, so a short bar is as easy to hit.
        out.append(_linked(item, f'<g class="bar"><title>{escape(said)}</title>'
                   + (f'<rect x="{left + n * slot:.1f}" y="{top}" width="{slot:.1f}" '
                      f'height="{plot_h}" fill="#ffffff" fill-opacity="0"/>'
                      if item.get("href") else "")
                   + f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
                   f'height="{max(h, 0.5):.1f}" fill="{PALETTE[0]}"/></g>', said))
        if n % every == 0:
            cx = left + n * slot + slot / 2
            out.append(f'<text x="{cx:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                       f'fill="{MUTED}">{escape(_truncate(label, 10))}</text>')
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" '
               f'y2="{top + plot_h}" stroke="{MUTED}" stroke-width="1"/>')
    out.append("</svg>")
    return "\n".join(out)


def pie_chart(items: Items, *, chart_id: str, title: str, description: str = "",
              width: int = 640, empty_text: str = "No data", locale: str = "en") -> str:
    """A pie chart with a legend (label, count, share) as a standalone SVG document.

    Slices keep the order of ``items``; a single item is drawn as a full circle.
    """
    items = [i for i in items if i.get("count")]
    total = sum(i["count"] for i in items)
    legend_row = 22
    radius = 100
    height = max(2 * radius + 24, 16 + legend_row * len(items))
    out = _open_svg(chart_id, width, height if items else 60, title, description)
    if not total:
        out.append(f'<text x="{width // 2}" y="34" text-anchor="middle" fill="{MUTED}">'
                   f"{escape(empty_text)}</text></svg>")
        return "\n".join(out)
    cx, cy = radius + 12, height / 2
    angle = -math.pi / 2
    for n, item in enumerate(items):
        colour = PALETTE[n % len(PALETTE)]
        share = item["count"] / total
        label = str(item.get("label") or item["key"])
        said = f"{_num(item['count'], locale)} ({_share(item['count'], total, locale)})"
        tip = f"<title>{escape(label)}: {said}</title>"
        if len(items) == 1:
            shape = f'<circle cx="{cx}" cy="{cy:.1f}" r="{radius}" fill="{colour}"/>'
        else:
            end = angle + 2 * math.pi * share
            x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            x2, y2 = cx + radius * math.cos(end), cy + radius * math.sin(end)
            large = 1 if share > 0.5 else 0
            shape = (f'<path d="M{cx},{cy:.1f} L{x1:.2f},{y1:.2f} A{radius},{radius} 0 {large} 1 '
                     f'{x2:.2f},{y2:.2f} Z" fill="{colour}" stroke="#ffffff" stroke-width="1"/>')
            angle = end
        out.append(_linked(item, f'<g class="slice">{tip}{shape}</g>', f"{label}: {said}",
                           focusable=False))
        ly = 16 + n * legend_row + (height - 16 - legend_row * len(items)) / 2
        lx = 2 * radius + 40
        out.append(_linked(item, f'<g class="legend-entry"><rect x="{lx}" y="{ly:.1f}" '
                   f'width="14" height="14" fill="{colour}"/>'
                   f'<text x="{lx + 20}" y="{ly + 12:.1f}">{escape(_truncate(label, 40))} — '
                   f"{said}</text></g>", f"{label}: {said}"))
    out.append("</svg>")
    return "\n".join(out)


def table_html(items: Items, *, caption: str, label_header: str, count_header: str,
               share_header: str | None = None, missing_text: str = "—",
               table_id: str | None = None, locale: str = "en") -> str:
    """The chart's numbers as an accessible HTML table (caption, column headers, row headers).

    A ``count`` of None (a suppressed cell) is shown as ``missing_text``.
    """
    total = sum(i["count"] for i in items if i.get("count"))
    ident = f' id="{escape(table_id)}"' if table_id else ""
    rows = []
    for item in items:
        label = escape(str(item.get("label") or item["key"]))
        if item.get("href"):
            label = f"<a href={quoteattr(str(item['href']))}>{label}</a>"
        count = item.get("count")
        cells = (f'<td class="num">{_num(count, locale) if count is not None else escape(missing_text)}'
                 '</td>')
        if share_header:
            share = _share(count, total, locale) if count is not None and total \
                else escape(missing_text)
            cells += f'<td class="num">{share}</td>'
        rows.append(f'<tr><th scope="row">{label}</th>{cells}</tr>')
    share_col = f'<th scope="col" class="num">{escape(share_header)}</th>' if share_header else ""
    return (f'<table class="data-table"{ident}><caption>{escape(caption)}</caption>'
            f'<thead><tr><th scope="col">{escape(label_header)}</th>'
            f'<th scope="col" class="num">{escape(count_header)}</th>{share_col}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def to_csv(items: Items, *, headers: Sequence[str] = ("key", "label", "count")) -> str:
    """The chart's numbers as CSV: one row per item with its key, label and count
    (an empty count for a suppressed cell). ``headers`` names the three columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    for item in items:
        count = item.get("count")
        writer.writerow([item["key"], item.get("label") or item["key"],
                         "" if count is None else count])
    return buffer.getvalue()
