"""Options shared by several commands, defined once."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

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
        type=FilePath(dir_okay=True),
    )(function)


class FilePath(click.Path):
    """A path option or argument (a file unless `dir_okay`) as a `Path`.

    A NUL character is a usage error here: no file system takes one, and click's own check
    would stat it and fail with ValueError (a traceback) instead of OSError.
    """

    def __init__(self, *, dir_okay: bool = False) -> None:
        super().__init__(dir_okay=dir_okay, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if "\x00" in str(value):
            self.fail(f"{str(value)!r} holds a NUL character: pass a plain file name.", param, ctx)
        return super().convert(value, param, ctx)


# A day netscan can reason about: LinkedIn dates start in 2003 and address books a little earlier;
# beyond these bounds date arithmetic overflows or every tie is judged by a calendar nobody uses.
EARLIEST_AS_OF = date(1990, 1, 1)
LATEST_AS_OF = date(2100, 12, 31)


if TYPE_CHECKING:
    _DateParam = click.ParamType[date]
else:  # click < 8.3 has no generic ParamType at run time; pyproject allows click 8.2
    _DateParam = click.ParamType


class IsoDate(_DateParam):
    """A YYYY-MM-DD day within the plausible range; anything else is a usage error (exit 2)."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            day = date.fromisoformat(text)
        except ValueError:
            day = None
        if day is None or len(text) != 10:
            self.fail(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2026-03-31.", param, ctx)
        if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
            self.fail(
                f"{text} is not a plausible day for an export: use a date between "
                f"{EARLIEST_AS_OF} and {LATEST_AS_OF}, e.g. the day you downloaded it.",
                param,
                ctx,
            )
        return day


def suggest(word: str, choices: tuple[str, ...]) -> str | None:
    """The one choice closest to a misspelt `word`, or None when nothing is close.

    difflib (standard library) rather than rapidfuzz: a handful of short ids needs no extra
    dependency, and its ratio cut-off of 0.6 catches transpositions ("jbo" → "job").
    """
    matches = difflib.get_close_matches(word.strip().casefold(), choices, n=1, cutoff=0.6)
    return matches[0] if matches else None


def check_goals(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """-g values must be goal ids: a typo is a usage error (exit 2) with a "did you mean"."""
    from netscan.diagnosis.catalogue import GOAL_IDS

    for value in values:
        if value.strip().casefold() in GOAL_IDS:
            continue
        guess = suggest(value, GOAL_IDS)
        if guess:
            message = f"unknown goal {value!r}: did you mean {guess!r}? (all goals: netscan goals)"
        else:
            message = f"unknown goal {value!r}; the goals are {', '.join(GOAL_IDS)}."
        raise click.BadParameter(message, ctx, param)
    return values


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

