import xml.etree.ElementTree as ET

import pytest

from patienthub.iconarray import SVG_NS, icon_array, legend_icon, size

NS = {"svg": SVG_NS}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on anything that is not well-formed XML
    assert root.tag == f"{{{SVG_NS}}}svg"
    return root


def icons(root: ET.Element, kind: str) -> list[ET.Element]:
    return [p for p in root.findall("svg:path", NS) if f"ph-icon--{kind}" in p.get("class", "")]


@pytest.mark.parametrize("count", [0, 1, 5, 39, 44, 95, 99, 100])
def test_the_first_count_figures_are_filled_and_the_rest_open(count):
    root = parse(icon_array(count, f"{count} van de 100 mensen kregen een operatie"))
    paths = root.findall("svg:path", NS)
    assert len(paths) == 100
    assert len(icons(root, "filled")) == count
    assert len(icons(root, "empty")) == 100 - count
    assert all("filled" in p.get("class") for p in paths[:count])


def test_accessible_name_says_van_de_100():
    root = parse(icon_array(95, "Snel opereren: 95 van de 100 mensen voelden zich hersteld"))
    assert root.get("role") == "img"
    assert "95 van de 100" in root.get("aria-label")
    assert "van de 100" in root.find("svg:title", NS).text


def test_filled_and_open_differ_in_lightness_not_only_hue():
    root = parse(icon_array(1, "1 van de 100 mensen"))
    filled, empty = icons(root, "filled")[0], icons(root, "empty")[0]
    assert filled.get("fill") == filled.get("stroke")  # solid figure
    assert empty.get("fill") == "#ffffff"  # outline only: stays distinct in black and white


def test_every_figure_lies_inside_the_view_box():
    width, height = size()
    root = parse(icon_array(50, "50 van de 100 mensen"))
    assert root.get("viewBox") == f"0 0 {width} {height}"
    for path in root.findall("svg:path", NS):
        first = path.get("d").split("a")[0]  # "Mx y" of the head
        x, y = (float(v) for v in first[1:].split())
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
    assert icons(root, "filled")
