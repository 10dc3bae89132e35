"""Team batch: many members' exports → one compact result each (map) → the team (reduce).

`run_batch` is the library entry point `netscan batch` and the web upload page call. The map
(`work.analyze_member`) runs in this process, a local process pool or on a Dask cluster
(`runners`); the reduce (`reduce.team_summary`) reads only the compact results. OUTDIR is built
under a temporary name beside it and renamed at the end, so an interrupted batch never leaves a
half-written index.

As of: with `as_of`, every member and the team are judged as of that day. Without it each member
is judged as of its own export's date (as `netscan analyze` does, so an older export is not
judged as if its ties had gone quiet since), and the team as of the newest member date. Both
rules depend only on the inputs, so every runner gives the same bytes.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from netscan.batch.members import MemberSource, discover, member_names, member_slugs
from netscan.batch.work import MemberJob, MemberResult, sorted_results
from netscan.errors import NetscanError
from netscan.i18n import DEFAULT_LOCALE, gettext, use_locale

__all__ = ["BatchResult", "FailedMember", "OkMember", "run_batch"]


@dataclass(frozen=True, slots=True)
class OkMember:
    """A member whose export was analysed: its outputs lie under `folder`."""

    id: str
    name: str
    input: str
    folder: Path


@dataclass(frozen=True, slots=True)
class FailedMember:
    """A member whose export could not be analysed, with the one-line reason."""

    id: str
    name: str
    input: str
    error: str


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a batch wrote: OUTDIR, the members that succeeded and the ones that failed."""

    out_dir: Path
    members: list[OkMember]
    failed: list[FailedMember]


def _check_out_dir(out_dir: Path) -> None:
    parent = out_dir.resolve().parent
    if out_dir.exists() and not out_dir.is_dir():
        raise NetscanError(f"Cannot write {out_dir}: it is a file.", "Pass a folder name.")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / "team.json").is_file():
        raise NetscanError(
            f"{out_dir} already holds files that are not a netscan batch.",
            "Pass a new or empty folder; netscan replaces only an earlier batch's folder.",
        )
    if not parent.is_dir() or not os.access(parent, os.W_OK):
        raise NetscanError(
            f"Cannot write {out_dir}: the folder {parent} does not exist or is not writable.",
            "Pass an OUTDIR in a folder you can write to.",
        )


@contextmanager
def _bar(enabled: bool, total: int) -> Iterator[Callable[[], None]]:
    """A member bar on a terminal; nothing at all otherwise."""
    if not enabled:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn(gettext("Analysing members")),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("members", total=total)
        yield lambda: bar.advance(task)


def _runner(
    jobs: Sequence[MemberJob],
    sources: dict[str, MemberSource],
    workers: int | None,
    scheduler: str | None,
) -> Iterator[MemberResult]:
    from netscan.batch import runners

    def load(job: MemberJob) -> bytes:
        return sources[job.id].payload()[1]

    if scheduler:
        return runners.run_dask(jobs, load, scheduler)
    return runners.run_local(jobs, load, workers or runners.default_jobs())


def _write_member(staging: Path, result: MemberResult) -> None:
    folder = staging / "members" / result.id
    folder.mkdir(parents=True)
    (folder / "ties.parquet").write_bytes(result.ties_parquet)
    (folder / "report.html").write_text(result.report_html, encoding="utf-8", newline="\n")
    (folder / "summary.json").write_text(
        json.dumps(result.summary, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
        encoding="utf-8",
    )


def _payload_name(source: MemberSource) -> str:
    return f"{source.path.name}.zip" if source.path.is_dir() else source.path.name


def run_batch(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    goals: Sequence[str] = (),
    targets: Sequence[str] = (),
    jobs: int | None = None,
    scheduler: str | None = None,
    anonymize: bool = False,
    as_of: date | None = None,
    progress: bool = False,
    lang: str = DEFAULT_LOCALE,
) -> BatchResult:
    """Analyse every member's export, then the team; write OUTDIR (SPEC §4, docs/team.md).

    One member's bad export never stops the batch: it is listed with its error. Raises
    NetscanError only for whole-batch problems (no members, an unwritable OUTDIR, an unknown
    goal, an unreachable or mismatched Dask cluster). Every page (the team index and each
    member's report) and the sentences in team.json are written in `lang`.
    """
    with use_locale(lang):
        return _run_batch(inputs, out_dir, goals=goals, targets=targets, jobs=jobs,
                          scheduler=scheduler, anonymize=anonymize, as_of=as_of,
                          progress=progress, lang=lang)


def _run_batch(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    goals: Sequence[str],
    targets: Sequence[str],
    jobs: int | None,
    scheduler: str | None,
    anonymize: bool,
    as_of: date | None,
    progress: bool,
    lang: str,
) -> BatchResult:
    from netscan.batch.reduce import TeamMember, team_summary
    from netscan.diagnosis.catalogue import goal_by_id
    from netscan.report.plotlyjs import BUNDLES, bundle_text
    from netscan.report.team import render_team

    asked = tuple(dict.fromkeys(goal_by_id(goal).id for goal in goals))
    _check_out_dir(out_dir)
    sources = discover(inputs)
    key = secrets.token_bytes(32) if anonymize else None  # one per batch, never written
    member_jobs = [
        MemberJob(index=i, id=s.id, input=s.input, filename=_payload_name(s), goals=asked,
                  targets=tuple(targets), as_of=as_of, anonymize_key=key, lang=lang)
        for i, s in enumerate(sources)
    ]
    by_id = {s.id: s for s in sources}
    staging = out_dir.resolve().parent / f".{out_dir.name}.partial-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        results: list[MemberResult] = []
        with _bar(progress, len(member_jobs)) as advance:
            for result in _runner(member_jobs, by_id, jobs, scheduler):
                if result.ok:
                    _write_member(staging, result)
                    # Keep only what the reduce reads; the big bytes are on disk now.
                    result = MemberResult(index=result.index, id=result.id, input=result.input,
                                          error=None, owner=result.owner, summary=result.summary)
                results.append(result)
                advance()
        ordered = sorted_results(results)
        names = member_names([r.owner for r in ordered], [r.input for r in ordered])
        slugs = member_slugs(names)
        team_members = []
        for result, name, slug in zip(ordered, names, slugs, strict=True):
            ties = None
            if result.ok:
                (staging / "members" / result.id).rename(staging / "members" / f"{slug}.tmp")
                ties = staging / "members" / slug / "ties.parquet"
            team_members.append(TeamMember(result.id, name, slug, result.input, result.error,
                                           result.summary, ties))
        for member in team_members:
            if member.ties_path is not None:
                (staging / "members" / f"{member.slug}.tmp").rename(staging / "members" /
                                                                     member.slug)
        dates = [str(m.summary["as_of"]) for m in team_members if m.summary is not None]
        team_as_of = as_of or (date.fromisoformat(max(dates)) if dates else None)
        team = team_summary(
            team_members, as_of=team_as_of or date(1970, 1, 1), goals=asked, targets=targets,
            anonymized=anonymize, lang=lang,
        )
        if team_as_of is None:
            team["as_of"] = None
        (staging / "team.json").write_text(
            json.dumps(team, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        # One plotly.js for every page: the bundle that also draws the team heatmap.
        (staging / "plotly.min.js").write_text(bundle_text(BUNDLES[-1]), encoding="utf-8")
        (staging / "index.html").write_text(
            render_team(team, plotlyjs_src="plotly.min.js"), encoding="utf-8", newline="\n"
        )
        _swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    out = out_dir
    return BatchResult(
        out_dir=out,
        members=[OkMember(m.id, m.name, m.input, out / "members" / m.slug)
                 for m in team_members if m.error is None],
        failed=[FailedMember(m.id, m.name, m.input, m.error)
                for m in team_members if m.error is not None],
    )


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace OUTDIR by the finished staging folder (an earlier batch is removed only now)."""
    old = None
    if out_dir.exists():
        if out_dir.is_dir() and not any(out_dir.iterdir()):
            out_dir.rmdir()
        else:
            old = out_dir.resolve().parent / f".{out_dir.name}.old-{secrets.token_hex(4)}"
            out_dir.rename(old)
    staging.rename(out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
