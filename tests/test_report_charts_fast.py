"""Chart figures are plain dicts written without plotly.py; validated by it, they are equal.

`plotly.io.to_json(..., validate=True)` builds a `go.Figure` from the dict, coercing and checking
every value (a misspelt property raises), so equal JSON both ways means the dicts hold exactly
what plotly would write. (Key order, which the validated path changes, is kept as `go.Figure`
wrote it; the bundled personas' reports were compared byte for byte when this was introduced.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import plotly.io
import pytest

from netscan.report import charts

NODES = [
    charts.ClusterNode("Acme <b>", 12, 2, 1, ("Ada Voss", "Bo Lind", "Cy <i>")),
    charts.ClusterNode("A very long employer name indeed", 3, 0, 1, ()),
    charts.ClusterNode("Solo", 1, 0, 0, ()),
]
FIGURES = {
    "class": lambda: charts.class_chart(
        [("strong", "Strong", 3), ("weak", "Weak <b>", 1200), ("latent", "Latent", 0)],
        x_title="Contacts",
    ),
    "layer": lambda: charts.layer_chart([("5", 0.5), ("15", 0.25), ("50", 0.125)],
                                        x_title="x", y_title="y"),
    "score": lambda: charts.score_chart(
        [0.05, 0.15, 0.25], ["0–0.1", "0.1–0.2", "0.2–0.3"],
        [("strong", "Strong", [1, 2, 0]), ("dormant", "Dormant", [3, 0, 4])],
        x_title="Tie score", y_title="Contacts",
    ),
    "distribution": lambda: charts.distribution_chart([("Acme", 30), ("Initech & Co", 2)],
                                                      x_title="Contacts"),
    "network": lambda: charts.network_chart(NODES, owner="Owner <x>",
                                            hover="{label}: {size} ({strong}, {medium})"),
    "network-empty": lambda: charts.network_chart([], owner="", hover="{label}"),
    "activity": lambda: charts.activity_chart(
        [("2024-01", 3, 0), ("2024-02", 0, 7)], sent="Sent", received="Received", y_title="n"
    ),
    "growth": lambda: charts.growth_chart([(2019, 4), (2020, 0), (2021, 17)], y_title="New"),
    "reciprocity": lambda: charts.reciprocity_chart(
        [("Endorsements", 3, 9), ("Invitations", 10, 2)], given="Gave", received="Got",
        x_title="Count",
    ),
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_unvalidated_figure_equals_validated(name: str) -> None:
    figure = FIGURES[name]()
    fast = json.loads(plotly.io.to_json(figure, validate=False))
    validated = json.loads(plotly.io.to_json(figure, validate=True))
    assert fast == validated


def test_fragment_is_a_fixed_div_with_the_layout_height() -> None:
    fragment = charts.to_fragment(FIGURES["class"](), "chart-classes")
    assert fragment.startswith(
        '<div class="netscan-chart" id="chart-classes" data-spec="chart-classes-spec" '
        'style="height:192px;width:100%"></div>'
        '<script type="application/json" id="chart-classes-spec">'
    )
    spec = json.loads(fragment.split('-spec">', 1)[1].removesuffix("</script>"))
    assert spec["config"]["displayModeBar"] is False and spec["layout"]["height"] == 192
    assert "Weak &amp;lt;b&amp;gt;" not in fragment and "Weak &lt;b&gt;" in fragment
    assert '"template":{"data":{"scatter":[{"type":"scatter"}]}}' in fragment


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_json_writes_what_plotly_writes(name: str) -> None:
    figure = FIGURES[name]()
    ours = charts.figure_json(figure)
    assert json.loads(ours) == json.loads(plotly.io.to_json(figure, validate=False, engine="json"))
    assert "<" not in ours and ">" not in ours and "/" not in ours


def test_figure_json_is_strict_and_inert() -> None:
    figure = {
        "data": [{"x": [1.5, float("nan"), float("-inf")], "text": ["</script><!--", "NaN"]}],
        "layout": {"title": {"text": "Zoë\u2028Ünal"}},
    }
    assert charts.figure_json(figure) == (
        '{"data":[{"x":[1.5,null,null],"text":["\\u003c\\u002fscript\\u003e\\u003c!--","NaN"]}],'
        '"layout":{"title":{"text":"Zoë\\u2028Ünal"}}}'
    )
    # The same values as plotly's own writer.
    assert json.loads(charts.figure_json(figure)) == json.loads(
        plotly.io.to_json(figure, validate=False, engine="json")
    )


def test_a_report_run_does_not_import_plotly_py() -> None:
    """plotly.py costs ~60 ms of every start; the report needs only its plotly.js."""
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from report_fixture import make_analysis\n"
        "from netscan.report import render_report\n"
        "assert 'netscan-chart' in render_report(make_analysis(n=40))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('plotly', '_plotly_utils')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
