"""`--lang nl` beyond `analyze`: the team report of `netscan batch`, the `netscan compare` page
and the upload page of `netscan serve`.

The scan for English is the one tests/test_report_dutch.py runs on a member report: visible text
and chart texts, minus the person's own data (names, organisations, titles, file names), may hold
no common English function word and no English decimal point. Every export here is a tiny
synthetic sample (`netscan sample`).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from serve_helpers import BASE, settings
from starlette.testclient import TestClient
from test_report_dutch import DUTCH_DAY, _english_words, _visible_text, _without

from netscan import __version__
from netscan.batch import run_batch
from netscan.cli import cli
from netscan.compare import Comparison
from netscan.diagnosis.catalogue import GOALS
from netscan.pipeline import compare
from netscan.report.compare import render_compare
from netscan.sample import SharedPool, write_later, write_sample
from netscan.web.app import create_app

SMALL = {"connections": 60, "messages": 300}
TARGET = "Kestrel Analytics"
POINT = re.compile(r"\d\.(\d{1,2}|\d{4,})(?!\d)")  # 0.25 is English; 1.383 a Dutch thousand
FORM = "/analyze?form_token=form-secret-for-tests"


def _no_english(texts: list[str], data: list[str]) -> None:
    english = {text: words for text in texts if (words := _english_words(text, data))}
    assert english == {}
    points = [t for t in texts if POINT.search(_without(t.replace(__version__, ""), data))]
    assert points == []


# --- batch --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """Two tiny members who share some contacts, as a Dutch and an English batch."""
    folder = tmp_path_factory.mktemp("lang-team")
    members = folder / "members"
    members.mkdir()
    for seed in (1, 2):
        write_sample(members / f"m{seed}.zip", seed=seed, shared=SharedPool(size=40, share=0.5),
                     **SMALL)  # type: ignore[arg-type]
    dutch = run_batch([members], folder / "nl", jobs=1, targets=(TARGET,), lang="nl").out_dir
    english = run_batch([members], folder / "en", jobs=1, targets=(TARGET,)).out_dir
    yield dutch, english


def _team_data(out: Path) -> list[str]:
    team = json.loads((out / "team.json").read_text(encoding="utf-8"))
    values = {TARGET, *(str(m[k]) for m in team["members"] for k in ("name", "input"))}
    for ties in out.glob("members/*/ties.parquet"):
        frame = pl.read_parquet(ties, columns=["name", "company", "position"])
        for column in frame.columns:
            values.update(str(v) for v in frame.get_column(column).drop_nulls().to_list())
    return sorted((v for v in values if v), key=len, reverse=True)


def test_a_dutch_batch_writes_the_team_page_and_every_member_report_in_dutch(
    team: tuple[Path, Path],
) -> None:
    dutch, _english = team
    html = (dutch / "index.html").read_text(encoding="utf-8")
    assert html.startswith('<!doctype html>\n<html lang="nl">')
    reports = sorted(dutch.glob("members/*/report.html"))
    assert len(reports) == 2
    for report in reports:
        assert '<html lang="nl">' in report.read_text(encoding="utf-8")
    soup, texts = _visible_text(html)
    _no_english(texts, _team_data(dutch))
    as_of = soup.select_one("p.as-of").get_text(strip=True)  # type: ignore[union-attr]
    assert DUTCH_DAY.match(as_of.removeprefix("Peildatum ").split(" · ")[0]), as_of
    # Dutch goal labels on the cards, and Dutch number notation in the tables.
    labels = {goal.id: goal.label_nl.lower() for goal in GOALS}
    cards = soup.select("article.goal")
    assert cards
    for card in cards:
        title = card.select_one("h3").get_text(strip=True)  # type: ignore[union-attr]
        assert title.lower() == labels[str(card["id"]).removeprefix("goal-")]
    scores = [td.get_text(strip=True) for td in soup.select("#median-table td.num")]
    assert any(re.fullmatch(r"\d+,\d\d", s) for s in scores), scores


def test_team_json_records_its_language_and_its_sentences_follow_it(
    team: tuple[Path, Path],
) -> None:
    dutch, english = team
    nl = json.loads((dutch / "team.json").read_text(encoding="utf-8"))
    en = json.loads((english / "team.json").read_text(encoding="utf-8"))
    assert (nl["lang"], en["lang"]) == ("nl", "en")
    # The numbers are the same team whatever the language; only the sentences differ.
    for key in ("reach", "overlap", "shared_people_total", "single_points_total", "median"):
        assert nl[key] == en[key], key
    assert [g["fit"] for g in nl["goals"]] == [g["fit"] for g in en["goals"]]
    assert nl["goals"][0]["evidence"] != en["goals"][0]["evidence"]
    english_html = (english / "index.html").read_text(encoding="utf-8")
    assert english_html.startswith('<!doctype html>\n<html lang="en">')
    assert "Team network" in english_html
    # The scan would catch an English page: it is not blind.
    _soup, texts = _visible_text(english_html)
    with pytest.raises(AssertionError):
        _no_english(texts, _team_data(english))


def test_the_batch_command_speaks_dutch(team: tuple[Path, Path], tmp_path: Path) -> None:
    members = team[0].parent / "members"
    result = CliRunner().invoke(cli, ["batch", str(members), "-o", str(tmp_path / "out"),
                                      "--jobs", "1", "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert "2 teamleden geanalyseerd." in result.output
    assert '<html lang="nl">' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


# --- compare ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("lang-compare")
    old, new = folder / "old.zip", folder / "new.zip"
    write_sample(old, **SMALL)  # type: ignore[arg-type]
    write_later(new, months=12, **SMALL)  # type: ignore[arg-type]
    return old, new


@pytest.fixture(scope="module")
def dutch_comparison(exports: tuple[Path, Path]) -> Comparison:
    old, new = exports
    return compare([old], [new], targets=(TARGET,), lang="nl")


def _compare_data(c: Comparison) -> list[str]:
    values = {c.owner, TARGET, *c.old.paths, *c.new.paths}
    values.update(Path(p).name for p in (*c.old.paths, *c.new.paths))
    for transition in c.transitions:
        for p in transition.people:
            values.update((p.name, p.company_before, p.company_after, p.position_before,
                           p.position_after))
    return sorted((v for v in values if v), key=len, reverse=True)


def test_a_dutch_compare_page_has_no_english_and_dutch_numbers(
    dutch_comparison: Comparison,
) -> None:
    c = dutch_comparison
    assert c.lang == "nl"
    labels = {goal.id: goal.label_nl.lower() for goal in GOALS}
    html = render_compare(c, embed_plotlyjs=False)
    assert html.startswith('<!doctype html>\n<html lang="nl">')
    soup, texts = _visible_text(html)
    _no_english(texts, _compare_data(c))
    # The cooling margin and the dates the Dutch way (0,10; 1 nov 2026).
    assert "0,10" in soup.get_text(" ")
    as_of = soup.select_one("p.as-of").get_text(" ", strip=True)  # type: ignore[union-attr]
    days = re.findall(r"\d{1,2} \w{3} \d{4}", as_of)
    assert len(days) == 2 and all(DUTCH_DAY.match(d) for d in days), as_of
    # Goal cards carry the column's Dutch label once (no English-page subtitle repeating it).
    for card in soup.select("article.goal"):
        title = card.select_one("h3").get_text(strip=True)  # type: ignore[union-attr]
        assert title.lower() == labels[str(card["id"]).removeprefix("goal-")]
        assert card.select_one(".goal-kind") is None
    # Every goal's reason is a Dutch sentence with Dutch decimals (no "+1.5 points").
    reasons = " ".join(g.reason for g in c.goals)
    assert "punten" in reasons, reasons
    assert not POINT.search(_without(reasons, _compare_data(c)))


def test_an_english_comparison_renders_in_dutch_only_when_asked(
    exports: tuple[Path, Path],
) -> None:
    old, new = exports
    english = compare([old], [new])
    assert english.lang == "en"
    html = render_compare(english, embed_plotlyjs=False)
    assert html.startswith('<!doctype html>\n<html lang="en">')
    assert "What changed" in html


def test_the_compare_command_speaks_dutch(exports: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = exports
    out = tmp_path / "vergelijking.html"
    result = CliRunner().invoke(cli, ["compare", str(old), str(new), "-o", str(out),
                                      "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert "contacten;" in result.output and "aansluiting" in result.output
    assert not re.search(r"\d\.\d\d", result.output.replace(str(tmp_path), ""))
    assert '<html lang="nl">' in out.read_text(encoding="utf-8")


# --- the upload page ----------------------------------------------------------------------


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(settings()), base_url=BASE) as c:
        yield c


def _selected(html: str, select_id: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    option = soup.select_one(f"#{select_id} option[selected]")
    assert option is not None
    return str(option["value"])


def test_a_dutch_browser_gets_a_dutch_page_with_dutch_preselected(client: TestClient) -> None:
    page = client.get("/", headers={"accept-language": "nl-BE,nl;q=0.9,en;q=0.8"})
    assert page.status_code == 200
    assert page.text.startswith('<!doctype html>\n<html lang="nl">')
    assert "Taal van het rapport" in page.text
    assert "Language of the report" not in page.text
    assert _selected(page.text, "person-lang") == "nl"
    # Each language is offered under its own name, marked with its language.
    assert '<option value="en" lang="en">English</option>' in page.text
    english = client.get("/", headers={"accept-language": "de-DE,de;q=0.9"})
    assert english.text.startswith('<!doctype html>\n<html lang="en">')
    assert _selected(english.text, "person-lang") == "en"


def test_the_page_language_link_overrides_the_browser(client: TestClient) -> None:
    page = client.get("/?lang=en", headers={"accept-language": "nl"})
    assert page.text.startswith('<!doctype html>\n<html lang="en">')
    assert 'href="/?lang=nl" hreflang="nl" lang="nl">Nederlands</a>' in page.text
    dutch = client.get("/?lang=nl")
    assert dutch.text.startswith('<!doctype html>\n<html lang="nl">')


def test_the_select_chooses_the_report_language(client: TestClient, tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    write_sample(export, **SMALL)  # type: ignore[arg-type]
    data = export.read_bytes()

    def post(lang: str, accept: str) -> str:
        response = client.post(
            FORM, headers={"accept-language": accept},
            files=[("export", ("export.zip", data, "application/zip"))], data={"lang": lang},
        )
        assert response.status_code == 200
        return response.text

    # The select wins over the browser in both directions.
    assert post("nl", "en").startswith('<!doctype html>\n<html lang="nl">')
    assert post("en", "nl").startswith('<!doctype html>\n<html lang="en">')


def test_an_error_page_follows_the_chosen_language(client: TestClient) -> None:
    response = client.post(FORM, files=[("export", ("x.zip", b"", "application/zip"))],
                           data={"lang": "nl"}, headers={"accept-language": "en"})
    assert response.status_code == 422
    assert response.text.startswith('<!doctype html>\n<html lang="nl">')


def test_the_team_zip_comes_back_in_the_chosen_language(
    client: TestClient, team: tuple[Path, Path]
) -> None:
    members = sorted((team[0].parent / "members").glob("*.zip"))
    response = client.post(
        "/team?form_token=form-secret-for-tests",
        files=[("export", (p.name, p.read_bytes(), "application/zip")) for p in members],
        data={"lang": "nl"},
    )
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        index = archive.read("netscan-team/index.html").decode("utf-8")
        team_json = json.loads(archive.read("netscan-team/team.json"))
    assert index.startswith('<!doctype html>\n<html lang="nl">')
    assert team_json["lang"] == "nl"
