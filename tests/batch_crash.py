"""Map functions that kill their own process, to test how the runners survive a lost worker.

Importable by spawned pool workers and Dask workers (tests/ is put on their path). The member
whose input is `$NETSCAN_TEST_CRASH_INPUT` kills its process: always, or only the first time
(a marker file in `$NETSCAN_TEST_CRASH_DIR` remembers).
"""

from __future__ import annotations

import os
from pathlib import Path

from netscan.batch.work import MemberJob, MemberResult, analyze_member


def _crashes(job: MemberJob) -> bool:
    return job.input == os.environ.get("NETSCAN_TEST_CRASH_INPUT")


def crash_always(job: MemberJob, data: bytes) -> MemberResult:
    if _crashes(job):
        os._exit(3)
    return analyze_member(job, data)


def crash_once(job: MemberJob, data: bytes) -> MemberResult:
    marker = Path(os.environ["NETSCAN_TEST_CRASH_DIR"]) / f"{job.id}.crashed"
    if _crashes(job) and not marker.exists():
        marker.write_text("once", encoding="utf-8")
        os._exit(3)
    return analyze_member(job, data)
