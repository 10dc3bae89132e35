"""The batch map on Dask: a LocalCluster and a real `dask scheduler` + `dask worker` pair give
the same team.json as a local run (SPEC §9). Skips loudly when distributed is missing."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from netscan.batch import run_batch

distributed = pytest.importorskip(
    "distributed", reason="!!! DASK TESTS SKIPPED: pip install 'netscan[distributed]'"
)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def local_run(team_exports: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("local") / "out"
    return _files(run_batch([team_exports], out, jobs=1).out_dir)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A two-worker LocalCluster (processes, so pickling is real) that can import tests/ helpers
    and crash on cue (tests/batch_crash.py)."""
    tests = str(Path(__file__).resolve().parent)
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "NETSCAN_TEST_CRASH_INPUT",
                                             "NETSCAN_TEST_CRASH_DIR")}
    os.environ["PYTHONPATH"] = os.pathsep.join([tests, saved["PYTHONPATH"] or ""])
    os.environ["NETSCAN_TEST_CRASH_INPUT"] = "insider.zip"
    os.environ["NETSCAN_TEST_CRASH_DIR"] = str(tmp_path_factory.mktemp("crash"))
    local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     dashboard_address=None, scheduler_port=0)
    try:
        yield str(local.scheduler_address)
    finally:
        local.close(timeout=30)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_local_cluster_gives_the_same_bytes(
    team_exports: Path, local_run: dict[str, bytes], cluster: str, tmp_path: Path
) -> None:
    out = run_batch([team_exports], tmp_path / "out", scheduler=cluster)
    assert _files(out.out_dir) == local_run


def test_a_lost_workers_member_is_retried(team_exports: Path, cluster: str) -> None:
    import batch_crash

    from netscan.batch.members import discover
    from netscan.batch.runners import run_dask
    from netscan.batch.work import MemberJob

    sources = discover([team_exports])
    jobs = [MemberJob(index=i, id=s.id, input=s.input, filename=s.input, goals=(), targets=(),
                      as_of=None, anonymize_key=None) for i, s in enumerate(sources)]
    results = list(run_dask(jobs, lambda job: sources[job.index].path.read_bytes(), cluster,
                            batch_crash.crash_once))
    assert sorted(r.input for r in results) == ["bridger.zip", "insider.zip", "switcher.zip"]
    assert all(r.ok for r in results), [r.error for r in results]
    assert list(Path(os.environ["NETSCAN_TEST_CRASH_DIR"]).glob("*.crashed"))  # it did die


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(address: str, port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            socket.create_connection((address, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listens on {address}:{port}")


@pytest.fixture
def dask_pair(tmp_path: Path) -> Iterator[str]:
    """A real scheduler and one worker, started as the README says, always stopped."""
    # `python -m dask` is the `dask` command of this environment (the one netscan is in).
    dask = [sys.executable, "-m", "dask"]
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    logs = [open(tmp_path / name, "w") for name in ("scheduler.log", "worker.log")]  # noqa: SIM115
    processes = []
    try:
        processes.append(subprocess.Popen(
            [*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--dashboard-address", ":0", "--no-show"],
            stdout=logs[0], stderr=subprocess.STDOUT, env=env, start_new_session=True))
        _wait_for("127.0.0.1", port, time.monotonic() + 60)
        processes.append(subprocess.Popen(
            [*dask, "worker", address, "--host", "127.0.0.1", "--nworkers", "1",
             "--nthreads", "1", "--dashboard-address", ":0", "--local-directory",
             str(tmp_path / "worker")],
            stdout=logs[1], stderr=subprocess.STDOUT, env=env, start_new_session=True))
        with distributed.Client(address, timeout="60s", set_as_default=False) as client:
            client.wait_for_workers(1, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in reversed(processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        for log in logs:
            log.close()


def test_real_scheduler_and_worker_give_the_same_bytes(
    team_exports: Path, local_run: dict[str, bytes], dask_pair: str, tmp_path: Path
) -> None:
    out = run_batch([team_exports], tmp_path / "out", scheduler=dask_pair)
    assert _files(out.out_dir) == local_run


def test_unreachable_scheduler_is_a_clean_error(
    team_exports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from netscan.batch import runners
    from netscan.cli import cli

    monkeypatch.setattr(runners, "_CONNECT_TIMEOUT", "2s")

    port = _free_port()
    result = CliRunner().invoke(cli, ["batch", str(team_exports), "-o", str(tmp_path / "o"),
                                      "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 1, result.output
    assert "Cannot reach the Dask scheduler" in result.output
    assert not (tmp_path / "o").exists()
