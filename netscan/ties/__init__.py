"""Tie strength: features → score → classify (→ calibrate), composed by `build_ties`.

The public API of the tie model; everything else in this package is a step of it.

- `build_ties` — the TIES frame for every in-network contact (features, score, class, reasons).
- `TieConfig`, `NetscanConfig`, `load_config` — every tunable number, overridable from TOML.
- `dunbar_layers`, `DunbarLayers` — the Dunbar-layer check reported beside the classes.
- `write_ties` — the ties table as CSV or Excel (spreadsheet-safe), or Parquet.
"""

from __future__ import annotations

from netscan.ties.build import build_ties
from netscan.ties.config import NetscanConfig, TieConfig, load_config
from netscan.ties.layers import DunbarLayers, dunbar_layers
from netscan.ties.table import write_ties

__all__ = [
    "DunbarLayers",
    "NetscanConfig",
    "TieConfig",
    "build_ties",
    "dunbar_layers",
    "load_config",
    "write_ties",
]
