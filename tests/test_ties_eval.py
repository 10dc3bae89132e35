"""The issue's Done-when thresholds, on every bundled persona's planted truth.

The metrics are computed by ``bench/evaluate_ties.py`` (which also prints them); this test runs
the same code so that the printed table and the asserted numbers cannot drift apart.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import polars as pl
import pytest

from netscan.ties.config import TieConfig

ROOT = Path(__file__).resolve().parents[1]


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "evaluate_ties", ROOT / "bench" / "evaluate_ties.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate_ties"] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


BENCH = _load_bench()


@pytest.fixture(scope="module", params=BENCH.PERSONAS)
def result(request: pytest.FixtureRequest) -> Any:
    persona = request.param
    assert (ROOT / "sample_exports" / f"{persona}.zip").exists()
    return BENCH.evaluate(persona, TieConfig())


def _levels(persona: str) -> set[str]:
    truth = pl.read_csv(ROOT / "sample_exports" / f"{persona}.truth.csv", infer_schema=False)
    return set(truth.filter(pl.col("in_network") == "true")["level"].to_list())


def test_every_connection_in_the_truth_is_matched(result: Any) -> None:
    assert result.unmatched == 0
    assert result.matched > 100


def test_strong_vs_rest_auc(result: Any) -> None:
    assert result.strong_auc >= BENCH.MIN_STRONG_AUC


def test_no_evidence_is_latent(result: Any) -> None:
    assert result.latent_share >= BENCH.MIN_LATENT_SHARE


def test_dormant_recall(result: Any) -> None:
    if "dormant" not in _levels(result.persona):
        assert result.dormant_recall is None
        return
    assert result.dormant_recall >= BENCH.MIN_DORMANT_RECALL


def test_active_medium_outranks_dormant(result: Any) -> None:
    if "dormant" not in _levels(result.persona):
        assert result.medium_over_dormant_auc is None
        return
    assert result.medium_over_dormant_auc >= BENCH.MIN_MEDIUM_OVER_DORMANT_AUC
    # and the guard has teeth: a message count alone does worse
    assert result.count_baseline_auc < result.medium_over_dormant_auc


def test_auc_helper() -> None:
    assert BENCH.auc(pl.Series([3.0, 4.0]), pl.Series([1.0, 2.0])) == 1.0
    assert BENCH.auc(pl.Series([1.0]), pl.Series([1.0])) == 0.5
    assert BENCH.auc(pl.Series([1.0, 3.0]), pl.Series([2.0])) == 0.5
    assert BENCH.auc(pl.Series([], dtype=pl.Float64), pl.Series([1.0])) is None
