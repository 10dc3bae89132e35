"""`netscan batch`: members, map, reduce and the team folder (SPEC §4 team batch, §9).

Every export here is synthetic: hand-written Connections.csv files with invented people, or
`netscan sample` output.
"""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from netscan.batch import run_batch
from netscan.batch.members import discover, member_names, member_slugs
from netscan.batch.work import MemberJob, analyze_member
from netscan.cli import cli
from netscan.errors import NetscanError
from netscan.pipeline import analyze
from netscan.summary import analysis_summary

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
# Invented people: p1…p6 by profile URL (written differently across members), Eve by e-mail
# only (case differs), Jan de Vries by name only, at "Acme B.V." = "Acme" and at "Other Co".
HAND = {
    "alice.csv": [
        "Ada,One,https://www.linkedin.com/in/p1,,Acme,Engineer,01 Mar 2026",
        "Bo,Two,https://www.linkedin.com/in/p2,,Acme,Engineer,01 Mar 2026",
        "Cy,Three,https://www.linkedin.com/in/p3,,Beta,Engineer,01 Mar 2026",
        "Di,Four,https://www.linkedin.com/in/p4,,Gamma,Engineer,01 Mar 2026",
        "Jan,de Vries,,,Other Co,Engineer,01 Mar 2026",
    ],
    "bob.csv": [
        "Cy,Three,https://www.linkedin.com/in/p3/,,Beta,Engineer,01 Mar 2026",
        "Di,Four,https://nl.linkedin.com/in/p4,,Gamma,Engineer,01 Mar 2026",
        "Ed,Five,https://www.linkedin.com/in/p5,,Delta,Engineer,01 Mar 2026",
        "Jan,de Vries,,,Acme B.V.,Engineer,01 Mar 2026",
        "Eve,Mail,,eve@example.org,Zeta,Engineer,01 Mar 2026",
    ],
    "carol.csv": [
        "Di,Four,https://www.linkedin.com/in/p4,,Gamma,Engineer,01 Mar 2026",
        "Ed,Five,https://www.linkedin.com/in/p5,,Delta,Engineer,01 Mar 2026",
        "Fay,Six,https://www.linkedin.com/in/p6,,Eta,Engineer,01 Mar 2026",
        "Jan,de Vries,,,Acme,Engineer,01 Mar 2026",
        "Eve,Mail,,EVE@Example.org,Zeta,Engineer,01 Mar 2026",
    ],
}


@pytest.fixture(scope="module")
def hand_team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hand")
    for name, rows in HAND.items():
        (folder / name).write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _team(out: Path) -> dict[str, object]:
    return json.loads((out / "team.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_hand_built_three_members_exact_overlap(hand_team: Path, tmp_path: Path) -> None:
    from datetime import date

    out = tmp_path / "out"
    result = run_batch([hand_team], out, jobs=1, as_of=date(2026, 6, 1), targets=["Acme"])
    assert [m.name for m in result.members] == ["alice", "bob", "carol"]
    assert result.failed == []
    team = _team(out)
    assert team["reach"] == {"people": 9, "organisations": 7, "largest_member": "m1",
                             "largest_member_people": 5, "more_than_largest": 4}
    assert team["overlap"] == [
        {"a": "m2", "b": "m3", "shared": 4, "jaccard": round(4 / 6, 4)},
        {"a": "m1", "b": "m2", "shared": 2, "jaccard": 0.25},
        {"a": "m1", "b": "m3", "shared": 1, "jaccard": round(1 / 9, 4)},
    ]
    shared = {p["contact"]: p["members"] for p in team["shared_people"]}  # type: ignore[attr-defined]
    assert shared == {"Di Four": ["m1", "m2", "m3"], "Cy Three": ["m1", "m2"],
                      "Ed Five": ["m2", "m3"], "Jan de Vries": ["m2", "m3"],
                      "Eve Mail": ["m2", "m3"]}
    members = {m["id"]: m for m in team["members"]}  # type: ignore[attr-defined]
    assert [members[i]["unique_people"] for i in ("m1", "m2", "m3")] == [3, 0, 1]
    assert team["shared_people_total"] == 5
    # "Acme" matches alice's two Acme contacts exactly; bob's "Acme B.V." is not an exact match.
    [target] = team["targets"]  # type: ignore[misc]
    assert target["match"] == "exact" and target["connectors_total"] == 3
    assert {c["member"] for c in target["connectors"]} == {"m1", "m3"}
    for member in ("alice", "bob", "carol"):
        folder = out / "members" / member
        assert sorted(p.name for p in folder.iterdir()) == ["report.html", "summary.json",
                                                            "ties.parquet"]
    assert not list(tmp_path.glob(".out.partial-*"))


def test_broken_member_is_listed_and_the_rest_go_on(team_exports: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(team_exports, inputs)
    (inputs / "zz-broken.zip").write_bytes(b"PK\x03\x04 this is not a zip")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(inputs), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    team = _team(out)
    rows = {m["input"]: m for m in team["members"]}  # type: ignore[attr-defined]
    broken = rows["zz-broken.zip"]
    assert broken["status"] == "failed" and broken["error"]
    assert str(tmp_path) not in broken["error"] and "netscan-member-" not in broken["error"]
    assert sum(m["status"] == "ok" for m in rows.values()) == 3
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    failed = page.find(id="failed-table")
    assert failed is not None and broken["error"] in failed.get_text()
    assert "zz-broken.zip" in result.output


def test_anonymised_overlap_equals_plain(team_exports: Path, tmp_path: Path) -> None:
    plain = _team(run_batch([team_exports], tmp_path / "plain", jobs=1).out_dir)
    anon = _team(run_batch([team_exports], tmp_path / "anon", jobs=1, anonymize=True).out_dir)
    assert plain["overlap"] and plain["shared_people_total"]
    for key in ("reach", "overlap", "overlap_pairs", "shared_people_total",
                "single_points_total"):
        assert anon[key] == plain[key], key
    assert [m["unique_by_class"] for m in anon["members"]] == [  # type: ignore[attr-defined]
        m["unique_by_class"] for m in plain["members"]]  # type: ignore[attr-defined]
    assert [m["name"] for m in anon["members"]] == [  # type: ignore[attr-defined]
        m["name"] for m in plain["members"]]  # type: ignore[attr-defined]
    # No real contact name survives anywhere in the anonymised folder.
    real = {p["contact"] for p in plain["shared_people"]}  # type: ignore[attr-defined]
    text = "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in (tmp_path / "anon").rglob("*") if p.suffix in (".json", ".html"))
    assert real and not [name for name in real if name in text]
    assert anon["anonymized"] is True


def test_team_goal_fit_never_reads_missing_events_as_zero(team_exports: Path,
                                                          tmp_path: Path) -> None:
    team = _team(run_batch([team_exports], tmp_path / "out", jobs=1).out_dir)
    goals = team["goals"]
    assert len(goals) == 17  # type: ignore[arg-type]
    for goal in goals:  # type: ignore[attr-defined]
        assert (goal["verdict"] == "not-judged") == (goal["measured_weight"] < 0.5), goal["id"]
        text = " ".join(goal["evidence"])
        # Compact results carry no events: those terms say "no data", never a measured zero.
        assert "Endorsements received: 0" not in text and "Introductions made" not in text.replace(
            "No data for introductions made", "")
    judged = [g["verdict"] != "not-judged" for g in goals]  # type: ignore[attr-defined]
    assert judged == sorted(judged, reverse=True)  # judged goals rank first


def test_jobs_one_and_two_give_the_same_bytes(team_exports: Path, tmp_path: Path) -> None:
    one = run_batch([team_exports], tmp_path / "one", jobs=1).out_dir
    two = run_batch([team_exports], tmp_path / "two", jobs=2).out_dir
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for name in files:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_member_result_is_plain_data_without_paths(team_exports: Path) -> None:
    export = team_exports / "bridger.zip"
    job = MemberJob(index=0, id="m1", input="bridger.zip", filename="bridger.zip", goals=(),
                    targets=(), as_of=None, anonymize_key=None)
    result = analyze_member(job, export.read_bytes())
    assert result.ok and result.owner
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    expected = analysis_summary(analyze([export]))
    expected["inputs"][0]["path"] = "bridger.zip"  # type: ignore[index]
    assert result.summary == expected
    blob = json.dumps(result.summary) + result.report_html
    assert "netscan-member-" not in blob and "/tmp" not in blob
    assert 'src="../../plotly.min.js"' in result.report_html


def test_member_names_and_slugs_are_unique() -> None:
    names = member_names(["Zoë Müller", "Zoë Müller", None, ""], ["a.zip", "b.zip", "c.zip",
                                                                  "Zoë Müller (a.zip).csv"])
    assert names == ["Zoë Müller (a.zip)", "Zoë Müller (b.zip)", "c",
                     "Zoë Müller (a.zip) 2"]
    assert member_slugs(names) == ["zoe-muller-a-zip", "zoe-muller-b-zip", "c",
                                   "zoe-muller-a-zip-2"]


def test_members_are_discovered_in_path_order(team_exports: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_text(HEADER, encoding="utf-8")
    given = [folder, team_exports / "switcher.zip", team_exports]
    found = discover(given)
    # A folder holding export files is one member; a member named twice is one member.
    assert sorted(m.input for m in found) == ["bridger.zip", "export", "insider.zip",
                                              "switcher.zip"]
    assert [m.id for m in found] == ["m1", "m2", "m3", "m4"]
    assert discover(list(reversed(given))) == found
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NetscanError, match="No member exports"):
        discover([empty])


def test_out_dir_that_is_not_a_batch_is_refused(team_exports: Path, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(team_exports), "-o", str(tmp_path)])
    assert result.exit_code == 1 and "not a netscan batch" in result.output
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_scheduler_without_distributed_is_a_clean_error(
    team_exports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    real = importlib.import_module

    def no_dask(name: str, *args: object) -> object:
        if name == "distributed":
            raise ImportError("No module named 'distributed'")
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib, "import_module", no_dask)
    result = CliRunner().invoke(cli, ["batch", str(team_exports), "-o", str(tmp_path / "o"),
                                      "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1
    assert "netscan[distributed]" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def _jobs(team_exports: Path) -> tuple[list[MemberJob], dict[str, bytes]]:
    sources = discover([team_exports])
    jobs = [MemberJob(index=i, id=s.id, input=s.input, filename=s.input, goals=(), targets=(),
                      as_of=None, anonymize_key=None) for i, s in enumerate(sources)]
    return jobs, {s.id: s.path.read_bytes() for s in sources}


@pytest.mark.parametrize("mode", ["once", "always"])
def test_local_pool_survives_a_worker_that_dies(
    mode: str, team_exports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import batch_crash

    from netscan.batch.runners import run_local

    monkeypatch.setenv("NETSCAN_TEST_CRASH_INPUT", "insider.zip")
    monkeypatch.setenv("NETSCAN_TEST_CRASH_DIR", str(tmp_path))
    jobs, data = _jobs(team_exports)
    fn = batch_crash.crash_once if mode == "once" else batch_crash.crash_always
    results = {r.input: r for r in run_local(jobs, lambda job: data[job.id], 2, fn)}
    assert sorted(results) == ["bridger.zip", "insider.zip", "switcher.zip"]
    assert results["bridger.zip"].ok and results["switcher.zip"].ok
    if mode == "once":
        assert results["insider.zip"].ok  # retried once, alone, and then it finished
    else:
        assert results["insider.zip"].error is not None
        assert "died, twice" in results["insider.zip"].error


def test_beyond_forty_members_the_top_pairs_replace_the_heatmap(tmp_path: Path) -> None:
    from datetime import date

    folder = tmp_path / "members"
    folder.mkdir()
    # 41 members; member i knows the shared person p0 and its own p{i}; every pair shares one.
    for i in range(1, 42):
        rows = ["Pat,Zero,https://www.linkedin.com/in/p0,,Acme,Engineer,01 Mar 2026",
                f"Sam,No{i},https://www.linkedin.com/in/p{i},,Org {i},Engineer,01 Mar 2026"]
        (folder / f"member{i:02d}.csv").write_text(HEADER + "\n".join(rows) + "\n",
                                                   encoding="utf-8")
    out = run_batch([folder], tmp_path / "out", jobs=1, as_of=date(2026, 6, 1)).out_dir
    team = _team(out)
    assert team["overlap_pairs"] == 41 * 40 // 2
    assert team["overlap"][0] == {"a": "m1", "b": "m2", "shared": 1, "jaccard": round(1 / 3, 4)}
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find(id="chart-overlap") is None
    table = page.find(id="overlap-table")
    assert table is not None and len(table.find_all("tr")) == 1 + 30
    assert "more than 40 members" in page.get_text()


def test_the_measured_share_is_said_only_when_some_evidence_is_missing() -> None:
    from netscan.report.team import _measured

    assert _measured({"measured_weight": 1.0}) == ()
    (sentence,) = _measured({"measured_weight": 0.75})
    assert "75%" in sentence and "the rest needs" in sentence
