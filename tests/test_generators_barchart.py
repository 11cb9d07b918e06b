import xml.etree.ElementTree as ET

from patienthub.publish.barchart import Bar, render

SVG = "{http://www.w3.org/2000/svg}"


def chart(bars):
    return ET.fromstring(render("Controles & werklast", "Aantal pagina’s per maand.", bars))


def test_valid_svg_with_title_description_and_a_title_per_bar():
    root = chart(
        [Bar("nov", "2026", 3, 1, "november 2026: 2 pagina’s"), Bar("dec", "", 0, 0, "december 2026: 0")]
    )
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Controles & werklast"
    assert root.find(f"{SVG}desc").text == "Aantal pagina’s per maand."
    groups = root.findall(f"{SVG}g")
    assert [g.find(f"{SVG}title").text for g in groups] == ["november 2026: 2 pagina’s", "december 2026: 0"]
    texts = [t.text for t in groups[0].findall(f"{SVG}text")]
    assert texts == ["3", "nov", "2026"]  # the number is written above the bar: readable without hovering


def test_bar_heights_are_proportional_and_overdue_part_is_drawn_apart():
    root = chart([Bar("a", "", 4, 1, "a"), Bar("b", "", 2, 0, "b")])
    first, second = root.findall(f"{SVG}g")
    heights_first = [float(r.get("height")) for r in first.findall(f"{SVG}rect")]
    [height_second] = [float(r.get("height")) for r in second.findall(f"{SVG}rect")]
    assert len(heights_first) == 2  # overdue part and the rest, in two colours
    assert abs(sum(heights_first) - 2 * height_second) < 0.2
    assert "te laat" in ET.tostring(root, encoding="unicode")


def test_empty_chart_is_still_valid():
    root = chart([Bar("jan", "", 0, 0, "januari: 0")])
    assert root.find(f"{SVG}g/{SVG}rect") is None
