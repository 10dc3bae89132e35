"""Output files: checked before any work, written whole or not at all, never over an input.

Every file netscan writes goes through `write_atomically`: the content is written to a temporary
file in the same folder and renamed over the target only when complete, so an interrupted or
failed run leaves the old file (or none), never half a report. `check_outputs` runs before the
analysis so a bad path fails in a second, not after a minute of scoring.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from netscan.errors import NetscanError, OutputConflict, UsageMistake


def _where(option: str) -> str:
    return f" ({option})" if option else ""


def check_output(path: Path, option: str = "") -> None:
    """Fail early, with the fix, when `path` cannot take a regular file written by netscan."""
    if "\x00" in str(path):
        # No file system accepts it; os.stat would raise ValueError, not OSError.
        raise UsageMistake(
            f"{option or 'An output path'} {str(path)!r} holds a NUL character.",
            "Pass a plain file name.",
        )
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise NetscanError(
            f"Cannot write {path}{_where(option)}: {error.strerror or error}.",
            "Pass a path in a folder you can write to.",
        ) from error
    if mode is not None and stat.S_ISDIR(mode):
        raise NetscanError(f"Cannot write {path}{_where(option)}: it is a folder.",
                           "Pass a file name.")
    if mode is not None and not stat.S_ISREG(mode):
        # A pipe would block until someone reads it; a device (/dev/full) swallows or refuses
        # the report. Only regular files are written.
        raise NetscanError(
            f"Cannot write {path}{_where(option)}: it is not a regular file (a pipe or device).",
            "Pass the name of an ordinary file.",
        )
    folder = path.absolute().parent
    if not folder.is_dir():
        raise NetscanError(
            f"Cannot write {path}{_where(option)}: the folder {folder} does not exist.",
            "Create the folder first, or pass another path.",
        )
    # Try it rather than ask os.access: root passes every permission check, yet /proc, /sys or a
    # read-only mount still refuse a new file.
    try:
        probe, name = tempfile.mkstemp(dir=folder, prefix=".netscan-probe-")
        os.close(probe)
        os.unlink(name)
    except OSError as error:
        raise NetscanError(
            f"Cannot write {path}{_where(option)}: the folder {folder} does not take new files "
            f"({error.strerror or error}).",
            "Pass a path in a folder you can write to.",
        ) from error


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
        return None


def _same(first: Path, second: Path) -> bool:
    resolved = _resolved(first)
    if resolved is not None and resolved == _resolved(second):
        return True
    with contextlib.suppress(OSError):
        return os.path.samefile(first, second)  # hard links, bind mounts
    return False


def _inside(path: Path, folder: Path) -> bool:
    resolved, base = _resolved(path), _resolved(folder)
    return resolved is not None and base is not None and resolved.is_relative_to(base)


def check_outputs(outputs: Sequence[tuple[str, Path | None]], inputs: Sequence[Path] = ()) -> None:
    """Check every (option, path) output, then that none is an input or another output.

    An output equal to an input file (or inside an input folder) would destroy the export it is
    computed from; two outputs with one path would clobber each other. Both are usage mistakes.
    """
    given = [(option, path) for option, path in outputs if path is not None]
    for option, path in given:
        check_output(path, option)
    for option, path in given:
        for source in inputs:
            if _same(path, source):
                raise OutputConflict(
                    f"{option} {path} is also an input: writing it would destroy the export.",
                    "Pass another output path.",
                )
            if source.is_dir() and _inside(path, source):
                raise OutputConflict(
                    f"{option} {path} is inside the input folder {source}.",
                    "Write outputs outside the export folder, so it stays as downloaded.",
                )
    for n, (option, path) in enumerate(given):
        for other_option, other in given[:n]:
            if _same(path, other):
                raise OutputConflict(
                    f"{other_option} and {option} both name {path}: one would overwrite the other.",
                    "Give each output its own path.",
                )


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(path: Path, write: Callable[[Path], object], option: str = "") -> Path:
    """Call `write(temporary)` then rename the temporary file onto `path`; return `path`.

    The temporary file sits in the target's folder (a rename across file systems is not atomic)
    and keeps the target's extension, since some writers choose the format from it. An OSError
    (disk full, read-only folder, permission) becomes a one-line NetscanError naming the file.
    """
    folder = path.absolute().parent
    try:
        handle, name = tempfile.mkstemp(
            dir=folder, prefix=f".{path.stem}.", suffix=f".partial{path.suffix}"
        )
    except OSError as error:
        raise _write_error(path, option, error) from error
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        # mkstemp makes the file private (0600): keep the mode of the file it replaces (a report
        # someone made private stays private), else the mode a plain open() would give.
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        raise _write_error(path, option, error) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return path


def write_text_atomically(path: Path, text: str, option: str = "") -> Path:
    """`text` as UTF-8 with \\n line ends, written atomically to `path`."""
    return write_atomically(
        path, lambda temporary: temporary.write_text(text, encoding="utf-8", newline="\n"), option
    )


def _write_error(path: Path, option: str, error: OSError) -> NetscanError:
    reason = error.strerror or str(error)
    another = f"another {option} path" if option else "another path"
    return NetscanError(
        f"Could not write {path}{_where(option)}: {reason}.",
        f"Check that the folder exists, is writable and has free space, or pass {another}.",
    )
