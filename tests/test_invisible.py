"""Displayed text carries no bidi, zero-width or control characters (issue 12, item 20)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from netscan.cli import cli
from netscan.invisible import visible_text


def test_every_format_character_is_removed_between_latin_letters() -> None:
    """The hard-coded list matches Unicode's Cf category for this Python's Unicode version."""
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and visible_text(f"a{chr(code)}b") != "ab"
    ]
    assert missed == []


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Ann\u202eeB", "AnneB"),  # right-to-left override
        ("\u2067Eve\u2069 Adams", "Eve Adams"),  # isolates
        ("Bob\u200bby", "Bobby"),  # zero-width space
        ("Ann\u200dBee", "AnnBee"),  # a joiner between Latin letters shapes nothing
        ("\ufeffCarl", "Carl"),
        ("Dan\x1b[2JEvil", "Dan[2JEvil"),  # ESC cannot drive a terminal
        ("Line\u2028break", "Line break"),
        ("Plain Name", "Plain Name"),
        ("Zoë Ødegård", "Zoë Ødegård"),
    ],
)
def test_invisible_characters_are_neutralised(raw: str, shown: str) -> None:
    assert visible_text(raw) == shown


def test_joiners_that_shape_a_script_stay() -> None:
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ inside a Persian word
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # an emoji ZWJ sequence
    assert visible_text(persian) == persian
    assert visible_text(family) == family
    # ... but not when an override beside it was the only non-ASCII neighbour.
    assert visible_text("A\u202e\u200c\u202eB") == "AB"


HOSTILE = {
    "Ann\u202eeB": "AnneB",
    "Bob\u200bby": "Bobby",
    "Eve\u2067X\u2069": "EveX",
}
BAD = ("\u202e", "\u200b", "\u2067", "\u2069", "\x1b")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Profile.csv").write_text(
        "First Name,Last Name,Headline\nOwn\u202eer,Te\u200bst\x1b[2J,Tester\n", encoding="utf-8"
    )
    rows = "".join(
        f"{first},Smith,https://www.linkedin.com/in/p{n},,Acme\u202eCorp,Engineer,01 Feb 2024\n"
        for n, first in enumerate(HOSTILE)
    )
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows,
        encoding="utf-8",
    )
    return folder


def test_report_and_terminal_show_no_invisible_characters(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(
        cli, ["analyze", str(folder), "-o", str(out / "r.html"), "--as-of", "2026-01-01",
              "-t", "Acme\u202eCorp"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    html = (out / "r.html").read_text(encoding="utf-8")
    for char in BAD:
        assert char not in html, f"U+{ord(char):04X} reached the report"
        assert char not in result.output
    for shown in HOSTILE.values():
        assert f"{shown} Smith" in html
    assert "AcmeCorp" in html and "Owner Test" in html
    inspected = CliRunner().invoke(cli, ["inspect", str(folder)], catch_exceptions=False)
    for char in BAD:
        assert char not in inspected.output
    assert "Owner Test[2J" in inspected.output
