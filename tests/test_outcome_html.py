import datetime as dt
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from patienthub.domain.outcome_data import Dataset, Keuzekaart, Option, Outcome, Row, SourceInfo, Value
from patienthub.domain.outcome_html import (
    THREE_QUESTIONS,
    keuzekaart_block,
    notice,
    outcome_block,
    three_questions,
)
from patienthub.text.datafiles import DataFile
from patienthub.text.iconarray import SVG_NS

SOURCE = SourceInfo("Peul e.a. NEJM 2007", 2007, "https://doi.org/10.1056/x", dt.date(2026, 11, 22))
DATASET = Dataset("d", DataFile("d.yml", {}), True, groups={"a": "Snel opereren", "b": "Eerst afwachten"})


def frequency(*values: Value) -> Outcome:
    return Outcome(
        "herstel", "d", 1, "Voelde zich hersteld", "frequency", "voelden zich hersteld",
        "Mensen met een hernia", "1 jaar na de start", SOURCE, "s", values,
    )  # fmt: skip


class Tags(HTMLParser):
    """Collects start tags with their attributes, and checks that every opened element is closed."""

    VOID = frozenset({"br", "path", "img"})

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, (self.open, tag)
        self.open.pop()

    def all(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]


def test_frequency_outcome_has_an_icon_array_per_group_a_table_and_its_provenance():
    html = outcome_block(frequency(Value("a", 2, 95, total=141), Value("b", 3, 95, total=142)), DATASET)
    tags = Tags(html)
    assert tags.open == []
    svgs = re.findall(r"<svg .*?</svg>", html)
    images = [s for s in svgs if 'role="img"' in s]
    assert len(images) == 2
    for svg in images:
        root = ET.fromstring(svg)
        assert root.tag == f"{{{SVG_NS}}}svg"
        assert "95 van de 100 mensen voelden zich hersteld" in root.get("aria-label")
    assert "Snel opereren: 95 van de 100" in images[0]
    assert html.count('class="ph-iconarray__defs"') == 1  # the shared figures, before the arrays
    assert html.index("ph-iconarray__defs") < html.index("ph-iconarray__svg")
    assert "ph-iconarray__defs" not in outcome_block(frequency(Value("a", 2, 5)), DATASET, with_defs=False)
    assert len(tags.all("tr")) == 3 and tags.all("caption")
    assert "<td>141</td>" in html and "<td>142</td>" in html
    assert "Over wie: Mensen met een hernia" in html and "Wanneer: 1 jaar na de start" in html
    assert 'href="https://doi.org/10.1056/x"' in html and "Geraadpleegd op 22 november 2026" in html


def test_approximate_values_and_uncertainty_are_said():
    html = outcome_block(frequency(Value("a", 2, 25, approximate=True, range=(20, 30))), DATASET)
    assert "ongeveer 25 van de 100 mensen" in html
    assert "<td>20 en 30</td>" in html


def test_a_value_that_is_not_a_whole_number_of_100_is_not_drawn():
    html = outcome_block(frequency(Value("a", 2, 39.5)), DATASET)
    assert "<svg" not in html and "Gegevens ontbreken" in html


def test_words_outcome_says_why_there_is_no_number():
    words = Outcome(
        "pijn", "d", 1, "Minder pijn", "words", None, "Mensen met LRS", "de eerste weken", SOURCE, "s",
        text="Een injectie helpt een beetje.", why_no_numbers="Een score is geen aantal mensen.",
    )  # fmt: skip
    html = outcome_block(words, DATASET)
    assert "<svg" not in html
    assert "Een injectie helpt een beetje." in html and "Een score is geen aantal mensen." in html
    assert "Geraadpleegd op 22 november 2026" in html


def card(**changes) -> Keuzekaart:
    values = {
        "key": "k",
        "file": DataFile("k.yml", {}),
        "valid": True,
        "title": "Opereren of afwachten?",
        "for_whom": "Mensen met een hernia",
        "not_for": "Bel meteen bij alarmsignalen.",
        "datasets": ("d",),
        "options": (Option("wacht", "Afwachten", True, 1), Option("op", "Operatie <snel>", False, 2)),
        "rows": (
            Row("Wat houdt het in?", {"wacht": "Bewegen.", "op": "Een operatie."}, 3),
            Row("Vergoeding?", {"wacht": "Vraag het.", "op": "Vraag het."}, 4),
        ),
        "sources": (SOURCE,),
    }
    values.update(changes)
    return Keuzekaart(**values)


def test_keuzekaart_is_an_accessible_table_with_the_three_questions():
    html = keuzekaart_block(card(), concept=True)
    tags = Tags(html)
    assert tags.open == []
    assert [a["scope"] for a in tags.all("th")] == ["col", "col", "col", "row", "row"]
    cells = tags.all("td")
    assert len(cells) == 4 and cells[1]["data-label"] == "Operatie <snel>"
    assert "Operatie &lt;snel&gt;" in html  # escaped
    assert all(q in html for q in THREE_QUESTIONS)
    assert "nog niet gecontroleerd" in html
    assert "Bel meteen bij alarmsignalen." in html and "Geraadpleegd op 22 november 2026" in html
    assert 'role="' not in html  # native table semantics; explicit roles are redundant (Nu Html Checker)
    assert '<h3 class="ph-keuzekaart__sources-title">Bronnen</h3>' in html


def test_an_approved_keuzekaart_has_no_concept_line():
    assert "nog niet gecontroleerd" not in keuzekaart_block(card(), concept=False)


def test_three_questions_block_names_its_source():
    html = three_questions()
    assert "Wat zijn de voor- en nadelen van die mogelijkheden?" in html
    assert "Patiëntenfederatie Nederland" in html and 'href="https://3goedevragen.nl"' in html
    # Not an <aside>: inside <main> that is a complementary landmark that is not top level (axe best practice).
    assert (
        html.startswith('<section class="ph-3vragen" aria-label="3 goede vragen">') and "<aside" not in html
    )


def test_notice_is_visible_text():
    assert "Er is geen keuzekaart 'x'." in notice("Er is geen keuzekaart 'x'.")
