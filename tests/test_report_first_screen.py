"""The report a coach would hand over (issue 14): a first screen that decides, goal cards most
relevant first, long lists cut to ten with a no-JavaScript "show all", no one named twice."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from netscan.pipeline import analyze
from netscan.report import render_report

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"


@functools.cache
def _page(name: str) -> BeautifulSoup:
    html = render_report(analyze([SAMPLES / f"{name}.zip"]), embed_plotlyjs=False)
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("name", ["bridger", "newcomer"])
def test_first_screen_says_strong_for_weak_for_and_whom_to_contact(name: str) -> None:
    page = _page(name)
    decision = page.select_one("header .decision")
    assert decision is not None
    lines = [*decision.select("p.strong-for, p.weak-for"), *decision.select("ol.picks > li")]
    assert len(lines) <= 5
    assert decision.select_one(".strong-for").get_text().startswith("Strong for")
    assert decision.select_one(".weak-for").get_text().startswith("Weak for")
    picks = decision.select("ol.picks > li")
    assert 1 <= len(picks) <= 3
    cards = page.select("article.goal")
    for pick in picks:
        person = pick.strong.get_text()
        goal_id = pick.a["href"].removeprefix("#")
        # named in exactly one goal card: the one the pick links to
        naming = [c["id"] for c in cards if person in " ".join(
            li.get_text() for li in c.select("ul.actions li"))]
        assert naming == [goal_id], (person, naming)


def test_goal_cards_most_relevant_first_rest_behind_show_all() -> None:
    page = _page("bridger")
    shown = page.select("#verdicts > .goals > article.goal")
    hidden = page.select("#verdicts details.more-goals article.goal")
    assert len(shown) == 5 and len(shown) + len(hidden) == 17
    fits = [float(a.select_one(".fit-value").get_text().split()[1].rstrip("%"))
            for a in shown + hidden]
    assert fits == sorted(fits, reverse=True)
    for card in shown + hidden:
        assert len(card.select("ul.actions li")) <= 3
        assert card.select_one(".goal-summary") is not None
        assert card.select_one("details.how table") is not None


def test_long_lists_show_ten_and_the_rest_behind_a_details_expander() -> None:
    page = _page("bridger")
    for table_id in ("table-reconnect", "table-bridges", "table-strongest"):
        head = page.select(f"#{table_id} tbody tr")
        rest = page.select(f"#{table_id}-rest tbody tr")
        assert len(head) == 10, table_id
        assert rest, table_id
        expander = page.find(id=f"{table_id}-rest").find_parent("details")
        assert expander is not None and "Show all" in expander.summary.get_text()
        assert expander.summary.get_text().strip() == f"Show all {len(head) + len(rest)} rows"


def test_wide_tables_show_key_columns_first_and_a_scroll_cue() -> None:
    page = _page("bridger")
    headers = [th.get_text() for th in page.select("#table-strongest thead th")]
    assert headers[:3] == ["Name", "Class", "Score"]
    wrapper = page.find(id="table-strongest").find_parent("div")
    assert "wide" in wrapper["class"]
    assert wrapper.find_previous_sibling("p", class_="scroll-hint") is not None


def _spec(page: BeautifulSoup, chart_id: str) -> dict:  # type: ignore[type-arg]
    import json

    return json.loads(page.find(id=f"{chart_id}-spec").string)  # type: ignore[no-any-return]


def test_charts_read_on_a_phone_no_all_others_bar_quarters_as_lines_upright_ticks() -> None:
    page = _page("bridger")
    employers = _spec(page, "chart-employers")
    assert "All others" not in employers["data"][0]["y"]
    assert "Not drawn:" in page.select_one("#chart-employers-figure .chart-summary").get_text()
    activity = _spec(page, "chart-activity")
    assert {t["type"] for t in activity["data"]} == {"scatter"}
    assert all(t["mode"] == "lines+markers" for t in activity["data"])
    points = len(activity["data"][0]["x"])
    quarter_rows = len(page.select("#table-activity tbody tr"))
    assert points == quarter_rows and all(q.endswith("-01") for q in activity["data"][0]["x"])
    for chart in page.select("script[type='application/json']"):
        import json

        layout = json.loads(chart.string)["layout"]
        for axis in ("xaxis", "yaxis"):
            if layout.get(axis, {}).get("visible", True):
                assert layout[axis].get("tickangle") == 0, (chart["id"], axis)
    network = _spec(page, "chart-network")
    assert network["data"][1]["text"][0] == "1"
    legend = page.select("#chart-network-figure ol.chart-legend li")
    assert len(legend) == len(network["data"][1]["text"])


def test_a_contact_list_alone_gets_a_short_report_that_says_so_first() -> None:
    from datetime import date

    edge = SAMPLES / "edge"
    analysis = analyze([edge / "google_current.csv", edge / "contacts_apple.vcf"],
                       fallback_as_of=date(2026, 12, 1))
    page = BeautifulSoup(render_report(analysis, embed_plotlyjs=False), "html.parser")
    notice = page.select_one("header .notice")
    assert notice is not None and "contact list" in notice.get_text()
    assert "6 people" in notice.get_text()
    assert page.select("article.goal") == [] and page.select_one(".decision") is None
    sources = {tr.td.get_text(): tr.select("td")[1].get_text()
               for tr in page.select("#table-sources tbody tr")}
    assert sources == {"contacts_apple.vcf": "2", "google_current.csv": "4",
                       "In more than one source (merged)": "0"}
    assert page.find(id="chart-employers-spec") is not None  # where people work
