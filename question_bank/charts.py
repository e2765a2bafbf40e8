"""Server-rendered SVG charts for the results page (no JavaScript, no third-party code).

Each chart is an accessible image: ``role="img"`` with a ``<title>`` and a ``<desc>`` that
states the data in words; the page shows the same data in a table. Colours come from the
stylesheet via class names, so the SVG has no inline style. Every text is XML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

WIDTH = 640
HEIGHT = 260
MARGIN_LEFT = 48
MARGIN_BOTTOM = 40
MARGIN_TOP = 16
MARGIN_RIGHT = 16


def _svg(chart_id: str, title: str, desc: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def score_bins(scores: Sequence[int], max_score: int) -> list[tuple[str, int]]:
    """(label, count) per score from 0 to ``max_score`` (grouped into 10 bands above 20)."""
    if max_score <= 20:
        return [(str(s), sum(1 for x in scores if x == s)) for s in range(max_score + 1)]
    bins: list[tuple[str, int]] = []
    for b in range(10):
        low = b * max_score // 10
        high = (b + 1) * max_score // 10 - 1 if b < 9 else max_score
        bins.append((f"{low}-{high}", sum(1 for x in scores if low <= x <= high)))
    return bins


def _axes(y_max: float, y_label_fmt: str, ticks: Sequence[float]) -> list[str]:
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    parts = [
        f'<line class="axis" x1="{MARGIN_LEFT}" y1="{MARGIN_TOP}" x2="{MARGIN_LEFT}" '
        f'y2="{HEIGHT - MARGIN_BOTTOM}"/>',
        f'<line class="axis" x1="{MARGIN_LEFT}" y1="{HEIGHT - MARGIN_BOTTOM}" '
        f'x2="{WIDTH - MARGIN_RIGHT}" y2="{HEIGHT - MARGIN_BOTTOM}"/>',
    ]
    for t in ticks:
        y = HEIGHT - MARGIN_BOTTOM - (t / y_max) * plot_h if y_max else HEIGHT - MARGIN_BOTTOM
        parts.append(
            f'<line class="grid" x1="{MARGIN_LEFT}" y1="{y:.1f}" x2="{WIDTH - MARGIN_RIGHT}" '
            f'y2="{y:.1f}"/>'
            f'<text class="tick" x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(y_label_fmt.format(t))}</text>"
        )
    return parts


def _bars(values: Sequence[tuple[str, float]], y_max: float, css: str) -> list[str]:
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    step = plot_w / max(1, len(values))
    width = step * 0.7
    parts: list[str] = []
    for i, (label, value) in enumerate(values):
        h = (value / y_max) * plot_h if y_max else 0.0
        x = MARGIN_LEFT + i * step + (step - width) / 2
        y = HEIGHT - MARGIN_BOTTOM - h
        parts.append(
            f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}"/>'
            f'<text class="tick" x="{x + width / 2:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 18}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    return parts


def score_histogram_svg(scores: Sequence[int], max_score: int) -> str:
    """A histogram of total scores (number of finished attempts per score)."""
    bins = score_bins(scores, max_score)
    top = max((c for _label, c in bins), default=0)
    y_max = float(max(1, top))
    ticks = sorted({0.0, y_max / 2 if top > 1 else 0.0, y_max})
    desc = "Number of students per score: " + (
        "; ".join(f"score {label}: {count}" for label, count in bins) if scores else "no data yet"
    )
    body = _axes(y_max, "{:.0f}", ticks) + _bars([(lbl, float(c)) for lbl, c in bins], y_max, "bar")
    body.append(
        f'<text class="axis-label" x="{WIDTH / 2:.0f}" y="{HEIGHT - 4}" text-anchor="middle">'
        f"Score (out of {max_score})</text>"
    )
    return _svg("score-chart", "Score distribution", desc, body)


def facility_bars_svg(items: Sequence[tuple[str, float | None]]) -> str:
    """Facility index per question (0-100%); questions with no data are drawn as empty."""
    values = [(label, f if f is not None else 0.0) for label, f in items]
    desc = "Facility per question: " + (
        "; ".join(f"{label}: {'no data' if f is None else format(f, '.0%')}" for label, f in items)
        or "no questions"
    )
    body = _axes(1.0, "{:.0%}", [0.0, 0.2, 0.5, 0.9, 1.0]) + _bars(values, 1.0, "bar facility")
    body.append(
        f'<text class="axis-label" x="{WIDTH / 2:.0f}" y="{HEIGHT - 4}" text-anchor="middle">'
        "Question</text>"
    )
    return _svg("facility-chart", "Facility per question", desc, body)
