"""Output paths: refused early with one line when they cannot work, never over an input, and
written whole or not at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from netscan.cli import cli
from netscan.errors import NetscanError
from netscan.outputs import write_atomically, write_text_atomically

SAMPLES = Path(__file__).resolve().parents[1] / "sample_exports"
NEWCOMER = SAMPLES / "newcomer.zip"
FOLDER = SAMPLES / "edge" / "modern_folder"


def _analyze(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["analyze", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def _one_line_error(stderr: str) -> str:
    first = stderr.splitlines()[0] if stderr else ""
    assert first.startswith("Error: "), stderr
    return first


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/dev/full", "not a regular file"),
        ("/dev/null", "not a regular file"),
        ("/proc/netscan-report.html", "does not take new files"),
        ("/proc/self/report.html", "does not take new files"),
    ],
)
def test_special_places_are_one_line_errors(path: str, words: str) -> None:
    code, stderr = _analyze(str(NEWCOMER), "-o", path)
    assert code == 1
    line = _one_line_error(stderr)
    assert path in line and words in line


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    code, stderr = _analyze(str(NEWCOMER), "-o", str(tmp_path / "no" / "r.html"))
    assert code == 1
    assert "does not exist" in _one_line_error(stderr)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    code, stderr = _analyze(str(NEWCOMER), "-o", str(folder / "r.html"))
    assert code == 1
    assert "does not take new files" in _one_line_error(stderr)


def test_a_fifo_output_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "report.html"
    os.mkfifo(fifo)
    # A separate process with a timeout: opening a FIFO for writing would block forever.
    result = subprocess.run(
        [sys.executable, "-m", "netscan", "analyze", str(NEWCOMER), "-o", str(fifo)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 1
    assert "not a regular file" in _one_line_error(result.stderr)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("option", ["-o", "--json", "--ties"])
def test_an_output_over_the_input_zip_is_refused(tmp_path: Path, option: str) -> None:
    export = tmp_path / "export.csv" if option == "--ties" else tmp_path / "export.zip"
    shutil.copy(NEWCOMER, export)
    before = export.read_bytes()
    extra = [] if option == "-o" else ["-o", str(tmp_path / "r.html")]
    code, stderr = _analyze(str(export), *extra, option, str(export))
    assert code == 2
    assert "is also an input" in stderr
    assert export.read_bytes() == before


def test_ties_over_an_input_connections_csv_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(FOLDER, folder)
    connections = folder / "Connections.csv"
    before = connections.read_bytes()
    code, stderr = _analyze(str(connections), "-o", str(tmp_path / "r.html"),
                            "--ties", str(tmp_path / ".." / tmp_path.name / "export" /
                                          "Connections.csv"))
    assert code == 2
    assert "is also an input" in stderr
    assert connections.read_bytes() == before


def test_an_output_inside_an_input_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(FOLDER, folder)
    code, stderr = _analyze(str(folder), "-o", str(folder / "report.html"))
    assert code == 2
    assert "inside the input folder" in stderr
    assert not (folder / "report.html").exists()


def test_a_symlink_to_the_input_is_refused(tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    shutil.copy(NEWCOMER, export)
    (tmp_path / "alias.html").symlink_to(export)
    code, stderr = _analyze(str(export), "-o", str(tmp_path / "alias.html"))
    assert code == 2
    assert "is also an input" in stderr
    assert zipfile.is_zipfile(export)


def test_the_config_file_is_an_input_too(tmp_path: Path) -> None:
    config = tmp_path / "netscan.toml"
    config.write_text("[ties]\n", encoding="utf-8")
    code, stderr = _analyze(str(NEWCOMER), "--config", str(config), "-o", str(config))
    assert code == 2
    assert "is also an input" in stderr
    assert config.read_text(encoding="utf-8") == "[ties]\n"


def test_two_outputs_with_one_path_are_refused(tmp_path: Path) -> None:
    code, stderr = _analyze(str(NEWCOMER), "-o", str(tmp_path / "same"),
                            "--json", f"{tmp_path}/./same")
    assert code == 2
    assert "-o and --json both name" in stderr
    assert not (tmp_path / "same").exists()


def test_inspect_json_over_its_input_is_refused(tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    shutil.copy(NEWCOMER, export)
    result = CliRunner().invoke(cli, ["inspect", str(export), "--json", str(export)])
    assert result.exit_code == 2
    assert zipfile.is_zipfile(export)


def test_sample_refuses_one_path_for_zip_and_truth(tmp_path: Path) -> None:
    path = str(tmp_path / "x")
    result = CliRunner().invoke(cli, ["sample", "-o", path, "--truth", path])
    assert result.exit_code == 2
    assert "both name" in result.stderr


def test_a_failed_write_keeps_the_old_file_and_leaves_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")

    def half_then_fail(temporary: Path) -> None:
        temporary.write_text("<html>half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(NetscanError) as raised:
        write_atomically(target, half_then_fail, "-o")
    assert "No space left on device" in raised.value.message
    assert str(target) in raised.value.message
    assert target.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_an_interrupted_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"

    def interrupted(temporary: Path) -> None:
        temporary.write_text("<html>half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, interrupted)
    assert list(tmp_path.iterdir()) == []


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        path = write_text_atomically(tmp_path / "r.json", "{}\n")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644
    assert path.read_text(encoding="utf-8") == "{}\n"


def test_a_full_disk_mid_write_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes every write past 64 KB fail with EFBIG, as a full disk would."""
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))\n"
        "from netscan.cli import cli\n"
        "sys.argv = ['netscan', 'analyze', sys.argv[1], '-o', sys.argv[2]]\n"
        "cli()\n"
    )
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", script, str(NEWCOMER), str(out / "report.html")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    line = _one_line_error(result.stderr)
    assert "report.html" in line and "File too large" in line
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("args", [["goals"], ["--help"], ["inspect", str(NEWCOMER)]])
def test_standard_output_on_a_full_device_is_one_line(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "netscan", *args], stdout=full, stderr=subprocess.PIPE,
            text=True, timeout=60, check=False,
        )
    assert result.returncode == 1
    assert result.stderr.startswith("Error: Could not write to standard output: No space left")
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "private.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_text_atomically(target, "new")
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_text(encoding="utf-8") == "new"


def test_an_input_symlink_loop_is_no_traceback(tmp_path: Path) -> None:
    loop = tmp_path / "loop.zip"
    loop.symlink_to(loop)
    code, stderr = _analyze(str(loop), "-o", str(tmp_path / "r.html"))
    assert code in (1, 2)
    assert stderr.count("Error") == 1
