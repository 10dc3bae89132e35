"""Templates ship in the wheel: build it, install it (non-editable) in a fresh venv, render."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
import netscan.report.environment as environment
from netscan.report import render_report
from report_fixture import make_analysis
dirs = environment.template_dirs()
assert len(dirs) == 1 and "site-packages" in str(dirs[0]), dirs
assert environment.translations().gettext("Fits") == "Fits"
assert environment.translations("nl").gettext("Fits") == "Past"  # the compiled nl catalogue ships
html = render_report(make_analysis(tiny=True))
assert "Network report for Iris van Dam" in html, html[:200]
assert "plotly.js (basic - minified)" in html  # the vendored bundle ships in the wheel
print("rendered", len(html), dirs[0])
"""


def _outer_site_dirs() -> list[str]:
    """The site-packages folders this interpreter imports from (a venv's own, and the system's
    when the venv was made with --system-site-packages), never the checkout itself."""
    return [entry for entry in sys.path
            if Path(entry).name in ("site-packages", "dist-packages") and Path(entry).is_dir()]


@pytest.mark.slow
def test_installed_wheel_renders_a_report(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(dist)], cwd=ROOT, check=True, capture_output=True)
    wheel = next(dist.glob("netscan-*.whl"))
    # A venv of its own (no --system-site-packages: inside a venv that would reach the base
    # interpreter's packages, not this environment's), with only the wheel installed in it.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", str(wheel)], check=True, capture_output=True)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    # The dependencies (polars, jinja2, …) come from this environment, appended after the venv's
    # own site-packages by a .pth file: the wheel's netscan is found first, and a development
    # install of netscan out there is not (its own .pth is not processed from a plain path).
    (Path(purelib) / "outer-environment.pth").write_text(
        "\n".join(_outer_site_dirs()) + "\n", encoding="utf-8"
    )
    # Run outside the checkout so the source tree cannot be imported by accident.
    result = subprocess.run(
        [str(python), "-I", "-c", SCRIPT.format(tests=str(ROOT / "tests"))],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "rendered" in result.stdout
    assert str(env_dir) in result.stdout, "netscan was imported from outside the fresh venv"
