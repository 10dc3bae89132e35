"""`--lang nl`: every bundled persona's report reads in Dutch, and English stays as it was.

The check for English reads what a person sees: the page's text nodes and every chart's titles,
axes, legends, ticks and hover templates. Values from the export (contact names, companies, job
titles, file names, the owner) are removed first, since those are the person's data in whatever
language they wrote them. What remains may not hold a common English function word. All people in
the sample exports are invented.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from netscan import __version__
from netscan.analysis import Analysis
from netscan.cli import cli
from netscan.diagnosis.catalogue import GOALS
from netscan.i18n import active_locale, negotiate_locale, use_locale
from netscan.l10n import day, number, percent
from netscan.pipeline import analyze
from netscan.report import render_report

ROOT = Path(__file__).resolve().parents[1]
PERSONAS = sorted((ROOT / "sample_exports").glob("*.zip"))
TARGETS = ("Copperleaf Advies", "Nowhere Inc")

# English words that are not also Dutch words (so no "is", "of", "in", "was", "had", "over").
ENGLISH = frozenset({
    "the", "and", "your", "you", "with", "are", "to", "for", "this", "that", "these", "those",
    "from", "who", "what", "which", "not", "have", "has", "been", "their", "they", "there",
    "when", "than", "only", "each", "more", "into", "about", "were", "would", "could", "should",
    "it", "its", "on", "at", "by", "an", "be", "can", "will", "our",
})
DUTCH_MONTH = re.compile(r"^(jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec) \d{4}$")
DUTCH_QUARTER = re.compile(r"^K[1-4] \d{4}$")
DUTCH_DAY = re.compile(r"^\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec) \d{4}$")


@pytest.fixture(scope="module")
def dutch() -> Iterator[dict[str, tuple[Analysis, str]]]:
    """Each persona analysed and rendered in Dutch (plotly.js left out: it is not our text)."""
    out = {}
    for path in PERSONAS:
        analysis = analyze([path], targets=TARGETS, lang="nl")
        out[path.stem] = (analysis, render_report(analysis, embed_plotlyjs=False))
    yield out


def _data_values(analysis: Analysis) -> list[str]:
    ties = analysis.ties
    values = {analysis.export.owner.name, *TARGETS}
    for column in ("name", "company", "position"):
        values.update(str(v) for v in ties.get_column(column).drop_nulls().to_list())
    for source in analysis.export.inputs:
        values.update(f.name for f in source.files)
        values.add(source.path.rsplit("/", 1)[-1])
    # Longest first, so "Marlowe & Voss Consulting" goes before "Marlowe & Voss".
    return sorted((v for v in values if v), key=len, reverse=True)


def _chart_texts(soup: BeautifulSoup) -> list[str]:
    texts: list[str] = []
    for script in soup.select('script[type="application/json"]'):
        spec = json.loads(script.string or "{}")
        layout = spec.get("layout", {})
        for axis in ("xaxis", "yaxis"):
            texts.append(str(layout.get(axis, {}).get("title", {}).get("text", "")))
            texts.extend(str(t) for t in layout.get(axis, {}).get("ticktext", []))
        for trace in spec.get("data", []):
            texts.append(str(trace.get("name", "")))
            texts.append(re.sub(r"%\{[^}]*\}|<[^>]+>", " ", str(trace.get("hovertemplate", ""))))
            texts.extend(str(t) for t in trace.get("hovertext", []))
            texts.extend(str(t) for t in trace.get("customdata", []) if isinstance(t, str))
    return texts


def _visible_text(html: str) -> tuple[BeautifulSoup, list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    charts = _chart_texts(soup)
    for element in soup(["script", "style"]):
        element.decompose()
    lines = [line.strip() for line in soup.get_text("\n").splitlines() if line.strip()]
    return soup, lines + charts


def _without(text: str, data: list[str]) -> str:
    for value in data:
        text = text.replace(value, " ")
    return text


def _english_words(text: str, data: list[str]) -> list[str]:
    text = _without(text, data)
    text = re.sub(r"`[^`]*`|https?://\S+|\([^()]*\d{4}\)", " ", text)  # commands, links, refs
    return [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH]


@pytest.mark.parametrize("persona", [p.stem for p in PERSONAS])
def test_a_dutch_report_has_no_english_sentence(
    persona: str, dutch: dict[str, tuple[Analysis, str]]
) -> None:
    analysis, html = dutch[persona]
    _soup, texts = _visible_text(html)
    data = _data_values(analysis)
    english = {text: words for text in texts if (words := _english_words(text, data))}
    assert english == {}
    # Nor an English decimal point ("0.25"; "1.383" is a Dutch thousand) outside the person's
    # own data and the version.
    point = re.compile(r"\d\.(\d{1,2}|\d{4,})(?!\d)")
    points = [t for t in texts if point.search(_without(t.replace(__version__, ""), data))]
    assert points == []


@pytest.mark.parametrize("persona", [p.stem for p in PERSONAS])
def test_a_dutch_report_is_marked_dutch_with_the_columns_goal_labels(
    persona: str, dutch: dict[str, tuple[Analysis, str]]
) -> None:
    analysis, html = dutch[persona]
    soup = BeautifulSoup(html, "html.parser")
    assert html.startswith('<!doctype html>\n<html lang="nl">')
    labels = {goal.id: goal.label_nl for goal in GOALS}
    cards = soup.select("article.goal")
    assert len(cards) == len(analysis.diagnosis.goals) > 0
    for card in cards:
        goal_id = str(card["id"]).removeprefix("goal-")
        title = card.select_one("h3").get_text(strip=True)  # type: ignore[union-attr]
        assert title.lower() == labels[goal_id].lower()
    # The first screen names the best goal in Dutch too.
    best = analysis.diagnosis.goals[0]
    header = soup.select_one("header").get_text(" ")  # type: ignore[union-attr]
    assert best.label_nl.lower() in header.lower()


@pytest.mark.parametrize("persona", [p.stem for p in PERSONAS])
def test_a_dutch_report_writes_dates_and_numbers_the_dutch_way(
    persona: str, dutch: dict[str, tuple[Analysis, str]]
) -> None:
    analysis, html = dutch[persona]
    soup = BeautifulSoup(html, "html.parser")
    as_of = soup.select_one("p.as-of").get_text(strip=True)  # type: ignore[union-attr]
    assert DUTCH_DAY.match(as_of.removeprefix("Peildatum ").split(" · ")[0]), as_of
    quarters = [row.select("td")[0].get_text(strip=True)
                for row in soup.select("#table-activity tbody tr")]
    assert quarters, "every persona has messages"
    assert [q for q in quarters if not DUTCH_QUARTER.match(q)] == []
    contacts = analysis.diagnosis.composition.contacts
    header = soup.select_one(".header-stats .stat-value").get_text()  # type: ignore[union-attr]
    assert header == f"{contacts:,}".replace(",", ".")
    # Decimal commas (tie scores), and a plotly page told to use them; that no English decimal
    # point is left is checked with the scan for English above.
    scores = [c.get_text(strip=True) for c in soup.select("#table-all-ties td.num")]
    assert any(re.fullmatch(r"\d,\d\d", s) for s in scores)
    assert '"separators":",."' in html


def test_the_summary_lines_speak_dutch(tmp_path: Path) -> None:
    report = tmp_path / "rapport.html"
    result = CliRunner().invoke(
        cli, ["analyze", str(PERSONAS[0]), "--lang", "nl", "-o", str(report)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Geschreven: {report}"
    assert re.fullmatch(r"\d+ contacten \(\d+ sterk, \d+ gemiddeld, \d+ zwak, \d+ slapend, "
                        r"\d+ latent\), peildatum \d{1,2} \w{3} \d{4}\.", lines[1]), lines[1]
    assert "aansluiting" in lines[2] and re.search(r"\bpast\b", lines[2])
    assert report.read_text(encoding="utf-8").startswith('<!doctype html>\n<html lang="nl">')


def test_an_unknown_language_is_a_usage_mistake(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["analyze", str(PERSONAS[0]), "--lang", "de", "-o", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 2
    assert "'de' is not one of 'en', 'nl'" in result.stderr


def test_english_is_the_default_and_a_dutch_run_leaves_nothing_behind(
    dutch: dict[str, tuple[Analysis, str]],
) -> None:
    path = PERSONAS[0]
    english = analyze([path], targets=TARGETS)
    before = render_report(english, embed_plotlyjs=False)
    # The scan for English words finds plenty in the English report: it can fail.
    found = [w for t in _visible_text(before)[1] for w in _english_words(t, _data_values(english))]
    assert len(found) > 200
    assert dutch[path.stem][1] != before
    explicit = render_report(analyze([path], targets=TARGETS, lang="en"), embed_plotlyjs=False)
    assert explicit == before
    assert before.startswith('<!doctype html>\n<html lang="en">')
    assert "Network report for" in before and "separators" not in before
    assert active_locale() == "en"


def test_render_follows_the_language_the_analysis_was_written_in(
    dutch: dict[str, tuple[Analysis, str]],
) -> None:
    analysis, html = dutch[PERSONAS[0].stem]
    assert analysis.lang == "nl"
    assert render_report(analysis, embed_plotlyjs=False) == html


def test_numbers_and_dates_follow_the_locale() -> None:
    from datetime import date

    assert [number(1383, locale=x) for x in ("en", "nl")] == ["1,383", "1.383"]
    assert [number(12.345, 2, locale=x) for x in ("en", "nl")] == ["12.35", "12,35"]
    assert [percent(0.125, 1, locale=x) for x in ("en", "nl")] == ["12.5%", "12,5%"]
    assert [day(date(2026, 10, 15), locale=x) for x in ("en", "nl")] == [
        "2026-10-15", "15 okt 2026"]
    with use_locale("nl"):
        assert number(0.5, 2) == "0,50"
    assert number(0.5, 2) == "0.50"
    assert number(None) == "–"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("nl-BE,nl;q=0.9,en;q=0.8", "nl"),
        ("nl", "nl"),
        ("en-US,en;q=0.9,nl;q=0.8", "en"),
        ("de-DE,de;q=0.9,nl;q=0.5", "nl"),
        ("de-DE,de", "en"),
        ("en;q=0, nl;q=0.1", "nl"),
        ("", "en"),
        (None, "en"),
        ("*", "en"),
    ],
)
def test_negotiate_locale(header: str | None, expected: str) -> None:
    assert negotiate_locale(header) == expected


def test_a_list_of_labels_that_hold_commas_is_split_by_semicolons() -> None:
    from netscan.l10n import join

    assert join(["klanten vinden", "risico spreiden"]) == "klanten vinden, risico spreiden"
    assert join(["klanten vinden", "plezier hebben, gezelligheid"]) == (
        "klanten vinden; plezier hebben, gezelligheid")
    assert join([]) == ""
