"""The map step: one member's export bytes → a compact result, anywhere (a process, a Dask worker).

`analyze_member` is a module-level pure function of its arguments: it needs no shared file
system (the bytes travel with the call), never reads the clock, and returns plain data — the
summary as a JSON-ready dict, the ties table as Parquet bytes and the member's report page — so
no polars frame or Analysis crosses a process boundary. Domain errors come back as data
(`MemberResult.error`), so a scheduler's retry only ever covers a crash.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from netscan.errors import NetscanError

# The member page loads the one plotly.js the batch writes at the top of OUTDIR.
PLOTLYJS_FROM_MEMBER = "../../plotly.min.js"
_UNSAFE_NAME = re.compile(r"[^\w.\- ()]+")


@dataclass(frozen=True, slots=True)
class MemberJob:
    """Everything a worker needs besides the bytes: who, which file name, and the run options.

    `anonymize_key` is the batch's one key (never written anywhere): the same person gets the
    same pseudonym in every member's outputs. `lang` is the language of the member's report.
    """

    index: int
    id: str
    input: str
    filename: str
    goals: tuple[str, ...]
    targets: tuple[str, ...]
    as_of: date | None
    anonymize_key: bytes | None
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class MemberResult:
    """One member's compact result; `error` is set (and the rest empty) when the export failed."""

    index: int
    id: str
    input: str
    error: str | None
    owner: str | None = None
    summary: dict[str, object] | None = None
    ties_parquet: bytes = b""
    report_html: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


def failed(job: MemberJob, message: str) -> MemberResult:
    """The result of a member whose analysis could not finish."""
    return MemberResult(index=job.index, id=job.id, input=job.input, error=message)


def _safe_name(filename: str) -> str:
    name = _UNSAFE_NAME.sub("_", Path(filename).name).strip(" .") or "export"
    return name[:120]


def _one_line(error: NetscanError, folder: str, shown: str) -> str:
    # The temporary folder is an accident of where the work ran: name the input as the user
    # gave it, so the error (and team.json) is the same on every worker.
    text = error.message.replace(folder, "").replace(f"/{shown}", shown)
    return " ".join(text.split())


def analyze_member(job: MemberJob, data: bytes) -> MemberResult:
    """Analyse one member's export `data` (the bytes of `job.filename`) into a compact result."""
    from netscan.ingest import load_exports
    from netscan.pipeline import analyze
    from netscan.report import render_report
    from netscan.summary import analysis_summary

    name = _safe_name(job.filename)
    with tempfile.TemporaryDirectory(prefix="netscan-member-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            # The member's name is read before pseudonyms replace the owner: a team lead sees
            # who is who on the team page even when every contact is anonymised.
            loaded = load_exports([path])
            owner = loaded.owner.name or None
            analysis = analyze(
                [path],
                loaded=loaded,
                goals=job.goals,
                targets=job.targets,
                as_of=job.as_of,
                anonymize_key=job.anonymize_key,
                lang=job.lang,
            )
        except NetscanError as error:
            return failed(job, _one_line(error, folder, name))
        summary = analysis_summary(analysis)
        _strip_paths(summary, folder, job.input)
        buffer = io.BytesIO()
        analysis.ties.write_parquet(buffer)
        report = render_report(analysis, plotlyjs_src=PLOTLYJS_FROM_MEMBER)
    return MemberResult(
        index=job.index,
        id=job.id,
        input=job.input,
        error=None,
        owner=owner if owner and owner.casefold() != "unknown" else None,
        summary=summary,
        ties_parquet=buffer.getvalue(),
        report_html=report,
    )


def _strip_paths(summary: dict[str, object], folder: str, shown: str) -> None:
    """Replace the worker's temporary path with the input's own name in the summary."""
    inputs = summary.get("inputs")
    if isinstance(inputs, list):
        for entry in inputs:
            if isinstance(entry, dict):
                entry["path"] = shown
    warnings = summary.get("warnings")
    if isinstance(warnings, list):
        summary["warnings"] = [str(w).replace(folder + "/", "") for w in warnings]


def sorted_results(results: Sequence[MemberResult]) -> list[MemberResult]:
    """Results in member order, whatever order they finished in."""
    return sorted(results, key=lambda result: result.index)
