"""Compare two exports of one person: ties gained, lost, cooling and warming, and why goals moved.

Sits after the diagnosis: it reads two finished `Analysis` records (each scored as of its own
date) and returns a `Comparison`; `netscan.pipeline.compare` runs both analyses, and the
report stage renders the result.

- `compare_analyses` — two analyses → `Comparison`.
- `check_same_owner` — the clean error when the two exports are of different people.
- `comparison_summary` — the `--json` dict (keys in docs/compare.md).
"""

from __future__ import annotations

from netscan.compare.change import MARGIN, compare_analyses
from netscan.compare.match import check_same_owner
from netscan.compare.summary import comparison_summary
from netscan.compare.types import Comparison

__all__ = ["MARGIN", "Comparison", "check_same_owner", "compare_analyses", "comparison_summary"]
