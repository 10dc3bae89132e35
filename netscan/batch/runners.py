"""Where the map runs: in this process, a local process pool, or an existing Dask cluster.

The only module that knows about pools. Each runner takes the jobs and a way to load a job's
bytes, keeps a bounded number of members in flight (so memory stays flat however many members
there are) and yields each `MemberResult` as it finishes; the caller sorts them by member.
A crash (not a domain error, which `analyze_member` returns as data) becomes a failed member.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from netscan.batch.work import MemberJob, MemberResult, analyze_member, failed
from netscan.errors import NetscanError

Loader = Callable[[MemberJob], bytes]
Work = Callable[[MemberJob, bytes], MemberResult]
# Members in flight per worker: enough to keep every worker busy, few enough to bound memory.
_WINDOW_PER_WORKER = 2
_CONNECT_TIMEOUT = "20s"
_INLINE_BYTES = 8 * 1024**2


def default_jobs() -> int:
    """The CPU count this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _crash(job: MemberJob, error: BaseException) -> MemberResult:
    detail = " ".join(str(error).split()) or type(error).__name__
    return failed(job, f"The analysis stopped unexpectedly ({type(error).__name__}: {detail}).")


def _loaded(job: MemberJob, load: Loader) -> bytes | MemberResult:
    """The member's bytes, or its failed result when the file cannot be read."""
    try:
        return load(job)
    except OSError as error:
        return failed(job, f"{job.input}: cannot be read ({error.strerror or error}).")


def run_inline(
    jobs: Sequence[MemberJob], load: Loader, fn: Work = analyze_member
) -> Iterator[MemberResult]:
    """One member after another in this process (`--jobs 1`)."""
    for job in jobs:
        data = _loaded(job, load)
        if isinstance(data, MemberResult):
            yield data
            continue
        try:
            yield fn(job, data)
        except Exception as error:  # a crash on one export never stops the batch
            yield _crash(job, error)


def run_local(
    jobs: Sequence[MemberJob], load: Loader, workers: int, fn: Work = analyze_member
) -> Iterator[MemberResult]:
    """A spawn-context process pool (polars is multi-threaded; fork could deadlock).

    When a worker process dies, the pool breaks and takes every member in flight with it; those
    members are run again one at a time, so the one that kills its process is known: it is
    listed as failed, the others finish.
    """
    if workers <= 1:
        yield from run_inline(jobs, load, fn)
        return
    pending = deque(jobs)
    suspects: deque[MemberJob] = deque()
    retried: set[str] = set()
    window = workers * _WINDOW_PER_WORKER
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    running: dict[Future[MemberResult], MemberJob] = {}
    try:
        while pending or suspects or running:
            ready: list[MemberResult] = []
            queue, limit = (suspects, 1) if suspects else (pending, window)
            while queue and len(running) < limit:
                job = queue.popleft()
                data = _loaded(job, load)
                if isinstance(data, MemberResult):
                    ready.append(data)
                else:
                    running[pool.submit(fn, job, data)] = job
            yield from ready
            if not running:
                continue
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            if not any(isinstance(f.exception(), BrokenProcessPool) for f in done):
                for future in sorted(done, key=lambda f: running[f].index):
                    job = running.pop(future)
                    error = future.exception()
                    yield future.result() if error is None else _crash(job, error)
                continue
            pool.shutdown(wait=True, cancel_futures=True)
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
            lost = []
            for future, job in sorted(running.items(), key=lambda item: item[1].index):
                if future.cancelled() or isinstance(future.exception(), BrokenProcessPool):
                    lost.append(job)
                    continue
                error = future.exception()
                yield future.result() if error is None else _crash(job, error)
            running.clear()
            for job in lost:
                if job.id in retried:
                    yield failed(job, "The analysis stopped unexpectedly: the process analysing "
                                      "this export died, twice.")
                else:
                    retried.add(job.id)
                    suspects.append(job)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _check_versions(client: Any, address: str) -> None:
    """Every worker must run the client's netscan and polars, or "same bytes" silently breaks."""
    versions = client.get_versions(check=False, packages=["netscan", "polars"])
    mine = versions["client"]["packages"]
    for worker, info in sorted(versions.get("workers", {}).items()):
        theirs = info.get("packages", {}) if isinstance(info, dict) else {}
        for package in ("netscan", "polars"):
            if theirs.get(package) != mine.get(package):
                raise NetscanError(
                    f"The Dask worker {worker} at {address} runs {package} "
                    f"{theirs.get(package)}, this computer runs {mine.get(package)}.",
                    f"Install the same {package} version on every worker and here, then rerun.",
                )


def run_dask(
    jobs: Sequence[MemberJob], load: Loader, address: str, fn: Work = analyze_member
) -> Iterator[MemberResult]:
    """Map on an existing Dask cluster: each export's bytes travel with its task and the
    compact result comes back, so no shared file system is assumed. A member whose task fails
    (its worker lost, or a crash) is sent once more, then reported as failed."""
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError as error:
        raise NetscanError(
            "--scheduler needs Dask's distributed package, which is not installed.",
            "pip install 'netscan[distributed]', or leave out --scheduler to run on this "
            "computer.",
        ) from error
    try:
        client = distributed.Client(address, set_as_default=False, timeout=_CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        raise NetscanError(
            f"Cannot reach the Dask scheduler at {address} ({error}).",
            "Start one with `dask scheduler` and at least one `dask worker tcp://HOST:8786`, "
            "and pass its address as --scheduler tcp://HOST:8786.",
        ) from error
    try:
        _check_versions(client, address)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = workers * _WINDOW_PER_WORKER
        pending = list(reversed(jobs))
        running: dict[Any, tuple[MemberJob, Any]] = {}
        stream = distributed.as_completed(loop=client.loop)
        finished: list[MemberResult] = []

        retried: set[str] = set()

        def send(job: MemberJob, data: bytes) -> None:
            payload: Any = data
            if len(data) > _INLINE_BYTES:
                # Big exports travel beside the task, not inside it (distributed warns about
                # graphs over 10 MB); hash=False so equal bytes never share a key (dask#3703).
                [payload] = client.scatter([data], hash=False)
            # Smaller ones go inside the task, so the scheduler balances them over the workers
            # and can rerun one whose worker was lost (a scattered copy would be lost with it).
            future = client.submit(fn, job, payload, pure=False)
            running[future] = (job, payload)
            stream.add(future)

        def submit() -> None:
            while pending and len(running) < window:
                job = pending.pop()
                data = _loaded(job, load)
                if isinstance(data, MemberResult):
                    finished.append(data)
                else:
                    send(job, data)

        submit()
        yield from finished
        finished.clear()
        for future in stream:
            job, scattered = running.pop(future)
            try:
                result = future.result()
            except Exception as error:
                # A lost worker takes the scattered bytes with it (the task is then cancelled,
                # or KilledWorker once the scheduler gives up), so the retry sends them again.
                if job.id not in retried:
                    retried.add(job.id)
                    data = _loaded(job, load)
                    if isinstance(data, MemberResult):
                        finished.append(data)
                    else:
                        send(job, data)
                else:
                    finished.append(_crash(job, error))
            else:
                finished.append(result)
            finally:
                future.release()
                if hasattr(scattered, "release"):
                    scattered.release()
            submit()
            yield from finished
            finished.clear()
    finally:
        client.close()
