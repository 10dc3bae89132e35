"""Hostile command lines: whatever the options hold, netscan exits 0, 1 or 2 with one `Error:`
line — never a traceback. Bounded example counts keep it fast; the analysis itself runs only
when every option happens to be valid."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netscan.cli import cli

NEWCOMER = Path(__file__).resolve().parents[1] / "sample_exports" / "newcomer.zip"

# Text with the characters that break naive handling: NUL, newlines, bidi controls, slashes, dots.
hostile = st.text(
    alphabet=st.sampled_from(list("aj0129-/._ ~\x00\n\r\t\u202e\u200b%$'\"*?é")), max_size=24
)


def _check(result_code: int, exception: BaseException | None, output: str) -> None:
    assert exception is None or isinstance(exception, SystemExit), repr(exception)
    assert result_code in (0, 1, 2), output
    assert "Traceback" not in output
    if result_code:
        errors = [line for line in output.splitlines() if line.startswith("Error")]
        assert len(errors) == 1, output


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(as_of=hostile, goal=hostile)
def test_hostile_as_of_and_goal(tmp_path: Path, as_of: str, goal: str) -> None:
    result = CliRunner().invoke(
        cli, ["analyze", str(NEWCOMER), "-o", str(tmp_path / "r.html"), "--as-of", as_of,
              "-g", goal],
    )
    _check(result.exit_code, result.exception, result.output)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=hostile, option=st.sampled_from(["-o", "--json", "--ties", "--config"]))
def test_hostile_paths(tmp_path: Path, name: str, option: str) -> None:
    # A missing export stops every run right after the output paths are checked (exit 1): what
    # is tested is how each path is refused or accepted, not the analysis.
    args = ["analyze", str(tmp_path / "missing.zip"), option, str(tmp_path / name)]
    result = CliRunner().invoke(cli, args)
    _check(result.exit_code, result.exception, result.output)
