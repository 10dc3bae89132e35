"""`-t` targets as people type them: prefix words, any case or accent, past employers, and a
"did you mean" when nothing matches (issue 14)."""

from __future__ import annotations

import re

from netscan.diagnosis.targets import find_target, fold, matches
from tests.diagnosis_builders import tie, ties_frame


def _ties() -> object:
    rows = [
        tie("a", company="Hollowbrook Mobility", score=0.6, tie_class="strong"),
        tie("b", company="Hollowbrook Studio", score=0.3, tie_class="medium"),
        tie("c", company="Brookfield Hollow", score=0.3, tie_class="medium"),
        tie("d", company="Café Noord B.V.", score=0.2, tie_class="weak"),
        tie("e", company="Globex", score=0.25, tie_class="weak"),
        tie("f", company="Kestrel Analytics", score=0.1, tie_class="weak"),
    ]
    rows[4]["shared_employer"] = "Initech Systems"  # worked at Initech with the owner
    return ties_frame(rows)


def test_a_first_word_finds_every_company_it_starts() -> None:
    result = find_target(_ties(), "Hollowbrook")  # type: ignore[arg-type]
    assert result.match_kind == "prefix"
    assert result.companies == ("Hollowbrook Mobility", "Hollowbrook Studio")
    assert [o.contact_id for o in result.openers] == ["a", "b"]
    assert {o.link for o in result.openers} == {"current"}
    # a word must start where the company's word starts: "brook" is not "Hollowbrook"
    assert matches("brook", "Hollowbrook Mobility") is None
    assert matches("hollow", "Brookfield Hollow") == "prefix"
    assert matches("hollowbrook mob", "Hollowbrook Mobility") == "prefix"


def test_case_and_accents_do_not_matter() -> None:
    assert fold("Café Noord B.V.") == "cafe noord"
    for typed in ("cafe noord", "CAFÉ", "Cafe"):
        result = find_target(_ties(), typed)  # type: ignore[arg-type]
        assert [o.contact_id for o in result.openers] == ["d"], typed
    assert find_target(_ties(), "café noord").match_kind == "normalised"  # type: ignore[arg-type]
    assert find_target(_ties(), "Globex").match_kind == "exact"  # type: ignore[arg-type]


def test_past_employers_count_with_a_stated_link() -> None:
    result = find_target(_ties(), "initech")  # type: ignore[arg-type]
    assert result.match_kind == "past"
    assert result.companies == ("Initech Systems",)
    [opener] = result.openers
    assert (opener.contact_id, opener.link, opener.via, opener.company) == (
        "e", "former", "Initech Systems", "Globex")


def test_nothing_matching_offers_close_names_and_names_no_door_opener() -> None:
    result = find_target(_ties(), "Holowbrok")  # type: ignore[arg-type]
    assert result.match_kind == "none" and result.openers == ()
    assert result.suggestions[:2] == ("Hollowbrook Mobility", "Hollowbrook Studio")
    assert find_target(_ties(), "Zyxwv Quux").suggestions == ()  # type: ignore[arg-type]
    assert find_target(_ties(), "Hollowbrook").suggestions == ()  # type: ignore[arg-type]


def test_the_cli_prints_the_matches_and_the_suggestions(tmp_path: object) -> None:
    from pathlib import Path

    from click.testing import CliRunner

    from netscan.cli import cli

    root = Path(__file__).resolve().parent.parent
    # The README's own -t example must find people in its sample.
    readme = (root / "README.md").read_text(encoding="utf-8")
    found = re.search(r"netscan analyze (sample_exports/\w+\.zip) .*?-t (\"[^\"]+\"|\S+)", readme)
    assert found is not None
    sample, target = root / found.group(1), found.group(2).strip('"')
    out = Path(str(tmp_path)) / "r.html"
    run = CliRunner().invoke(cli, ["analyze", str(sample), "-o", str(out), "-g", "job",
                                    "-t", target, "-t", "Holowbrok"])
    assert run.exit_code == 0, run.output
    assert re.search(rf"-t {target}: \d+ contacts? works? there now", run.output), run.output
    assert "(matched: Hollowbrook" in run.output
    assert "Did you mean: Hollowbrook" in run.output
    assert "does-not-fit" not in run.output
