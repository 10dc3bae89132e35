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


@pytest.mark.slow
def test_installed_wheel_renders_a_report(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(dist)], cwd=ROOT, check=True, capture_output=True)
    wheel = next(dist.glob("netscan-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall",
                    str(wheel)], check=True, capture_output=True)
    # Run outside the checkout so the source tree cannot be imported by accident.
    result = subprocess.run(
        [str(python), "-I", "-c", SCRIPT.format(tests=str(ROOT / "tests"))],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "rendered" in result.stdout
