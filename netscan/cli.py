"""The ``netscan`` command group: a thin client of the library.

Expected failures (``NetscanError``) become ``Error: …`` + ``Hint: …`` on stderr with exit 1 here,
in one place (exit 2 for a ``UsageMistake``, like click's own usage errors); ``--traceback``
re-raises them with the stack. Each command lives in its own module under ``netscan.commands``
and is imported only when it runs, so ``netscan --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import sys
from datetime import date
from typing import Any

import click

from netscan import __version__
from netscan.errors import NetscanError, UsageMistake
from netscan.invisible import visible_text

# command name -> (module, attribute, one-line help shown in `netscan --help`)
_COMMANDS: dict[str, tuple[str, str, str]] = {
    "analyze": ("netscan.commands.analyze", "analyze", "Score every tie; write the HTML report."),
    "batch": ("netscan.commands.batch", "batch", "Analyse a team's exports; write a team report."),
    "compare": ("netscan.commands.compare", "compare", "What changed between two exports."),
    "inspect": ("netscan.commands.inspect", "inspect", "Show what netscan found in an export."),
    "rate": ("netscan.commands.rate", "rate", "Write a sheet of contacts to rate 1–5."),
    "goals": ("netscan.commands.goals", "goals", "List the goal catalogue."),
    "sample": ("netscan.commands.sample", "sample", "Write a synthetic LinkedIn export."),
    "serve": ("netscan.commands.serve", "serve", "Serve the upload page on this computer."),
}


def today() -> date:
    """The client's day: the one place netscan reads the clock. The core never does; it is
    used only when an export holds no date at all (an address book alone)."""
    return date.today()


class NetscanGroup(click.Group):
    """Lazy command loading, and the one place where NetscanError becomes exit 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = _COMMANDS.get(cmd_name)
        if spec is None:
            return None
        command = getattr(importlib.import_module(spec[0]), spec[1])
        assert isinstance(command, click.Command)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and name not in _COMMANDS and not name.startswith("-"):
            import difflib

            guess = difflib.get_close_matches(name.casefold(), list(_COMMANDS), n=1, cutoff=0.6)
            if guess:  # "analyse" → analyze: British spelling is the commonest slip
                ctx.fail(f"No such command {name!r}. Did you mean {guess[0]!r}?")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Show the short help without importing every command module.
        rows = [(name, _COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except OSError as error:
            # Every file netscan writes reports its own errors; an OSError without a file name
            # here is standard output failing (`> /dev/full`, a full disk). A closed pipe
            # (`| head`) is click's to handle, quietly.
            if error.filename is not None or error.errno == errno.EPIPE:
                raise
            _silence_stdout()
            click.echo(
                f"Error: Could not write to standard output: {error.strerror or error}.\n\n"
                "Hint: Redirect the output to a file on a disk with free space.",
                err=True,
            )
            sys.exit(1)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NetscanError as error:
            if ctx.meta.get("netscan.traceback"):
                raise
            # A file name from inside an archive may carry control or bidi characters.
            message = visible_text(error.user_message())
            if isinstance(error, UsageMistake):
                raise click.UsageError(message) from error
            raise click.ClickException(message) from error


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the final flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _set_traceback(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta["netscan.traceback"] = value


@click.group(cls=NetscanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, package_name="netscan")
@click.option(
    "--traceback",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_set_traceback,
    help="Show the full stack on errors (for bug reports).",
)
def cli() -> None:
    """Score the relationships in your contact exports against your goals.

    Everything runs on this computer; nothing is sent anywhere.

    Example:

    \b
        netscan inspect Basic_LinkedInDataExport_11-27-2026.zip
        netscan analyze Basic_LinkedInDataExport_11-27-2026.zip -g job -o report.html
    """
