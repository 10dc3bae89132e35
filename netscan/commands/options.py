"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def export_paths(function: F) -> F:
    """The EXPORT... argument: one or more zips, folders or CSV files of one person.

    Existence is checked by the reader, not click, so a missing path gets netscan's own one-line
    error with a hint (exit 1) rather than a usage error.
    """
    return click.argument(
        "exports",
        nargs=-1,
        required=True,
        type=click.Path(path_type=Path),
    )(function)
