"""The hand-off between computing and presenting: one frozen record of a finished analysis.

The report, the JSON summary and the ties table read an `Analysis` and never recompute.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from netscan.diagnosis.types import Diagnosis
from netscan.model import Export, RatingSheet
from netscan.ties.calibrate import Calibration
from netscan.ties.config import NetscanConfig
from netscan.ties.layers import DunbarLayers


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything netscan concluded about one person's exports.

    `ties` conforms to ``netscan.model.TIES`` (one row per in-network contact, strongest first).
    `as_of` is the day recency was measured from; `as_of_source` says where it came from
    (``export`` = the newest timestamp in the export, ``option`` = ``--as-of``). `lang` is the
    locale its sentences were written in; the report renders in the same one.
    """

    export: Export
    as_of: date
    as_of_source: str
    config: NetscanConfig
    ties: pl.DataFrame
    layers: DunbarLayers
    diagnosis: Diagnosis
    goals_requested: tuple[str, ...]
    targets: tuple[str, ...]
    anonymized: bool
    # `--ratings`: the sheet as matched (counts only are ever shown) and the calibration result.
    ratings: RatingSheet | None = None
    calibration: Calibration | None = None
    lang: str = "en"
