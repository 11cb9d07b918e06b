import re
import xml.etree.ElementTree as ET

import pytest

from patienthub.text.iconarray import SVG_NS, defs, icon_array, legend_icon, size

NS = {"svg": SVG_NS}
USE = f"{{{SVG_NS}}}use"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on anything that is not well-formed XML
    assert root.tag == f"{{{SVG_NS}}}svg"
    return root


def drawn(root: ET.Element, shared: ET.Element) -> list[tuple[float, float, ET.Element]]:
    """Every figure the browser draws: each <use> followed into the shared symbols, with its position
    (the head's top-left corner in the array's coordinates) and the path it draws."""
    symbols = {s.get("id"): s for s in shared.iter(f"{{{SVG_NS}}}symbol")}
    out: list[tuple[float, float, ET.Element]] = []

    def walk(element: ET.Element, dx: float, dy: float) -> None:
        for child in element:
            if child.tag == USE:
                href = child.get("href")
                assert href.startswith("#") and href[1:] in symbols, href
                walk(symbols[href[1:]], dx + float(child.get("x", 0)), dy + float(child.get("y", 0)))
            elif child.tag == f"{{{SVG_NS}}}path":
                # One path may draw several figures (a row): each begins with its head, "M x y a…".
                for x, y in re.findall(r"M([0-9.]+) ([0-9.]+)a", child.get("d")):
                    out.append((dx + float(x), dy + float(y), child))

    walk(root, 0, 0)
    return out


def figures(svg: str) -> list[tuple[float, float, ET.Element]]:
    return drawn(parse(svg), parse(defs()))


def icons(svg: str, kind: str) -> list[ET.Element]:
    return [p for _, _, p in figures(svg) if f"ph-icon--{kind}" in p.get("class", "")]


@pytest.mark.parametrize("count", [0, 1, 5, 39, 44, 95, 99, 100])
def test_the_first_count_figures_are_filled_and_the_rest_open(count):
    svg = icon_array(count, f"{count} van de 100 mensen kregen een operatie")
    paths = [p for _, _, p in figures(svg)]
    assert len(paths) == 100
    assert len(icons(svg, "filled")) == count
    assert len(icons(svg, "empty")) == 100 - count
    assert all("filled" in p.get("class") for p in paths[:count])


@pytest.mark.parametrize("count", [0, 44, 100])
def test_figures_sit_where_they_sat_when_each_was_drawn_on_its_own(count):
    # Before issue 22 every figure was its own path; the reused drawing must put each at the same spot.
    from patienthub.text.iconarray import _position, figure_path

    expected = [
        tuple(float(v) for v in figure_path(*_position(i, 10)).split("a")[0][1:].split()) for i in range(100)
    ]
    assert [(x, y) for x, y, _ in figures(icon_array(count, "x"))] == expected


def test_the_page_stays_small():
    # 100 separate paths were ~19 KB per array; reused rows keep even the worst case (a split row) small.
    assert max(len(icon_array(count, "x")) for count in range(101)) < 1500
    assert len(defs()) < 3500


def instances(svg: str) -> int:
    """How many <use> trees the browser builds and styles for one array, nested ones included."""
    symbols = {s.get("id"): s for s in parse(defs()).iter(f"{{{SVG_NS}}}symbol")}

    def count(element: ET.Element) -> int:
        uses = [child for child in element.iter(USE)]
        return sum(1 + count(symbols[use.get("href")[1:]]) for use in uses)

    return count(parse(svg))


@pytest.mark.parametrize("count", [0, 44, 100])
def test_the_browser_builds_few_use_trees_per_array(count):
    # Rows of ten <use>s made 110 trees per array; their styling was what kept the outcomes page below
    # Lighthouse 95 (issue 22). A full row is one tree, a split row ten.
    assert instances(icon_array(count, "x")) <= 19


def test_shared_figures_are_hidden_from_screen_readers_and_take_no_space():
    root = parse(defs())
    assert root.get("aria-hidden") == "true"
    assert (root.get("width"), root.get("height")) == ("0", "0")
    ids = [s.get("id") for s in root.iter(f"{{{SVG_NS}}}symbol")]
    assert len(ids) == len(set(ids)) == 4


def test_accessible_name_says_van_de_100():
    root = parse(icon_array(95, "Snel opereren: 95 van de 100 mensen voelden zich hersteld"))
    assert root.get("role") == "img"
    assert "95 van de 100" in root.get("aria-label")
    assert "van de 100" in root.find("svg:title", NS).text


def test_filled_and_open_differ_in_lightness_not_only_hue():
    svg = icon_array(1, "1 van de 100 mensen")
    filled, empty = icons(svg, "filled")[0], icons(svg, "empty")[0]
    assert filled.get("fill") == filled.get("stroke")  # solid figure
    assert empty.get("fill") == "#ffffff"  # outline only: stays distinct in black and white


def test_every_figure_lies_inside_the_view_box():
    width, height = size()
    svg = icon_array(50, "50 van de 100 mensen")
    assert parse(svg).get("viewBox") == f"0 0 {width} {height}"
    for x, y, _ in figures(svg):
        assert 0 < x < width and 0 < y < height


def test_label_is_escaped():
    root = parse(icon_array(3, 'Groep "A" & <B>: 3 van de 100 mensen'))
    assert root.get("aria-label") == 'Groep "A" & <B>: 3 van de 100 mensen'


@pytest.mark.parametrize("count", [-1, 101, 2.5, True, "3"])
def test_refuses_counts_that_are_not_whole_numbers_of_100(count):
    with pytest.raises(ValueError):
        icon_array(count, "x")


def test_legend_icon_is_decorative():
    root = parse(legend_icon(True))
    assert root.get("aria-hidden") == "true"
    assert "ph-icon--filled" in root.find("svg:path", NS).get("class")
