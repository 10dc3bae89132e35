"""The HTML report, parsed: section order, self-containment, escaping, determinism, no blank
charts, heading order, and the translation catalogue kept in step with the templates."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import plotly.offline
import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Comment, Doctype
from jinja2 import UndefinedError
from report_fixture import HOSTILE, make_analysis

from netscan.report import build_context, render_report, write_report
from netscan.report.environment import (
    environment,
    fmt_date,
    fmt_days,
    fmt_num,
    fmt_pct,
    fmt_years,
    template_dirs,
)
from netscan.report.plotlyjs import BUNDLES, PLOTLYJS_VERSION, bundle_text, script_hash
from netscan.report.render import page_bundle

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_exports"
SECTION_IDS = ["verdicts", "ties", "structure", "reciprocity", "growth", "method"]
ALL_CHARTS = ["chart-classes", "chart-layers", "chart-scores", "chart-network",
              "chart-employers", "chart-functions", "chart-seniority", "chart-reciprocity",
              "chart-activity", "chart-growth"]


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def full_html() -> str:
    return render_report(make_analysis(), embed_plotlyjs=False)


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render_report(make_analysis(hostile=True), embed_plotlyjs=False)


def test_sections_in_spec_order_with_goal_verdicts_first(full_html: str) -> None:
    main = _soup(full_html).find("main")
    assert [s["id"] for s in main.find_all("section", recursive=False)] == SECTION_IDS
    goals = [a["id"] for a in main.select("#verdicts article.goal")]
    assert goals == ["goal-job", "goal-support", "goal-ideas"]
    assert main.select_one("#goal-job .badge").get_text(strip=True) == "Fits"
    assert main.select_one("#goal-ideas .badge").get_text(strip=True) == "Does not fit"
    assert "Ask Ada Achterberg at Northwind Logistics" in main.select_one(
        "#goal-job .actions").get_text()


def test_landmarks_and_heading_order(full_html: str) -> None:
    soup = _soup(full_html)
    for landmark in ("header", "nav", "main", "footer"):
        assert soup.find(landmark) is not None, landmark
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"heading jumps from h{before} to h{after}"


def test_every_chart_is_drawn_with_a_text_alternative(full_html: str) -> None:
    soup = _soup(full_html)
    for chart_id in ALL_CHARTS:
        figure = soup.find(id=f"{chart_id}-figure")
        assert figure is not None, chart_id
        body = figure.select_one(".chart-body")
        assert body["role"] == "img" and len(body["aria-label"]) > 20, chart_id
        assert body.find(id=chart_id) is not None
        assert figure.select_one("details.alt table tbody tr") is not None, chart_id


def test_self_contained_with_csp(full_html: str) -> None:
    soup = _soup(full_html)
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is not None
    assert "default-src 'none'" in csp["content"] and "connect-src 'none'" in csp["content"]
    assert not soup.find_all(src=True)  # no external script, image or frame
    assert not soup.find_all("link")
    external = [a for a in soup.find_all(href=re.compile(r"^https?:"))]
    assert external, "profile links expected in the fixture"
    for anchor in external:
        # Only plain navigation links to profiles, inside table cells.
        assert anchor.name == "a" and anchor.find_parent("td") is not None
        assert anchor["href"].startswith("https://www.linkedin.com/in/")
        assert "noreferrer" in anchor["rel"]
    assert "@import" not in full_html and "url(http" not in full_html


def test_plotly_embedded_once_and_report_under_2_mb() -> None:
    analysis = make_analysis(n=2000)
    html = render_report(analysis)
    bundle = page_bundle(build_context(analysis))
    assert bundle.name == "basic"
    assert html.count(bundle_text(bundle)[:400]) == 1
    assert len(html.encode()) < 2_000_000
    soup = _soup(html)
    executable = [s for s in soup.find_all("script") if s.get("type") != "application/json"]
    assert len(executable) == 2  # plotly.js and the page script; charts are inert JSON
    assert len(soup.select("script[type='application/json']")) == len(ALL_CHARTS)


def test_csp_allows_exactly_the_inline_scripts_by_hash() -> None:
    html = render_report(make_analysis(n=50))
    soup = _soup(html)
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src")).split()[1:]
    assert "'unsafe-inline'" not in csp.split("style-src")[0]
    inline = [s.string for s in soup.find_all("script") if s.get("type") != "application/json"]
    # Hashes over the exact text between the tags, as the browser computes them.
    raw = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert len(raw) == len(inline) == 2
    assert sorted(script_src) == sorted(script_hash(body) for body in raw)


def test_external_plotlyjs_for_a_batch_folder() -> None:
    html = render_report(make_analysis(n=50), plotlyjs_src="../../plotly.min.js")
    soup = _soup(html)
    assert soup.find("script", src="../../plotly.min.js") is not None
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "script-src 'self' 'sha256-" in csp
    assert "Plotly" not in "".join(s.string or "" for s in soup.find_all("script"))[:10_000]


def test_vendored_bundles_match_plotly_py() -> None:
    """Figures are serialised by plotly.py: the bundle drawing them must be its plotly.js."""
    shipped = plotly.offline.get_plotlyjs()[:200]
    assert f"v{PLOTLYJS_VERSION}" in shipped
    for bundle in BUNDLES:
        head = bundle_text(bundle)[:200]
        assert f"plotly.js ({bundle.name} - minified) v{PLOTLYJS_VERSION}" in head
        assert "</script" not in bundle_text(bundle).lower()


@pytest.mark.parametrize("persona", ["bridger", "insider", "switcher", "newcomer"])
def test_every_trace_type_drawn_is_in_the_shipped_bundle(persona: str) -> None:
    from netscan.pipeline import analyze

    context = build_context(analyze([SAMPLES / f"{persona}.zip"]))
    drawn = set(context.trace_types)
    assert drawn, "the sample report draws charts"
    assert drawn <= page_bundle(context).traces
    specs = "".join(
        chart.fragment for section in context.sections for chart in section.charts
    )
    # The declared types are the ones in the chart JSON.
    assert set(re.findall(r'"type":"(\w+)"', specs)) - {"category", "linear", "date"} <= drawn


def test_hostile_values_are_escaped(hostile_html: str) -> None:
    soup = _soup(hostile_html)
    assert soup.find("img") is None
    assert soup.find("i") is None  # the owner "<i>Iris</i> & co" stays text
    assert "<script>alert(1)" not in hostile_html
    assert "onerror=alert(2)>" not in hostile_html.replace("&gt;", "")
    # In text, the markup shows literally; in chart JSON it is \u-escaped.
    assert HOSTILE[0] in soup.get_text()
    assert "<i>Iris</i> & co" in soup.find("h1").get_text()
    for script in soup.find_all("script"):
        body = script.string or ""
        assert "</script" not in body.lower()
        assert "alert(1)</" not in body
    fragments = " ".join(s.string or "" for s in soup.find_all("script"))
    # A hostile employer reaches chart data as entities plotly shows literally, never as tags.
    assert "&lt;script&gt;alert(1)&lt;\\u002fscript&gt;" in fragments
    # javascript: URLs never become links.
    assert not soup.find_all(href=re.compile("^javascript", re.I))
    assert soup.find("a", string=HOSTILE[0]) is None


def test_identical_input_gives_identical_bytes() -> None:
    first = render_report(make_analysis(hostile=True), embed_plotlyjs=False)
    second = render_report(make_analysis(hostile=True), embed_plotlyjs=False)
    assert first == second


def test_write_report(tmp_path: Path) -> None:
    path = write_report(make_analysis(tiny=True), tmp_path / "report.html")
    assert path == tmp_path / "report.html"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "Plotly" in text


def test_tiny_network_has_no_blank_charts() -> None:
    soup = _soup(render_report(make_analysis(tiny=True), embed_plotlyjs=False))
    missing = {f["id"].removesuffix("-figure"): f.select_one(".chart-missing")
               for f in soup.select("figure.chart")}
    assert sorted(missing) == sorted(ALL_CHARTS)
    for chart_id in ("chart-layers", "chart-scores", "chart-network", "chart-employers",
                     "chart-activity", "chart-growth"):
        sentence = missing[chart_id]
        assert sentence is not None, chart_id
        assert soup.find(id=chart_id) is None  # no empty plotly frame
        assert sentence.get_text(strip=True).endswith("."), chart_id
    assert missing["chart-classes"] is None
    assert "latent" in missing["chart-network"].get_text()


def test_basic_export_says_messages_are_missing_not_zero() -> None:
    soup = _soup(render_report(make_analysis(basic=True), embed_plotlyjs=False))
    activity = soup.find(id="chart-activity-figure").select_one(".chart-missing").get_text()
    assert "messages.csv" in activity and "not a quiet network" in activity
    # Invitations.csv is in a Basic archive, so reciprocity still draws what it has …
    rows = soup.select("#table-reciprocity tbody tr")
    assert [r.find("td").get_text(strip=True) for r in rows] == ["Invitations"]
    # … and names each missing file; the stats it cannot compute show a dash, not 0%.
    notes = soup.select_one("#reciprocity .notes").get_text()
    assert "endorsement_received_info.csv" in notes and "messages.csv" in notes
    values = [v.get_text(strip=True) for v in soup.select("#reciprocity .stat-value")]
    assert values == ["60%", "–", "–", "2"]


def test_long_tables_are_collapsible_and_searchable() -> None:
    soup = _soup(render_report(make_analysis(n=700), embed_plotlyjs=False))
    details = soup.find(id="table-all-ties").find_parent("details")
    assert details is not None and "long-table" in details["class"]
    search = details.find("input", attrs={"data-filter": "table-all-ties"})
    assert search is not None and soup.find("label", attrs={"for": search["id"]}) is not None
    assert len(soup.select("#table-all-ties tbody tr")) == 500
    assert "500 highest-scoring of 700" in details.get_text()


def test_goals_requested_headline() -> None:
    ctx = build_context(make_analysis(goals_requested=("job", "clients")))
    assert ctx.header.headline == "1 of the 2 goals you asked about fit your network."
    assert [g.id for g in ctx.goals] == ["job", "clients"]


def test_display_filters() -> None:
    assert fmt_pct(0.4213) == "42%" and fmt_pct(None) == "–" and fmt_pct(0.5, 1) == "50.0%"
    assert fmt_num(12345) == "12,345" and fmt_num(2.345, 2) == "2.35" and fmt_num(None) == "–"
    assert fmt_date(date(2026, 1, 2)) == "2026-01-02" and fmt_date(None) == "–"
    assert [fmt_days(d) for d in (1, 10, 400, 1461)] == ["1 day", "10 days", "13 months",
                                                          "4 years"]
    assert [fmt_years(y) for y in (0.4, 1.0, 2.0, 11.1)] == ["5 months", "12 months", "2 years",
                                                             "11 years"]


def test_environment_is_strict_and_escapes() -> None:
    env = environment()
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()
    assert env.from_string("{{ x }}").render(x="</script><img>") == "&lt;/script&gt;&lt;img&gt;"
    assert env.from_string("{{ x|tojson }}").render(x="</script>") == '"\\u003c/script\\u003e"'


# ---------------------------------------------------------------- translations

_JINJA = re.compile(r"\{%-?\s*trans\b.*?endtrans\s*-?%\}|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_BRAND = {"netscan"}


def _untranslated(source: str) -> list[str]:
    soup = BeautifulSoup(_JINJA.sub(" ", source), "html.parser")
    for tag in soup.find_all(["style", "script"]):
        tag.decompose()
    found = [t.strip() for t in soup.find_all(string=True)
             if not isinstance(t, Doctype | Comment)
             and re.search(r"[A-Za-z]", t) and t.strip(" ·\n") not in _BRAND]
    for tag in soup.find_all(True):
        for attr in ("aria-label", "title", "alt", "placeholder"):
            value = str(tag.get(attr, ""))
            if re.search(r"[A-Za-z]", value):
                found.append(f"{attr}={value}")
    return found


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "templates").glob("*.html")))
def test_template_text_is_marked_for_translation(name: str) -> None:
    assert _untranslated((ROOT / "templates" / name).read_text(encoding="utf-8")) == []


def test_untranslated_text_would_be_caught() -> None:
    assert _untranslated('<p>{{ _("Fine") }}</p><h2>Not marked</h2><nav aria-label="Oops">') \
        == ["Not marked", "aria-label=Oops"]


def _msgids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {m.id if isinstance(m.id, str) else "\x00".join(m.id) for m in catalog if m.id}


def test_messages_pot_is_current(tmp_path: Path) -> None:
    out = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "--no-location", "-o", str(out), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    shipped = _msgids(ROOT / "netscan" / "locale" / "messages.pot")
    assert _msgids(out) == shipped, "run the pybabel commands in babel.cfg"
    assert _msgids(ROOT / "netscan" / "locale" / "en" / "LC_MESSAGES" / "messages.po") == shipped
    assert (ROOT / "netscan" / "locale" / "en" / "LC_MESSAGES" / "messages.mo").is_file()


def test_templates_found_in_checkout() -> None:
    assert (ROOT / "templates") in template_dirs()


def test_a_target_lists_its_ten_best_doors_and_counts_the_rest() -> None:
    from dataclasses import replace

    from netscan.diagnosis.types import DoorOpener, TargetResult

    analysis = make_analysis(tiny=True)
    openers = tuple(
        DoorOpener(f"c{i:03d}", f"Person {i:03d}", "Bigcorp", "Analyst", "weak", 0.5 - i / 100)
        for i in range(23)
    )
    diagnosis = replace(
        analysis.diagnosis, targets=(TargetResult("Bigcorp", "exact", ("Bigcorp",), openers),)
    )
    context = build_context(replace(analysis, diagnosis=diagnosis))
    (card,) = context.targets
    assert len(card.openers) == 10 and card.more == 13
    assert card.openers[0].startswith("Person 000")


def test_seniority_reads_as_a_ladder_and_categories_are_capitalised() -> None:
    from netscan.pipeline import analyze

    context = build_context(analyze([ROOT / "sample_exports" / "insider.zip"]))
    tables = {
        table.id: table
        for section in context.sections
        for chart in section.charts
        if (table := chart.table) is not None
    }
    seniority = [row[0].text for row in tables["table-seniority"].rows]
    ladder = ["Intern", "Junior", "Mid-level", "Senior", "Lead or manager", "Director",
              "Executive"]
    assert seniority == [band for band in ladder if band in seniority]
    functions = [row[0].text for row in tables["table-functions"].rows]
    assert all(name[:1].isupper() for name in functions)


def test_long_lists_are_cut_with_a_note_pointing_to_the_json() -> None:
    from dataclasses import replace

    from netscan.diagnosis.types import ReconnectSuggestion

    analysis = make_analysis(tiny=True)
    many = tuple(
        ReconnectSuggestion(f"c{i:04d}", f"Person {i:04d}", "Oldco", "Analyst", 0.5, 0.5, 0.5,
                            4.0, ("quiet for 4.0 years",))
        for i in range(250)
    )
    diagnosis = replace(analysis.diagnosis, reconnect=many)
    context = build_context(replace(analysis, diagnosis=diagnosis))
    (table,) = [t for s in context.sections for t in s.tables if t.id == "table-reconnect"]
    assert len(table.rows) == 100
    assert "100 of 250" in table.note


def test_headline_admits_when_no_goal_fits_and_an_unknown_owner_gets_no_dangling_for() -> None:
    from dataclasses import replace

    from netscan.diagnosis.types import GoalFit

    analysis = make_analysis()
    poor = tuple(
        GoalFit(g.id, g.kind, g.label_en, g.label_nl, 0.1, "does-not-fit", g.evidence, g.actions)
        for g in analysis.diagnosis.goals
    )
    nobody = replace(analysis.export, owner=replace(analysis.export.owner, name=""))
    context = build_context(
        replace(analysis, diagnosis=replace(analysis.diagnosis, goals=poor), export=nobody)
    )
    assert context.header.headline.startswith("0 of ")
    assert context.header.decision is not None
    assert context.header.decision.strong_for.startswith("Strong for: no goal yet")
    assert context.header.title == "Network report"


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://www.linkedin.com/in/ada-voss-1a2b3c", True),
        ("https://nl.linkedin.com/in/ada-voss", True),
        ("http://www.linkedin.com/pub/ada-voss/1/2/3", True),
        ("https://evil.example/in/ada", False),
        ("https://www.linkedin.com.evil.example/in/ada", False),
        ("https://user@www.linkedin.com/in/ada", False),
        ("//www.linkedin.com/in/ada", False),
        ("https://www.linkedin.com/redir/redirect?url=https://evil.example", False),
        ("javascript:alert(1)//www.linkedin.com/in/x", False),
        ("https://[::1/in/x", False),
        ("-", False),
    ],
)
def test_only_linkedin_profiles_become_links(url: str, linked: bool) -> None:
    from netscan.report.sections import _safe_href

    assert (_safe_href(url) != "") is linked
