"""A static SVG bar chart that reads without JavaScript: every bar has its number written above it and a
<title> for screen readers, and the chart has a <title> and <desc>. Pure text out, no plotting library."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH, HEIGHT = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 24, 56
BAR_COLOUR, ALERT_COLOUR, TEXT_COLOUR, GRID_COLOUR = "#3f51b5", "#b71c1c", "#1a1a1a", "#c8c8c8"


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar ("dec")
    sublabel: str  # second line under the bar, e.g. the year at January ("2027"), or ""
    value: int
    alert: int = 0  # part of value drawn in the alert colour (overdue), at the bottom of the bar
    description: str = ""  # the bar's <title>


def _ticks(maximum: int) -> list[int]:
    step = max(1, -(-maximum // 4))
    return list(range(0, maximum + step, step))


def render(title: str, description: str, bars: Sequence[Bar]) -> str:
    ticks = _ticks(max((bar.value for bar in bars), default=0))
    top_value = ticks[-1] or 1
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(bars), 1)
    bar_width = slot * 0.7
    baseline = TOP + plot_height

    def y(value: float) -> float:
        return baseline - plot_height * value / top_value

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        'role="img" aria-labelledby="chart-title chart-desc" font-family="sans-serif" font-size="12">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for tick in ticks:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="{GRID_COLOUR}"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{TEXT_COLOUR}">{tick}</text>'
        )
    for index, bar in enumerate(bars):
        x = LEFT + index * slot + (slot - bar_width) / 2
        centre = x + bar_width / 2
        group = [f"<g><title>{escape(bar.description)}</title>"]
        normal = bar.value - bar.alert
        if bar.alert:
            group.append(_rect(x, y(bar.alert), bar_width, baseline - y(bar.alert), ALERT_COLOUR))
        if normal:
            group.append(_rect(x, y(bar.value), bar_width, y(bar.alert) - y(bar.value), BAR_COLOUR))
        if bar.value:
            group.append(
                f'<text x="{centre:.1f}" y="{y(bar.value) - 4:.1f}" text-anchor="middle" '
                f'fill="{TEXT_COLOUR}">{bar.value}</text>'
            )
        group.append(
            f'<text x="{centre:.1f}" y="{baseline + 16}" text-anchor="middle" fill="{TEXT_COLOUR}">'
            f"{escape(bar.label)}</text>"
        )
        if bar.sublabel:
            group.append(
                f'<text x="{centre:.1f}" y="{baseline + 32}" text-anchor="middle" fill="{TEXT_COLOUR}">'
                f"{escape(bar.sublabel)}</text>"
            )
        group.append("</g>")
        parts.append("".join(group))
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{baseline}" y2="{baseline}" stroke="{TEXT_COLOUR}"/>'
    )
    if any(bar.alert for bar in bars):
        legend_y = HEIGHT - 8
        parts.append(
            _rect(LEFT, legend_y - 10, 12, 12, ALERT_COLOUR)
            + f'<text x="{LEFT + 18}" y="{legend_y}" fill="{TEXT_COLOUR}">te laat (al over de datum)</text>'
            + _rect(LEFT + 200, legend_y - 10, 12, 12, BAR_COLOUR)
            + f'<text x="{LEFT + 218}" y="{legend_y}" fill="{TEXT_COLOUR}">volgende controle in deze maand</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _rect(x: float, y: float, width: float, height: float, colour: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill={quoteattr(colour)}/>'
    )
