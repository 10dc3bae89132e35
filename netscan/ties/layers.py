"""Dunbar's layers as a sanity check on the tie classes: reported, never forced.

Dunbar (2020) finds cumulative layers of about 5, 15, 50 and 150 people, with about 40% of social
effort going to the inner 5 and 60% to the inner 15; MacCarron et al. (2016) find ~4 and ~11 in
phone data. LinkedIn messaging is far sparser, so the numbers are plausibility bounds for the
classes (SCIENCE.md §5.1, §8.7 item 4), not targets: when they are far off, a flag says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from netscan.i18n import gettext, ngettext
from netscan.l10n import percent
from netscan.model import TieClass

LAYER_SIZES = (5, 15, 50, 150)
# Plausibility bounds [design choice, from Dunbar's 15 and 150 layers].
MAX_STRONG = 15
MAX_STRONG_MEDIUM = 150
# Below this share of decayed message volume in the top 5, effort looks flat rather than
# layered (Dunbar 2020: ~40%) [design choice]; judged only with enough messaging ties.
MIN_TOP5_SHARE = 0.2
MIN_TIES_FOR_SHARE = 15


@dataclass(frozen=True, slots=True)
class DunbarLayer:
    """One cumulative layer: its nominal size, how many ties with evidence fill it, and the
    lowest score inside it (None when it is empty)."""

    nominal: int
    filled: int
    min_score: float | None


@dataclass(frozen=True, slots=True)
class DunbarLayers:
    """Layer sizes by score, class counts and effort concentration, with plain-language flags."""

    layers: tuple[DunbarLayer, ...]
    strong: int
    strong_medium: int
    top5_share: float | None
    top15_share: float | None
    flags: tuple[str, ...]


def dunbar_layers(ties: pl.DataFrame) -> DunbarLayers:
    """Measure a TIES frame against Dunbar's 5/15/50/150 layers."""
    ranked = ties.sort(["score", "contact_id"], descending=[True, False])
    evidence = ranked.filter((pl.col("tie_class") != TieClass.LATENT.value) & (pl.col("score") > 0))
    layers = []
    for size in LAYER_SIZES:
        top = evidence.head(size)
        min_score = float(top["score"].min()) if top.height else None  # type: ignore[arg-type]
        layers.append(DunbarLayer(nominal=size, filled=top.height, min_score=min_score))

    classes = ranked["tie_class"]
    strong = int((classes == TieClass.STRONG.value).sum())
    strong_medium = strong + int((classes == TieClass.MEDIUM.value).sum())

    volume = float(ranked["decayed_intensity"].sum())
    messaging = int((ranked["decayed_intensity"] > 0).sum())
    top5_share = float(ranked["decayed_intensity"].head(5).sum()) / volume if volume > 0 else None
    top15_share = float(ranked["decayed_intensity"].head(15).sum()) / volume if volume > 0 else None

    flags: list[str] = []
    if strong > MAX_STRONG:
        flags.append(
            ngettext(
                "%(num)d tie is classed strong; people keep about 15 in their inner layers "
                "(Dunbar), so the thresholds may be too generous for this export.",
                "%(num)d ties are classed strong; people keep about 15 in their inner layers "
                "(Dunbar), so the thresholds may be too generous for this export.",
                strong,
            )
            % {"num": strong}
        )
    if strong_medium > MAX_STRONG_MEDIUM:
        flags.append(
            ngettext(
                "%(num)d tie is strong or medium; people actively maintain about 150, "
                "so the medium class may be too wide for this export.",
                "%(num)d ties are strong or medium; people actively maintain about 150, "
                "so the medium class may be too wide for this export.",
                strong_medium,
            )
            % {"num": strong_medium}
        )
    if strong == 0 and ranked.height and bool(ranked["two_way"].any()):
        flags.append(
            gettext(
                "No tie is classed strong although some conversations are two-way: recent "
                "contact may be missing from the export, or the as-of date is long after it."
            )
        )
    if ranked.height and evidence.height == 0:
        flags.append(
            gettext(
                "No contact has any interaction on record (messages, endorsements, "
                "recommendations or a shared employer), so every tie is latent: strength cannot "
                "be judged."
            )
        )
    if top5_share is not None and messaging >= MIN_TIES_FOR_SHARE and top5_share < MIN_TOP5_SHARE:
        flags.append(
            gettext(
                "The five strongest ties hold only %(share)s of recent message volume (people "
                "typically give about 40%% of their effort to their closest five), so the score "
                "may not be ranking the ties you invest in most."
            )
            % {"share": percent(top5_share)}
        )
    return DunbarLayers(
        layers=tuple(layers),
        strong=strong,
        strong_medium=strong_medium,
        top5_share=top5_share,
        top15_share=top15_share,
        flags=tuple(flags),
    )
