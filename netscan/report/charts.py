"""One function per report chart, each returning a plotly figure dict, plus `to_fragment`.

Charts take small, already aggregated data (tuples of labels and counts), never a frame, so a
30,000-contact export still gives a report of a few kilobytes of chart data. Layouts are computed,
never random, and `to_fragment` uses fixed div ids, so the same input gives the same bytes.
Labels are HTML-escaped before they reach plotly, which renders a subset of HTML in text.

Figures are plain plotly.js figure dicts, not `go.Figure` objects: plotly.py's validation cost
~0.3 s per report, and even importing its JSON writer ~60 ms per run. `figure_json` writes them as
plotly.io's JSON engine does, byte for byte, and the tests check both that and that plotly.py's
validation accepts every figure unchanged. The dicts keep the key order `go.Figure` gave (trace
keys sorted, ``type`` last; layout keys in the order they were first set, as `_update` does).
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from netscan import l10n
from netscan.i18n import active_locale

Figure = dict[str, Any]

# Colour carries meaning and is never the only carrier (labels and tables say the same thing).
# Each is dark enough for AA contrast against white when used for text.
CLASS_COLOURS: dict[str, str] = {
    "strong": "#0b6e4f",
    "medium": "#1f6fa8",
    "weak": "#5b7f99",
    "dormant": "#a35a00",
    "latent": "#6b7580",
}
ACCENT = "#1f6fa8"
SECOND = "#a35a00"
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
MAX_STRONG_DOTS = 6  # more rings around one bubble hide it; the table lists everyone
_CONFIG = {"displayModeBar": False, "responsive": True, "displaylogo": False}


def _label(text: str) -> str:
    # plotly renders <b>, <br>, <a> in labels; a contact named "<b>x" must show literally.
    return html.escape(text, quote=False)


def _sorted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _sorted(value[key]) for key in sorted(value)}
    return value


def _trace(kind: str, **props: Any) -> dict[str, Any]:
    """A trace dict as a plotly trace object writes it: keys sorted at every level, type last."""
    return {**_sorted(props), "type": kind}


def _figure(traces: Sequence[dict[str, Any]]) -> Figure:
    # What an empty `go.layout.Template()` serialises to: keeps plotly's ~10 kB theme out.
    empty_template = {"data": {"scatter": [{"type": "scatter"}]}}
    return {"data": list(traces), "layout": {"template": empty_template}}


def _update(target: dict[str, Any], changes: Mapping[str, Any]) -> None:
    """Merge `changes` into `target` like plotly's update: known keys keep their place."""
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _update(target[key], value)
        elif isinstance(value, Mapping):
            target[key] = {}
            _update(target[key], value)
        else:
            target[key] = value


def _axis(fig: Figure, name: str, **props: Any) -> None:
    _update(fig["layout"], {name: props})


def _layout(fig: Figure, *, height: int, x_title: str = "", y_title: str = "") -> Figure:
    # Compound properties first, then plain ones: the order go.Figure.update_layout wrote them.
    _update(
        fig["layout"],
        {
            "margin": {"l": 8, "r": 16, "t": 8, "b": 8},
            "font": {"family": _FONT, "size": 13, "color": "#1d2733"},
            "hoverlabel": {"font": {"family": _FONT}},
            "height": height,
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "showlegend": False,
        },
    )
    separators = l10n.separators(active_locale())
    if separators != ".,":  # plotly's own default: English pages keep their bytes
        _update(fig["layout"], {"separators": separators})
    for name, title in (("xaxis", x_title), ("yaxis", y_title)):
        # Tick labels stay horizontal: a few upright labels read better than many sideways.
        _axis(
            fig,
            name,
            title={"text": title},
            automargin=True,
            gridcolor="#e3e8ee",
            zerolinecolor="#c9d2dc",
            tickangle=0,
        )
    return fig


def trace_types(fig: Figure) -> tuple[str, ...]:
    """The plotly trace types `fig` draws, sorted (the page's plotly.js bundle must hold them)."""
    return tuple(sorted({str(trace.get("type", "scatter")) for trace in fig["data"]}))


# plotly.io's escapes, which also keep JSON inside <script type="application/json"> inert: the
# HTML parser sees no "</script" and no "<!--" in it. U+2028/9 are line ends to older JavaScript.
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "/": "\\u002f", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def figure_json(figure: Mapping[str, Any]) -> str:
    """`figure` as compact UTF-8 JSON, as ``plotly.io.to_json(figure, validate=False)`` writes it.

    NaN and infinities become null and ``<``, ``>``, ``/`` are escaped, as plotly does. Other
    characters stay as they are, as plotly's orjson engine writes them: written here, the bytes
    no longer depend on whether orjson happens to be installed (its json engine escapes them).
    """
    text = json.dumps(figure, separators=(",", ":"), ensure_ascii=False)
    if "NaN" in text or "Infinity" in text:
        # plotly's own test: a label may merely contain the word (then nothing changes).
        strict = json.loads(text, parse_constant=lambda _: None)
        text = json.dumps(strict, separators=(",", ":"), ensure_ascii=False)
    return text.translate(_JSON_ESCAPES)


def to_fragment(fig: Figure, div_id: str) -> str:
    """The figure as an HTML fragment: an empty plot box and its spec as inert JSON.

    No script runs per chart: the page's one script draws each chart from its spec when it
    scrolls into view (a report opens fast however many charts it holds), and the
    Content-Security-Policy can allow exactly the page's scripts by hash.
    """
    spec = figure_json({"data": fig["data"], "layout": fig["layout"], "config": _CONFIG})
    height = fig["layout"].get("height") or 360
    return (
        f'<div class="netscan-chart" id="{div_id}" data-spec="{div_id}-spec" '
        f'style="height:{height}px;width:100%"></div>'
        f'<script type="application/json" id="{div_id}-spec">{spec}</script>'
    )


def class_chart(classes: Sequence[tuple[str, str, int]], *, x_title: str) -> Figure:
    """Horizontal bars of contacts per tie class; `classes` is (class key, label, count)."""
    keys = [key for key, _, _ in classes][::-1]
    fig = _figure(
        [
            _trace(
                "bar",
                x=[count for _, _, count in classes][::-1],
                y=[_label(label) for _, label, _ in classes][::-1],
                orientation="h",
                marker={"color": [CLASS_COLOURS.get(key, ACCENT) for key in keys]},
                text=[l10n.number(count) for _, _, count in classes][::-1],
                textposition="outside",
                textangle=0,
                cliponaxis=False,
                hovertemplate="%{y}: %{x:,}<extra></extra>",
            )
        ]
    )
    _layout(fig, height=60 + 44 * len(classes), x_title=x_title)
    top = max((count for _, _, count in classes), default=0)
    _axis(fig, "xaxis", range=[0, max(top, 1) * 1.18], nticks=4)
    return fig


def layer_chart(
    layers: Sequence[tuple[str, float]], *, x_title: str, y_title: str
) -> Figure:
    """Bars of the share of all tie strength held by each Dunbar layer (label, share 0–1)."""
    fig = _figure(
        [
            _trace(
                "bar",
                x=[_label(label) for label, _ in layers],
                y=[round(share * 100, 1) for _, share in layers],
                marker={"color": ACCENT},
                text=[l10n.percent(share) for _, share in layers],
                textposition="auto",
                textangle=0,
                hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
            )
        ]
    )
    _axis(fig, "yaxis", range=[0, 100], ticksuffix="%")
    return _layout(fig, height=300, x_title=x_title, y_title=y_title)


def score_chart(
    centres: Sequence[float],
    bins: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]],
    *,
    x_title: str,
    y_title: str,
) -> Figure:
    """Stacked histogram of tie scores; `series` is (class key, label, count per bin).

    Bars sit at the bin `centres` on a 0–1 axis; `bins` names each bin in the hover label.
    """
    width = 1 / max(len(centres), 1)
    fig = _figure(
        [
            _trace(
                "bar",
                x=list(centres),
                y=list(counts),
                width=width,
                customdata=list(bins),
                name=_label(label),
                marker={"color": CLASS_COLOURS.get(key, ACCENT)},
                hovertemplate=f"{_label(label)} · %{{customdata}}: %{{y:,}}<extra></extra>",
            )
            for key, label, counts in series
        ]
    )
    _update(fig["layout"], {"barmode": "stack"})
    _layout(fig, height=320, x_title=x_title, y_title=y_title)
    _axis(fig, "xaxis", range=[0, 1], dtick=0.1)
    _update(fig["layout"], {"showlegend": True, "legend": {"orientation": "h", "y": -0.25}})
    return fig


def distribution_chart(items: Sequence[tuple[str, int]], *, x_title: str) -> Figure:
    """Horizontal bars, largest first, of contacts per category (employer, function, ...)."""
    ordered = list(items)[::-1]
    fig = _figure(
        [
            _trace(
                "bar",
                x=[count for _, count in ordered],
                y=[_label(label) for label, _ in ordered],
                orientation="h",
                marker={"color": ACCENT},
                text=[f"{count:,}" for _, count in ordered],
                textposition="outside",
                textangle=0,
                cliponaxis=False,
                hovertemplate="%{y}: %{x:,}<extra></extra>",
            )
        ]
    )
    _layout(fig, height=80 + 26 * len(ordered), x_title=x_title)
    top = max((count for _, count in ordered), default=0)
    _axis(fig, "xaxis", range=[0, max(top, 1) * 1.2], nticks=4)
    return fig


@dataclass(frozen=True, slots=True)
class ClusterNode:
    """One bubble of the ego-network picture: a cluster of contacts that likely know each other.

    `strong_names` are the strong ties inside it, drawn as highlighted dots around the bubble.
    """

    label: str
    size: int
    strong: int
    medium: int
    strong_names: tuple[str, ...]


def network_chart(clusters: Sequence[ClusterNode], *, owner: str, hover: str) -> Figure:
    """The ego network as clusters around the owner: bubble area ∝ size, strong ties marked.

    The layout is a fixed ring ordered by the caller (largest first), so no seed is involved;
    `hover` is a format string with {label}, {size}, {strong} and {medium}.
    """
    n = max(len(clusters), 1)
    largest = max((c.size for c in clusters), default=1)
    xs: list[float] = []
    ys: list[float] = []
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    strong_x: list[float] = []
    strong_y: list[float] = []
    strong_text: list[str] = []
    for index, cluster in enumerate(clusters):
        # Start at 12 o'clock and go clockwise: the biggest cluster sits on top.
        angle = math.pi / 2 - 2 * math.pi * index / n
        radius = 1.0
        x, y = round(radius * math.cos(angle), 4), round(radius * math.sin(angle), 4)
        xs.append(x)
        ys.append(y)
        edge_x += [0.0, x, None]
        edge_y += [0.0, y, None]
        shown = cluster.strong_names[:MAX_STRONG_DOTS]
        for k, name in enumerate(shown):
            a = angle + 2 * math.pi * k / max(len(shown), 1)
            strong_x.append(round(x + 0.13 * math.cos(a), 4))
            strong_y.append(round(y + 0.13 * math.sin(a), 4))
            strong_text.append(_label(name))
    sizes = [round(18 + 26 * math.sqrt(c.size / largest), 2) for c in clusters]
    fig = _figure(
        [
            _trace(
                "scatter",
                x=edge_x, y=edge_y, mode="lines", hoverinfo="skip",
                line={"color": "#c9d2dc", "width": 1.5},
            ),
            _trace(
                "scatter",
                x=xs,
                y=ys,
                mode="markers+text",
                # Numbers, not names: names run off a phone screen and overprint their
                # neighbours; the list under the chart names each number in full.
                text=[str(index + 1) for index in range(len(clusters))],
                textposition="middle center",
                textfont={"color": "#ffffff", "size": 12},
                marker={
                    "size": sizes,
                    "color": [
                        CLASS_COLOURS["strong"] if c.strong else
                        CLASS_COLOURS["medium"] if c.medium else CLASS_COLOURS["weak"]
                        for c in clusters
                    ],
                    "opacity": 0.85,
                    "line": {"color": "#ffffff", "width": 2},
                },
                hovertext=[
                    _label(hover.format(label=c.label, size=c.size, strong=c.strong,
                                        medium=c.medium))
                    for c in clusters
                ],
                hoverinfo="text",
            ),
            _trace(
                "scatter",
                x=strong_x,
                y=strong_y,
                mode="markers",
                marker={"size": 9, "color": "#ffffff",
                        "line": {"color": CLASS_COLOURS["strong"], "width": 3}},
                hovertext=strong_text,
                hoverinfo="text",
            ),
            _trace(
                "scatter",
                x=[0.0], y=[0.0], mode="markers+text", text=[_label(owner)],
                textposition="top center", hoverinfo="skip",
                marker={"size": 22, "color": "#1d2733"},
                textfont={"color": "#1d2733"},
            ),
        ]
    )
    _layout(fig, height=400)
    _axis(fig, "xaxis", visible=False, range=[-1.45, 1.45], fixedrange=True)
    _axis(fig, "yaxis", visible=False, range=[-1.35, 1.4], fixedrange=True)
    return fig


def quarters(months: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Monthly (``YYYY-MM``, sent, received) summed per calendar quarter (``2025 Q3``, in the
    reader's words: ``2025 K3`` in Dutch)."""
    out: dict[str, list[int]] = {}
    for month, sent, received in months:
        key = f"{month[:4]} Q{(int(month[5:7]) - 1) // 3 + 1}"
        totals = out.setdefault(key, [0, 0])
        totals[0] += sent
        totals[1] += received
    return [(l10n.quarter(key), s, r) for key, (s, r) in out.items()]


def activity_chart(
    months: Sequence[tuple[str, int, int]],
    *,
    sent: str,
    received: str,
    y_title: str,
) -> Figure:
    """Messages sent and received per quarter as two lines (months are summed: 190 monthly
    bars overprint each other; a line per quarter shows the trend)."""
    rows = quarters(months)
    labels = [q for q, _, _ in rows]
    # Each quarter sits at its first day on a date axis, so the ticks are a few upright years.
    starts = [f"{q[:4]}-{3 * int(q[-1]) - 2:02d}-01" for q in labels]
    fig = _figure(
        [
            _trace("scatter", x=starts, y=[s for _, s, _ in rows], name=_label(sent),
                   mode="lines+markers", line={"color": ACCENT, "width": 2},
                   marker={"size": 5}, customdata=labels,
                   hovertemplate=f"{_label(sent)} · %{{customdata}}: %{{y:,}}<extra></extra>"),
            _trace("scatter", x=starts, y=[r for _, _, r in rows], name=_label(received),
                   mode="lines+markers", line={"color": SECOND, "width": 2, "dash": "dot"},
                   marker={"size": 5}, customdata=labels,
                   hovertemplate=f"{_label(received)} · %{{customdata}}: %{{y:,}}<extra></extra>"),
        ]
    )
    _layout(fig, height=320, y_title=y_title)
    _axis(fig, "xaxis", type="date", tickformat="%Y", nticks=6)
    _update(fig["layout"], {"showlegend": True, "legend": {"orientation": "h", "y": -0.2}})
    return fig


def growth_chart(years: Sequence[tuple[int, int]], *, y_title: str) -> Figure:
    """New connections per calendar year."""
    fig = _figure(
        [
            _trace(
                "bar",
                x=[str(year) for year, _ in years],
                y=[count for _, count in years],
                marker={"color": ACCENT},
                hovertemplate="%{x}: %{y:,}<extra></extra>",
            )
        ]
    )
    _layout(fig, height=300, y_title=y_title)
    _axis(fig, "xaxis", type="category", nticks=8)
    return fig


def reciprocity_chart(
    rows: Sequence[tuple[str, int, int]], *, given: str, received: str, x_title: str
) -> Figure:
    """Paired bars: what the owner gave vs received, per kind (label, given, received)."""
    ordered = list(rows)[::-1]
    labels = [_label(label) for label, _, _ in ordered]
    fig = _figure(
        [
            _trace("bar", y=labels, x=[g for _, g, _ in ordered], name=_label(given),
                   orientation="h", marker={"color": ACCENT}),
            _trace("bar", y=labels, x=[r for _, _, r in ordered], name=_label(received),
                   orientation="h", marker={"color": SECOND}),
        ]
    )
    _update(fig["layout"], {"barmode": "group"})
    _layout(fig, height=120 + 60 * len(ordered), x_title=x_title)
    _update(fig["layout"], {"showlegend": True, "legend": {"orientation": "h", "y": -0.3}})
    return fig
