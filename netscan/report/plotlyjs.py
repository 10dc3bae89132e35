"""Which plotly.js the pages carry: the smallest official partial bundle holding every trace type.

The full plotly.js that ships with plotly.py is 4.8 MB; netscan draws only bars, lines and (in the
team report) a heatmap, which plotly's official partial bundles cover at a quarter of the size.
They are vendored in ``netscan/report/vendor/`` (MIT, see LICENSE-plotly.js) at the plotly.js
version plotly.py itself ships, so figures serialised by plotly.py draw the same;
``vendor/fetch-plotly.sh`` re-fetches them from the npm registry. This module is the one place
that chooses a bundle.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "vendor"
# The plotly.js release plotly.py 7.1 ships; the vendored bundles must match it.
PLOTLYJS_VERSION = "4.1.1"


@dataclass(frozen=True, slots=True)
class Bundle:
    """One official partial bundle of plotly.js and the trace types it holds."""

    name: str
    filename: str
    traces: frozenset[str]

    @property
    def path(self) -> Path:
        """Where the vendored file lies."""
        return VENDOR / self.filename


# Smallest first; trace lists as the packages' READMEs give them (plotly.js-*-dist-min 4.1.1).
BUNDLES: tuple[Bundle, ...] = (
    Bundle("basic", "plotly-basic.min.js", frozenset({"bar", "pie", "scatter"})),
    Bundle(
        "cartesian",
        "plotly-cartesian.min.js",
        frozenset(
            {
                "bar", "box", "contour", "heatmap", "histogram", "histogram2d",
                "histogram2dcontour", "image", "pie", "scatter", "scatterternary", "violin",
            }
        ),
    ),
)


def bundle_for(trace_types: Iterable[str]) -> Bundle:
    """The smallest bundle that draws every trace type in `trace_types`."""
    needed = set(trace_types)
    for bundle in BUNDLES:
        if needed <= bundle.traces:
            return bundle
    missing = sorted(needed - BUNDLES[-1].traces)
    raise ValueError(f"no vendored plotly.js bundle draws {missing}; add one in {__name__}")


@functools.cache
def bundle_text(bundle: Bundle) -> str:
    """The bundle's JavaScript, read once per process."""
    return bundle.path.read_text(encoding="utf-8")


def script_hash(source: str) -> str:
    """The CSP source expression (``'sha256-…'``) that allows exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@functools.cache
def bundle_hash(bundle: Bundle) -> str:
    """`script_hash` of a bundle, computed once per process (it is over a megabyte)."""
    return script_hash(bundle_text(bundle))
