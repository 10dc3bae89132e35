"""The bundled sample_exports/ never drift from the generator, and their planted truth holds.

The truth checks read each committed zip with the real reader and verify, person by person, that
the interactions in the export follow the level planted for them (SPEC §5 / SCIENCE §8.5), or,
for the tagged ambiguous cases, the behaviour the tag describes instead (sample_exports/README.md).
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

from netscan.sample import PERSONAS, write_sample
from netscan.sample.plan import AMBIGUITY

BUNDLED = Path(__file__).resolve().parents[1] / "sample_exports"
AS_OF = datetime(2026, 11, 2, tzinfo=UTC)
MONTH = timedelta(days=30.44)
DAY = timedelta(days=1)
PERSONA_NAMES = ("insider", "bridger", "switcher", "newcomer")


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_committed_zip_and_truth_equal_a_fresh_generation(persona: str, tmp_path: Path) -> None:
    out, truth = tmp_path / f"{persona}.zip", tmp_path / f"{persona}.truth.csv"
    write_sample(out, persona=persona, seed=7, truth=truth)
    assert out.read_bytes() == (BUNDLED / f"{persona}.zip").read_bytes(), \
        "run sample_exports/regenerate.sh and commit the result"
    assert truth.read_bytes() == (BUNDLED / f"{persona}.truth.csv").read_bytes()
    assert (BUNDLED / f"{persona}.zip").stat().st_size < 2 * 2**20


def test_every_persona_is_bundled() -> None:
    assert set(PERSONAS) == set(PERSONA_NAMES)
    readme = (BUNDLED / "README.md").read_text(encoding="utf-8")
    assert "invented" in readme
    for persona in PERSONA_NAMES:
        assert f"`{persona}.zip`" in readme


def _truth(persona: str) -> list[dict[str, str]]:
    with (BUNDLED / f"{persona}.truth.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def evidence() -> dict[str, tuple[list[dict[str, str]], dict[str, dict[str, object]]]]:
    """Per persona: its truth rows, and per profile URL a summary of the reader's events."""
    from netscan.ingest import load_exports

    found = {}
    for persona in PERSONA_NAMES:
        export = load_exports([BUNDLED / f"{persona}.zip"])
        events = export.events.join(
            export.contacts.select("contact_id", "profile_url", "company"), on="contact_id")
        summary: dict[str, dict[str, object]] = {}
        for (url,), group in events.group_by("profile_url"):
            direct = group.filter((pl.col("kind") == "message") & (pl.col("participants") == 2))
            summary[str(url)] = {
                "kinds": set(group["kind"].to_list()),
                "notes": bool(group["has_note"].fill_null(False).any()),
                "last": group["at"].max(),
                "direct": direct.height,
                "direct_last": direct["at"].max() if direct.height else None,
                "two_way_since": _two_way_since(direct),
                "groups": group.filter(pl.col("participants") > 2).height,
            }
        found[persona] = (_truth(persona), summary)
    return found


def _two_way_since(direct: pl.DataFrame) -> datetime | None:
    """The newest moment by which the 1:1 messages had gone both ways (None: never two-way)."""
    if direct.height == 0:
        return None
    newest_in = direct.filter(pl.col("direction") == "in")["at"].max()
    newest_out = direct.filter(pl.col("direction") == "out")["at"].max()
    if newest_in is None or newest_out is None:
        return None
    return min(newest_in, newest_out)  # type: ignore[no-any-return]


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_interactions_follow_the_planted_level(
        persona: str,
        evidence: dict[str, tuple[list[dict[str, str]], dict[str, dict[str, object]]]]) -> None:
    truth, summary = evidence[persona]
    employer = PERSONAS[persona].jobs[0].company
    old = next((j.company for j in PERSONAS[persona].jobs if j.company != employer), "")
    for row in truth:
        seen = summary.get(row["profile_url"], {})
        two_way = seen.get("two_way_since")
        last = seen.get("last")
        tags = set(row["tags"].split(";"))
        level = row["level"]
        where = f"{persona}: {row['full_name']} ({level}, {row['tags']})"
        if level == "strong":
            assert two_way is not None and two_way >= AS_OF - 12 * MONTH, where
            if "off-platform" in tags:  # the talking happens elsewhere
                assert 2 <= seen["direct"] <= 4, where
            elif "mostly-group" in tags:
                assert seen["direct"] >= 3 and seen["groups"] > 0, where
            else:
                assert seen["direct"] >= 8, where
            if "quiet-spell" in tags:
                assert AS_OF - 8 * MONTH - DAY <= seen["direct_last"] <= AS_OF - 4 * MONTH, where
            elif "off-platform" not in tags:
                assert seen["direct_last"] >= AS_OF - 101 * DAY, where
        elif level == "medium":
            assert two_way is not None and two_way >= AS_OF - 36 * MONTH, where
            if "short-recent-thread" in tags:
                assert seen["direct_last"] >= AS_OF - 5 * MONTH - DAY, where
        elif level == "weak":
            if "polite-reply" in tags:  # one message in, one polite answer out
                assert seen["direct"] == 2 and two_way >= AS_OF - 36 * MONTH, where
            else:
                assert two_way is None or two_way < AS_OF - 36 * MONTH, where
            if "many-one-way" in tags:
                assert seen["direct"] >= 4 and two_way is None, where
            assert (last is not None and last >= AS_OF - 36 * MONTH) or \
                row["company"] == employer, where
            if "group-only" in tags:
                assert seen["direct"] == 0 and seen["groups"] > 0, where
        elif level == "dormant":
            assert two_way is None or two_way < AS_OF - 36 * MONTH, where
            assert two_way is not None or "recommendation" in seen.get("kinds", set()) or \
                row["company"] == old, where
            if "birthday-note" in tags:  # years of silence, then one one-way note
                assert last is not None and last >= AS_OF - 31 * MONTH, where
            else:
                assert last is None or last < AS_OF - 36 * MONTH, where
        else:
            assert level == "latent", where
            if "stray-endorsement" in tags:  # one click on an endorsement prompt, years ago
                assert seen["kinds"] <= {"invitation", "endorsement"}, where
                assert last is not None and last < AS_OF - 36 * MONTH, where
            else:
                assert seen.get("kinds", {"invitation"}) == {"invitation"}, where
            assert not seen.get("notes"), where


def test_hard_cases_are_present(
        evidence: dict[str, tuple[list[dict[str, str]], dict[str, dict[str, object]]]]) -> None:
    tags: Counter[str] = Counter()
    for truth, _ in evidence.values():
        for row in truth:
            tags.update(t for t in row["tags"].split(";") if t)
    for tag in ("dormant-more-than-medium", "group-only", "recruiter", "sales-pitch",
                "endorsement-only", "pending-invitation", "not-connection", "one-way-out",
                "shared-past-employer", "former-strong", "replied", "invitation-note",
                "credential-comma", "emoji-name", "non-ascii-url", "recommendation",
                *AMBIGUITY):
        assert tags[tag] > 0, tag


# The level each ambiguous case is planted in, and who it can apply to.
CASE_LEVEL = {"quiet-spell": "strong", "off-platform": "strong", "mostly-group": "medium",
              "short-recent-thread": "medium", "polite-reply": "weak", "many-one-way": "weak",
              "birthday-note": "dormant", "stray-endorsement": "latent"}


def test_ambiguous_cases_stay_a_modest_share_of_their_level(
        evidence: dict[str, tuple[list[dict[str, str]], dict[str, dict[str, object]]]]) -> None:
    assert set(CASE_LEVEL) == set(AMBIGUITY)
    levels: Counter[str] = Counter()
    cases: Counter[str] = Counter()
    for truth, _ in evidence.values():
        for row in truth:
            levels[row["level"]] += 1
            tags = set(row["tags"].split(";"))
            cases.update(case for case, level in CASE_LEVEL.items()
                         if case in tags and row["level"] == level)
    for case, level in CASE_LEVEL.items():
        assert 0 < cases[case] <= 0.2 * levels[level], (case, cases[case], levels[level])

def test_dormant_ties_outnumber_medium_in_past_messages(
        evidence: dict[str, tuple[list[dict[str, str]], dict[str, dict[str, object]]]]) -> None:
    truth, summary = evidence["switcher"]
    medium = [summary[r["profile_url"]]["direct"] for r in truth
              if r["level"] == "medium" and "not-connection" not in r["tags"]]
    tagged = [summary[r["profile_url"]]["direct"] for r in truth
              if "dormant-more-than-medium" in r["tags"]]
    assert tagged and min(tagged) > max(medium)


def test_level_mix_has_the_personas_shape(
        evidence: dict[str, tuple[list[dict[str, str]], dict[str, dict[str, object]]]]) -> None:
    mix = {p: Counter(r["level"] for r in truth if r["in_network"] == "true")
           for p, (truth, _) in evidence.items()}
    for counts in mix.values():
        assert 1 <= counts["strong"] <= 15  # Dunbar's inner layers
    assert mix["switcher"]["dormant"] > mix["switcher"]["medium"] + mix["switcher"]["strong"]
    assert mix["bridger"]["weak"] > 10 * mix["bridger"]["strong"]
    assert mix["insider"]["strong"] > mix["bridger"]["strong"]
    assert sum(mix["newcomer"].values()) < 200
