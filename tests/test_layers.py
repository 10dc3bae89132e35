"""Dunbar layers: sizes, effort shares and plausibility flags on hand-built ties frames."""

from __future__ import annotations

import polars as pl
import pytest

from netscan.ties.layers import DunbarLayer, dunbar_layers


def _ties(
    classes: list[str],
    scores: list[float],
    intensity: list[float],
    two_way: list[bool] | None = None,
) -> pl.DataFrame:
    n = len(classes)
    return pl.DataFrame(
        {
            "contact_id": [f"c{i:03d}" for i in range(n)],
            "score": scores,
            "tie_class": classes,
            "decayed_intensity": intensity,
            "two_way": two_way if two_way is not None else [False] * n,
        }
    )


def test_layers_shares_and_no_flags_for_a_plausible_network() -> None:
    classes = ["strong"] * 3 + ["medium"] * 7 + ["weak"] * 10 + ["latent"] * 5
    scores = [0.9 - 0.03 * i for i in range(20)] + [0.0] * 5
    intensity = [10.0] * 5 + [1.0] * 15 + [0.0] * 5
    layers = dunbar_layers(_ties(classes, scores, intensity, [True] * 25))
    assert layers.layers[0] == DunbarLayer(nominal=5, filled=5, min_score=pytest.approx(0.78))
    assert [layer.filled for layer in layers.layers] == [5, 15, 20, 20]
    assert layers.strong == 3
    assert layers.strong_medium == 10
    assert layers.top5_share == pytest.approx(50 / 65)
    assert layers.top15_share == pytest.approx(60 / 65)
    assert layers.flags == ()


def test_too_many_strong_and_flat_effort_are_flagged() -> None:
    n = 20
    layers = dunbar_layers(_ties(["strong"] * n, [0.7] * n, [1.0] * n, [True] * n))
    assert layers.strong == 20
    assert layers.top5_share == pytest.approx(0.25)
    assert len(layers.flags) == 1
    assert layers.flags[0].startswith("20 ties are classed strong")

    flat = dunbar_layers(_ties(["medium"] * n, [0.4] * n, [1.0] * n, [True] * n))
    assert flat.top5_share == pytest.approx(0.25)
    assert [f.split(";")[0][:20] for f in flat.flags] == ["No tie is classed st"]

    flatter = dunbar_layers(_ties(["weak"] * 40, [0.2] * 40, [1.0] * 40))
    assert flatter.top5_share == pytest.approx(5 / 40)
    assert flatter.flags[0].startswith("The five strongest ties hold only 12%")


def test_all_latent_network_is_flagged_and_layers_are_empty() -> None:
    layers = dunbar_layers(_ties(["latent"] * 4, [0.0] * 4, [0.0] * 4))
    assert [layer.filled for layer in layers.layers] == [0, 0, 0, 0]
    assert layers.layers[0].min_score is None
    assert layers.top5_share is None
    assert layers.flags == (
        "No contact has any interaction on record (messages, endorsements, recommendations "
        "or a shared employer), so every tie is latent: strength cannot be judged.",
    )


def test_more_than_150_strong_or_medium_is_flagged() -> None:
    n = 160
    layers = dunbar_layers(_ties(["medium"] * n, [0.4] * n, [0.0] * n))
    assert layers.strong_medium == 160
    assert layers.flags[0].startswith("160 ties are strong or medium")
