"""The stage bar `analyze` and `compare` draw on a terminal while the core works."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from netscan.i18n import gettext as _


@contextmanager
def stage_bar(enabled: bool, labels: Mapping[str, str]) -> Iterator[Callable[[str], None]]:
    """A bar advanced by each stage name the core reports (`labels` words it for the reader);
    nothing at all when stderr is piped or redirected."""
    if not enabled:
        yield lambda _stage: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description:<24}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(_("Starting"), total=len(labels))
        seen: list[str] = []

        def advance(stage: str) -> None:
            if seen:
                bar.advance(task)
            seen.append(stage)
            bar.update(task, description=labels.get(stage, stage))

        yield advance
        bar.update(task, completed=len(labels))
