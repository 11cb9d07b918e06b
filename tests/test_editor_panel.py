from html.parser import HTMLParser

from patienthub.editor_panel import PANEL_CLASS, render
from patienthub.findings import Finding, Severity


def test_panel_lists_findings_worst_first_with_metrics_and_escapes_text():
    findings = [
        Finding(
            "readability.passive", Severity.SUGGESTION, "p.md", 9, "Lijdende vorm.", excerpt="wordt <gedaan>"
        ),
        Finding("freshness.overdue", Severity.ERROR, "p.md", 6, "Te laat.", "Laat controleren."),
    ]
    html = render(
        findings, {"flesch_douma": 72.5, "days_left": -3, "unrelated": 1}, lambda rule: f"../gids/#{rule}"
    )
    assert html.startswith(f'<section class="{PANEL_CLASS}"')
    assert html.index("freshness.overdue") < html.index("readability.passive")
    assert "1 fouten, 0 waarschuwingen, 1 suggesties" in html
    assert "<strong>72.5</strong> Flesch-Douma" in html
    assert "unrelated" not in html
    assert 'data-excerpt="wordt &lt;gedaan&gt;"' in html
    assert "<details open>" in html
    assert '<a href="../gids/#freshness.overdue" title="Uitleg' in html
    HTMLParser().feed(html)  # well-formed enough to parse


def test_clean_page():
    html = render([], {})
    assert "Geen opmerkingen" in html
    assert "<details>" in html
