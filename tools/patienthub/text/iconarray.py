"""Icon arrays: "X van de 100 mensen" as 100 small figures, drawn as inline SVG at build time (no JavaScript).

A figure and a row of ten figures (one path) are drawn once per page (`defs()`, a hidden SVG of symbols) and
every array reuses them (`<use href="#…">`): a full row is one element, only the row where filled turns into
open is drawn figure by figure. An outcomes page with many arrays stays small on a phone (issue 22).

Filled figures are solid, the others are outlines: the difference is shape and lightness, not hue, so it holds
for colour-blind readers and on a black-and-white print. Colours are set as attributes too, so the picture is
right without the site's stylesheet (copies of the page). The accessible name says the number in words.
"""

from __future__ import annotations

from html import escape

SVG_NS = "http://www.w3.org/2000/svg"
DENOMINATOR = 100
COLUMNS = 10

# One figure is 12 x 20 units: a head and a body. The pitch leaves room between figures, and an extra gap
# after every fifth column and row makes the groups of 5 and 10 easy to count.
_ICON_W, _ICON_H = 12, 20
_PITCH_X, _PITCH_Y = 15, 24
_GROUP_GAP = 5
_MARGIN = 1
FILLED = {"class": "ph-icon ph-icon--filled", "fill": "#1d3f73", "stroke": "#1d3f73", "stroke-width": "1"}
EMPTY = {"class": "ph-icon ph-icon--empty", "fill": "#ffffff", "stroke": "#4d4d4d", "stroke-width": "1"}


def _num(value: float) -> str:
    return f"{value:g}"


def figure_path(x: float, y: float) -> str:
    """Path data of one figure with its top-left corner at (x, y)."""
    return (
        f"M{_num(x + 6)} {_num(y + 0.3)}a3.2 3.2 0 1 1 0 6.4a3.2 3.2 0 1 1 0-6.4z"
        f"M{_num(x + 1.5)} {_num(y + 20)}v-9q0-2.5 2.5-2.5h4q2.5 0 2.5 2.5v9z"
    )


def _attributes(attrs: dict[str, str]) -> str:
    return " ".join(f'{name}="{escape(value)}"' for name, value in attrs.items())


def _position(index: int, columns: int) -> tuple[float, float]:
    row, column = divmod(index, columns)
    x = _MARGIN + column * _PITCH_X + (_GROUP_GAP if column >= columns // 2 else 0)
    y = _MARGIN + row * _PITCH_Y + (_GROUP_GAP if row >= 5 else 0)
    return x, y


def size(total: int = DENOMINATOR, columns: int = COLUMNS) -> tuple[int, int]:
    rows = -(-total // columns)
    width = 2 * _MARGIN + columns * _PITCH_X - (_PITCH_X - _ICON_W) + _GROUP_GAP
    height = 2 * _MARGIN + rows * _PITCH_Y - (_PITCH_Y - _ICON_H) + (_GROUP_GAP if rows > 5 else 0)
    return width, height


# Ids of the shared drawings; `defs()` must be on the page once before any array that uses them.
FIGURE_ID = {True: "ph-fig-1", False: "ph-fig-0"}
ROW_ID = {True: "ph-row-1", False: "ph-row-0"}


def defs(columns: int = COLUMNS) -> str:
    """The hidden SVG with the shared figures and rows (decorative: every array names its own number)."""
    parts = [
        f'<svg xmlns="{SVG_NS}" class="ph-iconarray__defs" aria-hidden="true" focusable="false" '
        'width="0" height="0"><defs>'
    ]
    for filled in (True, False):
        attrs = FILLED if filled else EMPTY
        parts.append(
            f'<symbol id="{FIGURE_ID[filled]}"><path {_attributes(attrs)} d="{figure_path(_MARGIN, _MARGIN)}"/></symbol>'
        )
    # A row is one path of ten figures, not ten <use>s of one: every <use> is a tree of its own that the
    # browser styles, and an outcomes page with seven arrays spent half its style time on them (issue 22).
    for filled in (True, False):
        attrs = FILLED if filled else EMPTY
        row = "".join(figure_path(_position(column, columns)[0], _MARGIN) for column in range(columns))
        parts.append(f'<symbol id="{ROW_ID[filled]}"><path {_attributes(attrs)} d="{row}"/></symbol>')
    parts.append("</defs></svg>")
    return "".join(parts)


def icon_array(count: int, label: str, total: int = DENOMINATOR, columns: int = COLUMNS) -> str:
    """An SVG of `total` figures of which the first `count` (row by row) are filled, drawn from `defs()`.

    `label` is the accessible name and says the number: "95 van de 100 mensen voelden zich hersteld".
    """
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= total:
        raise ValueError(f"count must be a whole number from 0 to {total}, not {count!r}")
    width, height = size(total, columns)
    parts = [
        f'<svg xmlns="{SVG_NS}" class="ph-iconarray__svg" role="img" aria-label="{escape(label)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" focusable="false">',
        f"<title>{escape(label)}</title>",
    ]
    # A symbol clips what lies outside its box, so every figure is drawn one margin in and placed one margin up.
    for start in range(0, total, columns):
        y = _position(start, columns)[1]
        in_row = min(columns, total - start)
        if in_row == columns and (start + columns <= count or start >= count):
            parts.append(f'<use href="#{ROW_ID[start < count]}" x="0" y="{_num(y - _MARGIN)}"/>')
            continue
        for index in range(start, start + in_row):
            fx, fy = _position(index, columns)
            parts.append(
                f'<use href="#{FIGURE_ID[index < count]}" x="{_num(fx - _MARGIN)}" y="{_num(fy - _MARGIN)}"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def legend_icon(filled: bool) -> str:
    """One figure for a legend; decorative, because the legend's text says what it means."""
    attrs = FILLED if filled else EMPTY
    return (
        f'<svg xmlns="{SVG_NS}" class="ph-legend__icon" aria-hidden="true" focusable="false" '
        f'viewBox="0 0 {_ICON_W + 2} {_ICON_H + 2}" width="{_ICON_W + 2}" height="{_ICON_H + 2}">'
        f'<path {_attributes(attrs)} d="{figure_path(1, 1)}"/></svg>'
    )
