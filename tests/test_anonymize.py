"""--anonymize: a reader of any output cannot re-identify the owner or a contact (issue 12, 9).

An export is planted with distinctive identifying values — the owner's name, headline, employer,
title and school, a contact's name, employer, title, profile URL and e-mail, the folder's name —
and every output (HTML, JSON, ties CSV, Parquet and Excel, terminal) is searched for them.
"""

from __future__ import annotations

import json
import secrets
import zipfile
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from netscan.anonymize import (
    anonymize_targets,
    organisation_pseudonym,
    reduce_title,
    reduced_title,
)
from netscan.cli import cli
from netscan.diagnosis.taxonomy import infer_function, infer_seniority

# Each planted value, and a distinctive token of it that must appear nowhere.
PLANTED = {
    "owner first name": "Qwimby",
    "owner last name": "Fzorrelt",
    "owner URL slug": "qwimby-fzorrelt",
    "owner headline": "Zorgwizardry",
    "owner employer": "Vlorpcorp",
    "owner title": "Snarfblatt",
    "owner school": "Xyloquist",
    "owner degree": "Glibbering",
    "contact first name": "Ottolinex",
    "contact last name": "Vandersnootz",
    "contact URL slug": "ottolinex-v-8472",
    "contact e-mail": "ottolinex@",
    "contact e-mail domain": "vlorpzyx",
    "contact employer": "Blorptech",
    "contact title": "Basketweaverz",
    "colleague name": "Pemberthwaite",
    "recommendation text": "Fnordly",
    "message text": "Glimmerzap",
}


def _plant(root: Path) -> Path:
    folder = root / "qwimby-fzorrelt-export"
    folder.mkdir()
    files = {
        "Profile.csv": "First Name,Last Name,Headline\n"
        "Qwimby,Fzorrelt,Chief Zorgwizardry Officer\n",
        "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On\n"
        "Vlorpcorp Dynamiqz B.V.,Senior Snarfblatt Engineer,,Delft,Jun 2018,\n",
        "Education.csv": "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
        "Xyloquist Institute,2010,2014,,MSc Glibbering,\n",
        "Connections.csv": "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ottolinex,Vandersnootz,https://www.linkedin.com/in/ottolinex-v-8472,"
        "ottolinex@vlorpzyx.example,Blorptech Zygomatics,Principal Basketweaverz,03 Mar 2024\n"
        "Hugo,Pemberthwaite,https://www.linkedin.com/in/hugo-p,,Vlorpcorp Dynamiqz,"
        "Data Engineer,05 May 2019\n",
        "messages.csv": '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
        '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"\n'
        '"2-A=","","Qwimby Fzorrelt","https://www.linkedin.com/in/qwimby-fzorrelt",'
        '"Ottolinex Vandersnootz","https://www.linkedin.com/in/ottolinex-v-8472",'
        '"2026-03-05 10:00:00 UTC","","Glimmerzap plans","INBOX",""\n'
        '"2-A=","","Ottolinex Vandersnootz","https://www.linkedin.com/in/ottolinex-v-8472",'
        '"Qwimby Fzorrelt","https://www.linkedin.com/in/qwimby-fzorrelt",'
        '"2026-03-06 10:00:00 UTC","","Glimmerzap yes","INBOX",""\n'
        '"2-B=","","Qwimby Fzorrelt","https://www.linkedin.com/in/qwimby-fzorrelt",'
        '"Hugo Pemberthwaite","https://www.linkedin.com/in/hugo-p",'
        '"2026-02-05 10:00:00 UTC","","Glimmerzap too","INBOX",""\n',
        "Recommendations_Received.csv": "First Name,Last Name,Company,Job Title,Text,"
        "Creation Date,Status\nOttolinex,Vandersnootz,Blorptech Zygomatics,Basketweaverz,"
        '"Fnordly brilliant.","04/15/25, 09:25 PM",VISIBLE\n',
    }
    files["Qwimby Fzorrelt CV notes.csv"] = "Note\nprivate\n"  # not read, but listed
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _texts(out: Path) -> dict[str, str]:
    """Every output as text; Parquet and Excel through their readers (both compress bytes)."""
    import openpyxl

    texts = {
        name: (out / name).read_text(encoding="utf-8")
        for name in ("report.html", "summary.json", "ties.csv")
    }
    texts["ties.parquet"] = pl.read_parquet(out / "ties.parquet").write_csv()
    sheet = openpyxl.load_workbook(out / "ties.xlsx")["ties"]
    texts["ties.xlsx"] = "\n".join(
        ",".join("" if v is None else str(v) for v in row)
        for row in sheet.iter_rows(values_only=True)
    )
    with zipfile.ZipFile(out / "ties.xlsx") as archive:  # metadata, shared strings, sheet names
        texts["ties.xlsx raw"] = "\n".join(
            archive.read(member).decode("utf-8", "replace") for member in archive.namelist()
        )
    return texts


def _run(tmp_path: Path, name: str, *extra: str) -> tuple[Path, str]:
    folder = tmp_path / "qwimby-fzorrelt-export"
    if not folder.exists():
        _plant(tmp_path)
    out = tmp_path / name
    out.mkdir()
    # Separate runs: --json and two --ties in one run would need one option per format.
    runner = CliRunner()
    output = ""
    for ties in ("ties.csv", "ties.parquet", "ties.xlsx"):
        args = ["analyze", str(folder), "-o", str(out / "report.html"),
                "--json", str(out / "summary.json"), "--ties", str(out / ties),
                "-g", "job", "-t", "Vlorpcorp Dynamiqz", "-t", "Blorptech Zygomatics", *extra]
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        output += result.output
    return out, output


def test_plain_run_shows_the_planted_values(tmp_path: Path) -> None:
    """The control: without --anonymize the values are there, so the search below can fail."""
    out, terminal = _run(tmp_path, "plain")
    everything = "\n".join([*_texts(out).values(), terminal]).casefold()
    found = {what for what, token in PLANTED.items() if token.casefold() in everything}
    assert found >= {"owner first name", "owner employer", "contact last name", "contact employer",
                     "contact title", "contact URL slug"}


def test_no_output_holds_an_identifying_value(tmp_path: Path) -> None:
    out, terminal = _run(tmp_path, "anon", "--anonymize")
    texts = {**_texts(out), "terminal": terminal}
    leaks = [
        f"{what} ({token}) in {name}"
        for name, text in texts.items()
        for what, token in PLANTED.items()
        if token.casefold() in text.casefold()
    ]
    assert leaks == []
    summary = json.loads(texts["summary.json"])
    assert summary["anonymized"] is True
    assert summary["owner"]["name"] and " " in summary["owner"]["name"]
    # Both targets still find their people, under the pseudonyms their employers got.
    targets = {t["target"]: t for t in summary["targets"]}
    assert all(name.startswith("Organisation ") for name in targets)
    assert sorted(len(t["openers"]) for t in targets.values()) == [1, 1]
    opener_companies = {t["openers"][0]["company"] for t in targets.values()}
    assert opener_companies == set(targets)
    # The colleague at the owner's employer is still a (past) colleague: the owner's employer
    # got the same pseudonym as the contact's, "B.V." or not.
    ties = pl.read_csv(out / "ties.csv")
    colleague = ties.filter(pl.col("shared_employer").is_not_null())
    assert colleague.height == 1
    assert colleague["shared_employer"][0].startswith("Organisation ")
    # Titles say function and seniority only.
    assert set(ties["position"].to_list()) == {"Senior", "Data"}


def test_pseudonyms_are_consistent_for_one_key_and_change_with_it() -> None:
    key, other = secrets.token_bytes(32), secrets.token_bytes(32)
    first = organisation_pseudonym("Acme B.V.", key)
    assert first is not None and first.startswith("Organisation ")
    assert organisation_pseudonym("ACME", key) == first
    assert organisation_pseudonym("Acme Holding", key) == first
    assert organisation_pseudonym("Acme", other) != first
    assert organisation_pseudonym("Globex", key) != first
    assert organisation_pseudonym("", key) is None
    assert anonymize_targets(["acme bv", "Globex"], key) == (
        first, organisation_pseudonym("Globex", key))


@pytest.mark.parametrize(
    "title",
    ["Senior Software Engineer", "Head of Data", "Chief Executive Officer", "Co-founder & CEO",
     "Verpleegkundige", "Junior Accountmanager", "HR Business Partner", "Intern", "Director",
     "Gardener", "Partner", "Lead UX Designer", "Hoogleraar Economie", "Scrum Master"],
)
def test_reduced_titles_keep_function_and_seniority(title: str) -> None:
    reduced = reduce_title(title)
    function, seniority = infer_function(title), infer_seniority(title)
    assert (infer_function(reduced), infer_seniority(reduced)) == (function, seniority)
    assert reduced is None or reduced == reduced_title(function, seniority)


def test_a_file_name_the_user_chose_is_not_shown(tmp_path: Path) -> None:
    """An address book alone draws a warning naming the file: the name is scrubbed there too."""
    source = Path(__file__).resolve().parents[1] / "sample_exports" / "edge" / "google_current.csv"
    book = tmp_path / "qwimby-fzorrelt-google.csv"
    book.write_bytes(source.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    for anonymize in ((), ("--anonymize",)):
        result = CliRunner().invoke(
            cli, ["analyze", str(book), "-o", str(out / "r.html"), "--json", str(out / "s.json"),
                  *anonymize], catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        texts = [(out / name).read_text(encoding="utf-8") for name in ("r.html", "s.json")]
        leaked = any("qwimby" in text.casefold() for text in [*texts, result.output])
        assert leaked is not bool(anonymize)
    summary = json.loads(texts[1])
    assert summary["inputs"][0]["path"] == "input 1.csv"
    assert any(w.startswith("input 1.csv: an address book") for w in summary["warnings"])


@pytest.mark.parametrize("persona", ["newcomer", "switcher"])
def test_the_diagnosis_is_the_same_with_pseudonyms(persona: str) -> None:
    """Pseudonyms keep what the diagnosis reads: normalised employers, function and seniority."""
    from netscan.pipeline import analyze
    from netscan.summary import analysis_summary

    path = [Path(__file__).resolve().parents[1] / "sample_exports" / f"{persona}.zip"]
    plain = analysis_summary(analyze(path, targets=["Kestrel Analytics"]))
    anonymous = analysis_summary(
        analyze(path, targets=["Kestrel Analytics"], anonymize_key=secrets.token_bytes(32))
    )
    assert anonymous["classes"] == plain["classes"]
    assert anonymous["metrics"] == plain["metrics"]
    assert [(g["id"], g["fit"]) for g in anonymous["goals"]] == [
        (g["id"], g["fit"]) for g in plain["goals"]
    ]
    assert [len(t["openers"]) for t in anonymous["targets"]] == [
        len(t["openers"]) for t in plain["targets"]
    ]
