"""The work one upload asks for, run in a worker thread: the same calls `netscan analyze` makes.

Nothing here knows about HTTP; the app passes in an `Upload` (files already on disk in a private
folder) and gets bytes back. Errors are the pipeline's own `NetscanError`s.
"""

from __future__ import annotations

import importlib
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from netscan.errors import NetscanError
from netscan.web.upload import Upload


def targets_of(values: Sequence[str]) -> tuple[str, ...]:
    """Organisations from the form's text box: one per line, blanks and repeats dropped."""
    lines = (line.strip() for value in values for line in value.splitlines())
    return tuple(dict.fromkeys(line for line in lines if line))


def options_of(upload: Upload) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """(goals, targets, anonymize) as the form sent them."""
    goals = tuple(dict.fromkeys(g.strip() for g in upload.values("goal") if g.strip()))
    return goals, targets_of(upload.values("targets")), bool(upload.values("anonymize"))


def person_report(upload: Upload, lang: str = "en") -> bytes:
    """The self-contained report for one person's files, in `lang`: the CLI's bytes for the
    same inputs and --lang."""
    from netscan.commands.analyze import analyse
    from netscan.report import render_report

    goals, targets, anonymize = options_of(upload)
    analysis = analyse(upload.files, goals=goals, targets=targets, anonymize=anonymize,
                       lang=lang)
    return render_report(analysis).encode("utf-8")


def team_zip(upload: Upload, lang: str = "en") -> bytes:
    """The team batch for one export per member, in `lang`, its output folder as a zip."""
    # Imported by name: netscan.batch is its own issue and may not be in this build yet.
    run_batch = importlib.import_module("netscan.batch").run_batch

    goals, targets, anonymize = options_of(upload)
    out_dir = upload.folder / ".team"  # uploads never start with a dot (safe_name)
    run_batch(
        upload.files, out_dir, goals=goals, targets=targets, jobs=1, anonymize=anonymize,
        lang=lang,
    )
    if not out_dir.is_dir():
        raise NetscanError("The team batch wrote nothing.", "Send the exports again.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(out_dir.rglob("*")):
            if path.is_file():
                archive.write(path, Path("netscan-team") / path.relative_to(out_dir))
    return buffer.getvalue()
