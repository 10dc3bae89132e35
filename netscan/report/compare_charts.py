"""The compare report's charts: paired before/after bars, built like the main report's charts.

Same conventions as `netscan.report.charts` (plain dicts, computed layouts, labels escaped,
colour never the only carrier): each chart here has a table with the same numbers beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from netscan import l10n
from netscan.report.charts import (
    ACCENT,
    SECOND,
    Figure,
    _axis,
    _figure,
    _label,
    _layout,
    _trace,
    _update,
)

BEFORE = "#8795a3"  # grey-blue: the earlier export, quieter than the later one


def paired_bars(
    labels: Sequence[str],
    first: tuple[str, Sequence[float]],
    second: tuple[str, Sequence[float]],
    *,
    x_title: str,
    percent: bool = False,
    colours: tuple[str, str] = (BEFORE, ACCENT),
) -> Figure:
    """Horizontal bars, two per label (e.g. before and after), top to bottom in `labels` order.

    `first` and `second` are (series name, one value per label); with `percent` the values are
    fractions shown as percentages on a 0–100 axis.
    """
    order = list(labels)[::-1]

    def series(name: str, values: Sequence[float], colour: str) -> dict[str, object]:
        shown = [round(v * 100, 1) if percent else v for v in list(values)[::-1]]
        # the count in the active locale's notation (1,383 / 1.383); percentages are whole
        text = [f"{v:.0f}%" if percent else l10n.number(float(v)) for v in shown]
        suffix = "%" if percent else ""
        return _trace(
            "bar",
            x=shown,
            y=[_label(label) for label in order],
            orientation="h",
            name=_label(name),
            marker={"color": colour},
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"{_label(name)} · %{{y}}: %{{x}}{suffix}<extra></extra>",
        )

    # plotly stacks a horizontal group bottom-up: add `second` first so `first` reads on top
    fig = _figure(
        [series(second[0], second[1], colours[1]), series(first[0], first[1], colours[0])]
    )
    _update(fig["layout"], {"barmode": "group"})
    _layout(fig, height=110 + 46 * len(order), x_title=x_title)
    if percent:
        _axis(fig, "xaxis", range=[0, 100], ticksuffix="%")
    # Legend in reading order: `first`, then `second`, as the bars read top to bottom.
    # Above the plot: below it, the legend collides with the axis title on a phone.
    _update(fig["layout"], {"showlegend": True,
                            "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom",
                                       "traceorder": "reversed"},
                            "margin": {"t": 36}})
    return fig


GAINED = ACCENT
LOST = SECOND
