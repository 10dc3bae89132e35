"""Options shared by several commands, defined once."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from netscan.errors import NetscanError
from netscan.i18n import DEFAULT_LOCALE, SUPPORTED_LOCALES

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


def lang_option(function: F) -> F:
    """``--lang en|nl``: the language of the report and the summary lines (passed as `lang`)."""
    return click.option(
        "--lang",
        "lang",
        type=click.Choice(SUPPORTED_LOCALES, case_sensitive=False),
        default=DEFAULT_LOCALE,
        show_default=True,
        help="Language of the report and the summary lines: "
        + ", ".join(SUPPORTED_LOCALES) + ".",
    )(function)


def check_writable(path: Path | None) -> None:
    """Fail before the analysis, not after it, when an output cannot be written."""
    if path is None:
        return
    folder = path.resolve().parent
    if not folder.is_dir():
        raise NetscanError(
            f"Cannot write {path}: the folder {folder} does not exist.",
            "Create the folder first, or pass another path.",
        )
    if path.is_dir():
        raise NetscanError(f"Cannot write {path}: it is a folder.", "Pass a file name.")
    if not os.access(folder, os.W_OK):
        raise NetscanError(
            f"Cannot write {path}: the folder {folder} is not writable.",
            "Pass a path in a folder you can write to.",
        )
