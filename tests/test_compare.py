"""`netscan compare`: two sample exports of one persona a year apart, with planted changes.

The later export comes from `netscan.sample.later_plan`, which writes the truth list of every
change it planted; the comparison must find exactly those (gained, lost, cooled, warmed, moved).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from netscan.cli import cli
from netscan.compare import Comparison, comparison_summary
from netscan.compare.match import Key, match_people
from netscan.pipeline import compare
from netscan.report.compare import render_compare
from netscan.sample import write_later, write_sample

ROOT = Path(__file__).resolve().parents[1]
SIZE = {"persona": "switcher", "connections": 400, "messages": 3000, "seed": 7}
KINDS = {"gained": "gained", "lost": "lost", "cooled": "cooling", "warmed": "warming",
         "moved": "moved"}


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Path]]:
    folder = tmp_path_factory.mktemp("compare")
    old, new, changes = folder / "old.zip", folder / "new.zip", folder / "changes.csv"
    write_sample(old, **SIZE)  # type: ignore[arg-type]
    write_later(new, months=12, changes=changes, **SIZE)  # type: ignore[arg-type]
    yield old, new, changes


@pytest.fixture(scope="module")
def comparison(pair: tuple[Path, Path, Path]) -> Comparison:
    old, new, _ = pair
    return compare([old], [new])


def _planted(changes: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    with changes.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found[row["change"]].add(row["profile_url"])
    return found


def _urls(comparison: Comparison, kind: str) -> set[str]:
    return {p.profile_url or "" for p in getattr(comparison, kind)}


def test_planted_changes_are_found_exactly(
    pair: tuple[Path, Path, Path], comparison: Comparison
) -> None:
    planted = _planted(pair[2])
    assert all(planted[kind] for kind in KINDS), planted  # every kind was planted
    for kind, attribute in KINDS.items():
        assert _urls(comparison, attribute) == planted[kind], kind
    # moved people are the same person: matched, not also gained and lost
    assert not planted["moved"] & (_urls(comparison, "gained") | _urls(comparison, "lost"))
    assert comparison.new.as_of > comparison.old.as_of
    assert comparison.warnings == () and not comparison.swapped


def test_transitions_add_up(comparison: Comparison) -> None:
    after: dict[str | None, int] = {}
    for transition in comparison.transitions:
        after[transition.after] = after.get(transition.after, 0) + len(transition.people)
    assert {k: v for k, v in after.items() if k is not None} == {
        k: v for k, v in comparison.new.classes if v
    }
    assert after.get(None, 0) == len(comparison.lost)
    cooled = {p.contact_id for p in comparison.cooling}
    assert all((p.score_change or 0) <= -comparison.margin for p in comparison.cooling)
    scores = [p.score_before or 0 for p in comparison.cooling]
    assert scores == sorted(scores, reverse=True)  # strongest first
    assert cooled.isdisjoint(p.contact_id for p in comparison.warming)


def test_goals_before_after_and_reason(comparison: Comparison) -> None:
    assert comparison.goals
    for goal in comparison.goals:
        assert 0 <= goal.fit_before <= 1 and 0 <= goal.fit_after <= 1
        moved = sum(t.change for t in goal.terms)
        assert moved == pytest.approx(goal.change, abs=2e-4)  # the terms explain the move
        if round(goal.fit_after * 100) != round(goal.fit_before * 100):
            assert goal.terms[0].label.casefold()[:12] in goal.reason.casefold()


def test_actions_name_the_cooling_and_new_close_ties(comparison: Comparison) -> None:
    text = " ".join(comparison.actions)
    assert comparison.cooling[0].name in text
    close = [p for p in (*comparison.warming, *comparison.gained)
             if p.tie_class_after in ("strong", "medium")]
    assert close and max(close, key=lambda p: p.score_after or 0).name in text


def test_old_newer_than_new_is_swapped_with_a_warning(
    pair: tuple[Path, Path, Path], comparison: Comparison
) -> None:
    old, new, changes = pair
    result = CliRunner().invoke(cli, ["compare", str(new), str(old), "-o",
                                      str(old.parent / "swapped.html"), "--json",
                                      str(old.parent / "swapped.json")])
    assert result.exit_code == 0, result.output
    assert "Warning:" in result.stderr and "newer than NEW" in result.stderr
    summary = json.loads((old.parent / "swapped.json").read_text(encoding="utf-8"))
    assert summary["swapped"] is True
    assert summary["old"]["as_of"] == comparison.old.as_of.isoformat()
    planted = _planted(changes)
    assert {p["profile_url"] for p in summary["gained"]} == planted["gained"]
    assert {p["profile_url"] for p in summary["lost"]} == planted["lost"]


def test_different_owners_give_a_clean_error(
    pair: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    other = tmp_path / "other.zip"
    write_sample(other, persona="newcomer", connections=60, messages=40)
    result = CliRunner().invoke(cli, ["compare", str(pair[0]), str(other), "-o",
                                      str(tmp_path / "x.html")])
    assert result.exit_code == 1
    first = result.stderr.strip().splitlines()[0]
    assert first.startswith("Error: ") and "Youssef El Amrani" in first
    assert "Zeynep Arslan" in first and "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_json_keys_are_stable_and_documented(comparison: Comparison) -> None:
    summary = comparison_summary(comparison)
    top = ["netscan_version", "schema", "owner", "anonymized", "old", "new", "days_between",
           "swapped", "margin", "counts", "gained", "lost", "cooling", "warming", "moved",
           "retitled", "transitions", "by_class", "by_organisation", "by_function", "metrics",
           "goals", "targets", "actions", "warnings"]
    assert list(summary) == top
    person = ["contact_id", "name", "profile_url", "matched_by", "before", "after",
              "score_change"]
    assert list(summary["cooling"][0]) == person  # type: ignore[index]
    side = ["tie_class", "score", "company", "position", "last_contact"]
    assert list(summary["cooling"][0]["before"]) == side  # type: ignore[index]
    goal = ["id", "kind", "label", "label_nl", "fit_before", "fit_after", "change",
            "verdict_before", "verdict_after", "reason", "terms"]
    assert list(summary["goals"][0]) == goal  # type: ignore[index]
    doc = (ROOT / "docs" / "compare.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", doc))
    assert set(top) | set(person) | set(side) | set(goal) <= documented
    json.dumps(summary)  # plain JSON types only


def test_anonymized_sides_share_pseudonyms(pair: tuple[Path, Path, Path],
                                           comparison: Comparison) -> None:
    old, new, _ = pair
    hidden = compare([old], [new], anonymize_key=b"k" * 32)
    assert hidden.anonymized
    assert (len(hidden.gained), len(hidden.lost), len(hidden.cooling), len(hidden.moved)) == (
        len(comparison.gained), len(comparison.lost), len(comparison.cooling),
        len(comparison.moved))
    page = render_compare(hidden, embed_plotlyjs=False)
    document = json.dumps(comparison_summary(hidden), ensure_ascii=False)
    for person in (*comparison.cooling, *comparison.moved, *comparison.gained):
        assert person.name not in page and person.name not in document
        assert (person.profile_url or "-") not in page + document
    assert hidden.cooling[0].name in page


def test_report_page_is_self_contained(comparison: Comparison) -> None:
    page = render_compare(comparison, embed_plotlyjs=False)
    assert "Content-Security-Policy" in page and "default-src &#39;none&#39;" in page
    assert page.index('id="goals"') < page.index('id="gained-lost"')  # verdicts first
    for section in ("todo", "transitions", "cooling", "moved", "measures", "method"):
        assert f'id="{section}"' in page
    assert page.count('class="netscan-chart"') == page.count("Show the numbers")
    assert "http://" not in page.replace("http://www.w3.org", "")
    assert render_compare(comparison, embed_plotlyjs=False) == page  # same input, same bytes
    # every off-diagonal cell of the transition table lists the people behind it
    from markupsafe import escape

    for transition in comparison.transitions:
        if transition.before != transition.after:
            cell = page.index(f'id="cell-{transition.before or "none"}-'
                              f'{transition.after or "none"}"')
            listed = page[cell:page.index("</details>", cell)]
            assert all(str(escape(p.name)) in listed for p in transition.people[:30])


def test_match_rules_follow_the_merge() -> None:
    old = [Key.of("https://www.linkedin.com/in/a", None, "Ann Lee"),
           Key.of("https://www.linkedin.com/in/b", None, "Bo Kim"),
           Key.of(None, "cy@example.com", "Cy Ray"),
           Key.of(None, None, "Di Fox")]
    new = [Key.of("https://nl.linkedin.com/in/a/", None, "Ann Lee-Smith"),  # URL wins
           Key.of("https://www.linkedin.com/in/b2", None, "Bo Kim"),  # namesake, own URL
           Key.of(None, "CY@example.com", "C. Ray"),  # e-mail
           Key.of("https://www.linkedin.com/in/d", None, "Di Fox")]  # name, URL on one side
    assert match_people(old, new) == {0: (0, "url"), 2: (2, "email"), 3: (3, "name")}


def test_cli_help_is_fast_to_list() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert "compare" in result.output and "What changed between two exports." in result.output


@pytest.mark.browser
def test_compare_report_in_chromium(comparison: Comparison, tmp_path: Path) -> None:
    from test_report_browser import ARGS, AXE, CHROMIUM, _require

    from netscan.report.compare import write_compare_report

    _require()
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="!!! BROWSER TEST SKIPPED: playwright not installed")
    path = write_compare_report(comparison, tmp_path / "compare.html")
    url = path.as_uri()
    results = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for width in (1280, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                errors: list[str] = []
                requests: list[str] = []
                page.on("console", lambda m, e=errors: e.append(m.text)
                        if m.type in ("error", "warning") else None)
                page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
                page.on("request", lambda r, q=requests: q.append(r.url))
                page.goto(url, wait_until="load")
                boxes = page.locator(".netscan-chart")
                for index in range(boxes.count()):
                    box = boxes.nth(index)
                    box.scroll_into_view_if_needed()
                    box.locator(".main-svg").first.wait_for(timeout=10_000)
                drawn = page.locator(".netscan-chart .main-svg").count()
                expected = page.locator(".chart-body").count()
                page.evaluate(AXE.read_text(encoding="utf-8"))
                violations = page.evaluate(
                    "async () => (await axe.run(document)).violations"
                    ".map(v => v.id + ': ' + v.nodes.length + ' ' + v.help)")
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth")
                results.append((width, errors, requests, drawn, expected, violations, overflow))
                page.close()
        finally:
            browser.close()
    for width, errors, requests, drawn, expected, violations, overflow in results:
        assert errors == [], (width, errors)
        assert requests == [url], (width, requests)
        assert expected == 3 and drawn >= expected, (width, drawn, expected)
        assert violations == [], (width, violations)
        assert overflow <= 0, f"{width}: page scrolls sideways by {overflow}px"


def test_a_second_file_merges_into_one_side(pair: tuple[Path, Path, Path],
                                            comparison: Comparison, tmp_path: Path) -> None:
    card = tmp_path / "extra.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Quinn Example\r\nN:Example;Quinn;;;\r\n"
                    "EMAIL:quinn@example.org\r\nORG:Example Works\r\nEND:VCARD\r\n",
                    encoding="utf-8")
    old, new, _ = pair
    out = tmp_path / "c.json"
    result = CliRunner().invoke(cli, ["compare", str(old), str(new), "--also-new", str(card),
                                      "-o", str(tmp_path / "c.html"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads(out.read_text(encoding="utf-8"))
    gained = {p["name"] for p in summary["gained"]}
    assert gained == {p.name for p in comparison.gained} | {"Quinn Example"}
    assert summary["new"]["paths"] == [str(new), str(card)]


def test_a_contact_who_moved_to_a_target_is_named_first_among_doors(
    pair: tuple[Path, Path, Path], comparison: Comparison
) -> None:
    old, new, _ = pair
    mover = comparison.moved[-1]
    targeted = compare([old], [new], goals=["job"], targets=[mover.company_after.upper()])
    assert [g.id for g in targeted.goals] == ["job"]
    door = [a for a in targeted.actions if "one of your targets" in a]
    assert door == [door[0]] and mover.name in door[0] and mover.company_after in door[0]
    assert all(mover.name not in a for a in targeted.actions if a not in door)
