"""The only exceptions a user sees: each carries a message naming the file and a hint with the fix.

The CLI turns them into ``Error: … / Hint: …`` on stderr with exit code 1 in one place
(``netscan.cli.NetscanGroup``); the web page turns them into a 400 page.
"""

from __future__ import annotations


class NetscanError(Exception):
    """A problem with the user's data or files that the user can fix."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def user_message(self) -> str:
        """The one-line error, plus the hint on its own line when there is one."""
        return f"{self.message}\n\nHint: {self.hint}" if self.hint else self.message


class ExportNotFound(NetscanError):
    "The path given does not exist."


class UnknownExportFormat(NetscanError):
    "A file or archive holds nothing netscan can recognise."


class UnreadableFile(NetscanError):
    "A file is not text netscan can decode (binary, a spreadsheet, random bytes)."


class EmptyExport(NetscanError):
    "A file or archive holds no usable rows."


class MissingColumns(NetscanError):
    "A recognised file lacks columns netscan needs."


class UnsafeArchive(NetscanError):
    "A zip that would escape its folder or expand beyond the size cap."


class ConfigError(NetscanError):
    "A --config TOML file is malformed or names unknown settings."


class UnknownGoal(NetscanError):
    "A -g/--goal value is not in the goal catalogue."


class UsageMistake(NetscanError):
    "A command-line mistake rather than a data problem: the CLI exits 2 for it."


class OutputConflict(UsageMistake):
    "An output path that is also an input, or that another output names too."
