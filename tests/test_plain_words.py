"""The report speaks plain words: no index names, scoring rules, raw keys or Dutch on an English
page; numbers go behind "how this was computed" (issue 14)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from netscan.summary import analysis_summary
from tests.test_diagnosis_goals import PERSONAS, _persona

# Internal metric names and scoring words that must never appear in a sentence a person reads.
INTERNAL = ("E-I", "IQV", "Effective size", "effective size", "Constraint", "constraint",
            "efficiency", "reference", "weight", "scores 0", "scaled by", "Dunbar", "imputed",
            "moderately weak", "_", "does-not-fit")
SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"


@pytest.mark.parametrize("name", PERSONAS)
def test_every_evidence_sentence_is_one_plain_sentence(name: str) -> None:
    for goal in _persona(name).goals:  # type: ignore[attr-defined]
        assert len(goal.evidence) == len(goal.terms)
        for sentence in (*goal.evidence, goal.summary):
            assert not [w for w in INTERNAL if w in sentence], (goal.id, sentence)
            assert sentence.endswith(".") and not sentence[0].islower(), sentence
            # one sentence: no full stop followed by another sentence inside it
            assert not re.search(r"\.\s+[A-Z]", sentence[:-1]), sentence
            assert not re.search(r"\b1 (contacts|people|ties|organisations)\b", sentence)
            assert not re.search(r"\d\.\d{2,} (days|years)", sentence)


@pytest.mark.parametrize("name", PERSONAS)
def test_evidence_numbers_match_the_structured_terms(name: str) -> None:
    result = _persona(name)
    for goal in result.goals:  # type: ignore[attr-defined]
        for sentence, term in zip(goal.evidence, goal.terms, strict=True):
            if term.value is None:
                assert "left out" in sentence
                continue
            if term.metric in ("strong", "active_ties", "approached_by", "recent_bridges",
                               "clusters", "moderately_weak"):
                assert f"{round(term.value)}" in sentence, (sentence, term)
            judged = ("a strength" if term.score >= 0.7 else "some help"  # type: ignore[operator]
                      if term.score >= 0.4 else "a gap")  # type: ignore[operator]
            assert judged in sentence, (sentence, term)


def test_json_evidence_is_plain_and_terms_keep_the_numbers() -> None:
    from netscan.pipeline import analyze

    analysis = analyze([SAMPLES / "newcomer.zip"])
    summary = json.loads(json.dumps(analysis_summary(analysis)))
    for goal in summary["goals"]:
        assert goal["summary"]
        assert len(goal["terms"]) == len(goal["evidence"])
        assert abs(sum(t["weight"] for t in goal["terms"]) - 1) < 1e-6
        for term in goal["terms"]:
            assert set(term) == {"metric", "label", "value", "worst", "reference", "best",
                                 "scale", "score", "weight", "reach"}
            assert term["metric"] in summary["metrics"] or term["value"] is None
        for sentence in goal["evidence"]:
            assert not [w for w in INTERNAL if w in sentence], sentence


def test_report_has_no_dutch_goal_labels_and_no_raw_keys() -> None:
    from netscan.pipeline import analyze
    from netscan.report.render import render_report

    html = render_report(analyze([SAMPLES / "insider.zip"]))
    text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", html, flags=re.S)
    for dutch in ("risico spreiden", "klanten vinden", "advies krijgen", "aandacht"):
        assert dutch not in text
    assert "does-not-fit" not in text and "works in hr" not in text
    assert "How this was computed" in text


def test_every_skip_reason_has_words_in_the_report() -> None:
    from netscan.model import SkipReason
    from netscan.report.sections import _SKIP_LABELS

    assert set(_SKIP_LABELS) == {reason.value for reason in SkipReason}
    assert not [label for label in _SKIP_LABELS.values() if "-" in label]
