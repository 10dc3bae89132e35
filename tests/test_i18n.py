"""Every user-facing finding goes through gettext: a pseudo-locale run wraps each one in ⟦…⟧.

The pseudo catalogue marks every message it translates, so a sentence that comes out of the
real pipeline unmarked was built outside gettext (an f-string, glued fragments). English, the
default, must come out unchanged after a pseudo run (the catalogue is restored, nothing cached
the pseudo text). All people in the sample exports are invented.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from gettext import NullTranslations
from pathlib import Path

import polars as pl
import pytest
from babel.messages.pofile import read_po

from netscan.analysis import Analysis
from netscan.i18n import LOCALE_DIR, N_, active, gettext, ngettext, translations, use_translations
from netscan.pipeline import analyze
from netscan.summary import analysis_summary
from netscan.ties.layers import dunbar_layers
from netscan.ties.table import write_ties

ROOT = Path(__file__).resolve().parents[1]
BRIDGER = ROOT / "sample_exports" / "bridger.zip"
# One employer with door openers in the bridger sample, and one nobody works at.
TARGETS = ("Copperleaf Advies", "Nowhere Inc")


class Pseudo(NullTranslations):
    """A pseudo-locale: every message comes back wrapped, plural forms chosen as in English."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"⟦{msgid1 if n == 1 else msgid2}⟧"


def _wrapped(text: str) -> bool:
    return text.startswith("⟦") and text.endswith("⟧")


def _run() -> Analysis:
    return analyze([BRIDGER], targets=TARGETS)


def _english_bytes(analysis: Analysis, folder: Path) -> tuple[bytes, bytes]:
    summary = json.dumps(analysis_summary(analysis), indent=2, ensure_ascii=False)
    ties = write_ties(analysis.ties, folder / "ties.csv").read_bytes()
    return summary.encode("utf-8"), ties


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Analysis, Analysis, Path]]:
    """English before, the pseudo-locale run, and a folder for written files."""
    folder = tmp_path_factory.mktemp("i18n")
    english = _run()
    with use_translations(Pseudo()):
        pseudo = _run()
    yield english, pseudo, folder


def test_every_goal_evidence_and_action_sentence_went_through_gettext(
    runs: tuple[Analysis, Analysis, Path],
) -> None:
    _, pseudo, _ = runs
    goals = pseudo.diagnosis.goals
    evidence = [text for goal in goals for text in goal.evidence]
    actions = [text for goal in goals for text in goal.actions]
    assert len(goals) == 17
    assert len(evidence) == 82
    assert len(actions) == sum(len(goal.actions) for goal in runs[0].diagnosis.goals)
    assert [t for t in evidence + actions if not _wrapped(t)] == []
    # Term labels come from N_-marked data and are translated where they are shown.
    assert any(t.startswith("⟦⟦") for t in evidence)
    assert [g.summary for g in goals if not _wrapped(g.summary)] == []


def test_every_assumption_and_reconnect_reason_went_through_gettext(
    runs: tuple[Analysis, Analysis, Path],
) -> None:
    _, pseudo, _ = runs
    assumptions = pseudo.diagnosis.assumptions
    reasons = [r for item in pseudo.diagnosis.reconnect for r in item.reasons]
    assert len(assumptions) == 5
    assert len(pseudo.diagnosis.reconnect) == 69  # every planted dormant tie
    assert [t for t in (*assumptions, *reasons) if not _wrapped(t)] == []


def test_every_tie_reasons_sentence_is_made_of_translated_phrases(
    runs: tuple[Analysis, Analysis, Path],
) -> None:
    english, pseudo, _ = runs
    reasons = pseudo.ties.get_column("reasons").drop_nulls().to_list()
    assert len(reasons) == english.ties.height
    # Up to three translated phrases joined by "; ", then one closing full stop.
    phrases = re.compile(r"⟦[^⟦⟧]+⟧(?:; ⟦[^⟦⟧]+⟧){0,2}\.")
    assert [r for r in reasons if not phrases.fullmatch(r)] == []
    counted = [r for r in reasons if "message sent, no reply⟧" in r or "messages sent" in r]
    assert counted, "the bridger sample has one-way messages, said with ngettext"


def test_every_layer_flag_went_through_gettext(runs: tuple[Analysis, Analysis, Path]) -> None:
    english, _, _ = runs
    ties = english.ties
    # No sample trips a flag, so push the real ties past each bound.
    all_strong = ties.with_columns(tie_class=pl.lit("strong"), decayed_intensity=pl.lit(1.0))
    all_weak = ties.with_columns(tie_class=pl.lit("weak"), two_way=pl.lit(True))
    all_latent = ties.with_columns(tie_class=pl.lit("latent"))
    with use_translations(Pseudo()):
        flags = [
            *dunbar_layers(all_strong).flags,
            *dunbar_layers(all_weak).flags,
            *dunbar_layers(all_latent).flags,
        ]
    assert len(flags) == 6
    assert [f for f in flags if not _wrapped(f)] == []
    assert flags[0].startswith(f"⟦{ties.height} ties are classed strong;")
    assert flags[1].startswith(f"⟦{ties.height} ties are strong or medium;")
    assert flags[3] == flags[4]
    assert flags[4].startswith("⟦No tie is classed strong although")
    assert flags[5].startswith("⟦No contact has any interaction on record")
    assert flags[2] == "⟦The five strongest ties hold only " + (
        f"{5 / ties.height:.0%} of recent message volume (people typically give about 40% of "
        "their effort to their closest five), so the score may not be ranking the ties you "
        "invest in most.⟧"
    )


def test_the_report_templates_use_the_same_catalogue(
    runs: tuple[Analysis, Analysis, Path],
) -> None:
    from netscan.report import write_report

    _, pseudo, folder = runs
    with use_translations(Pseudo()):
        html = write_report(pseudo, folder / "pseudo.html").read_text(encoding="utf-8")
    assert "⟦Strong⟧" in html  # a label from netscan/report/sections.py
    assert "⟦Partly fits⟧" in html or "⟦Fits⟧" in html or "⟦Does not fit⟧" in html


def test_english_is_unchanged_after_a_pseudo_run(runs: tuple[Analysis, Analysis, Path]) -> None:
    english, _, folder = runs
    again = _run()
    assert _english_bytes(again, folder) == _english_bytes(english, folder)
    summary, ties = _english_bytes(again, folder)
    assert "⟦".encode() not in summary + ties
    assert active() is translations()


def test_use_translations_restores_the_previous_catalogue() -> None:
    assert gettext("Fits") == "Fits"
    outer, inner = Pseudo(), NullTranslations()
    with use_translations(outer):
        assert gettext("Fits") == "⟦Fits⟧"
        with use_translations(inner):
            assert gettext("Fits") == "Fits"
        assert ngettext("%(num)d day", "%(num)d days", 2) == "⟦%(num)d days⟧"
    assert active() is translations()
    assert N_("strong ties (Dunbar's inner 5)") == "strong ties (Dunbar's inner 5)"


def _msgids(path: Path) -> set[str | tuple[str, ...]]:
    with path.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(handle) if m.id}


def test_the_pot_holds_the_findings() -> None:
    ids = _msgids(LOCALE_DIR / "messages.pot")
    assert "was one of your close ties" in ids  # reconnect reason
    assert "strong ties (Dunbar's inner 5)" in ids  # N_-marked term label
    assert "worked together at %(company)s" in ids  # tie reasons template
    assert "%(fact)s — %(judgement)s." in ids  # goal evidence
    assert (
        "Ask this bridge, your only tie into their circles, to introduce you to one person "
        "there: %(names)s.",
        "Ask these %(num)d bridges, your only tie into their circles, to introduce you to one "
        "person there: %(names)s.",
    ) in ids  # an action recipe with both plural forms
    assert ("endorsed you %(num)d time", "endorsed you %(num)d times") in ids
    assert any(isinstance(i, str) and i.startswith("No tie is classed strong") for i in ids)


def test_every_reasons_phrase_is_a_whole_translated_template() -> None:
    from datetime import date

    from netscan.ties.score import reasons_expr

    day = date(2024, 3, 5)
    rows = {
        # recent two-way | older two-way | sent only | received only | nothing | nothing, no date
        "messages_sent": [3, 2, 1, 0, 0, 0],
        "messages_received": [4, 1, 0, 2, 0, 0],
        "two_way": [True, True, False, False, False, False],
        "_two_way_age_days": [30.0, 900.0, None, None, None, None],
        "recent_months": [5, 0, 0, 0, 0, 0],
        "last_two_way": [day, day, None, None, None, None],
        "last_recommended_you": [None, day, None, None, None, None],
        "last_you_recommended": [None, None, day, None, None, None],
        "current_colleague": [True, False, False, False, False, False],
        "tenure_overlap": [False, True, False, False, False, False],
        "shared_employer": ["Globex", "Initech", "Hooli", None, None, None],
        "endorsements_given": [1, 0, 0, 2, 0, 0],
        "endorsements_received": [1, 1, 0, 0, 0, 0],
        "invitation_note": [False, False, True, True, False, False],
        "group_only": [False, False, False, True, False, False],
        "connected_on": [day, day, day, day, day, None],
    }
    frame = pl.DataFrame(rows)
    english = frame.select(reasons_expr()).get_column("reasons").to_list()
    with use_translations(Pseudo()):
        pseudo = frame.select(reasons_expr()).get_column("reasons").to_list()
    assert english == [
        "Two-way messages in 5 of the last 12 months; current colleague at Globex; "
        "2 endorsements exchanged.",
        "Last two-way contact in Mar 2024; recommended you in 2024; worked together at Initech.",
        "1 message sent, no reply; you recommended them in 2024; now at your former employer "
        "Hooli.",
        "2 messages received, no reply; you endorsed them 2 times; invitation with a personal "
        "note.",
        "Connected in 2024; no messages, endorsements or shared employer on record.",
        "No messages, endorsements or shared employer on record.",
    ]
    assert pseudo == [
        "⟦two-way messages in 5 of the last 12 months⟧; ⟦current colleague at Globex⟧; "
        "⟦2 endorsements exchanged⟧.",
        "⟦last two-way contact in Mar 2024⟧; ⟦recommended you in 2024⟧; "
        "⟦worked together at Initech⟧.",
        "⟦1 message sent, no reply⟧; ⟦you recommended them in 2024⟧; "
        "⟦now at your former employer Hooli⟧.",
        "⟦2 messages received, no reply⟧; ⟦you endorsed them 2 times⟧; "
        "⟦invitation with a personal note⟧.",
        "⟦connected in 2024; no messages, endorsements or shared employer on record⟧.",
        "⟦no messages, endorsements or shared employer on record⟧.",
    ]
    only_group = frame.head(1).with_columns(
        messages_sent=pl.lit(0),
        messages_received=pl.lit(0),
        two_way=pl.lit(False),
        current_colleague=pl.lit(False),
        shared_employer=pl.lit(None, dtype=pl.String),
        endorsements_given=pl.lit(0),
        endorsements_received=pl.lit(2),
        group_only=pl.lit(True),
    )
    with use_translations(Pseudo()):
        assert only_group.select(reasons_expr()).item() == (
            "⟦endorsed you 2 times⟧; ⟦only in group threads⟧."
        )
