"""The one place where the stages run in order: ingest → ties → diagnosis → Analysis.

CLI, batch and web are clients of `analyze`; nothing here prints or reads the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from netscan import l10n
from netscan.analysis import Analysis
from netscan.anonymize import anonymize_export, anonymize_targets, pseudonym_table
from netscan.diagnosis import diagnose
from netscan.diagnosis.catalogue import goal_by_id
from netscan.errors import EmptyExport
from netscan.i18n import active_locale, gettext, use_locale
from netscan.ingest import load_exports
from netscan.ingest.ratings import match_ratings
from netscan.model import Export
from netscan.ties import build_ties
from netscan.ties.calibrate import Calibration, calibrate
from netscan.ties.config import NetscanConfig
from netscan.ties.layers import dunbar_layers
from netscan.ties.rating_sheet import rating_sheet as make_rating_sheet

if TYPE_CHECKING:
    from netscan.compare import Comparison

STAGES = ("read", "score", "diagnose")


def _quiet(_stage: str) -> None:
    return None


def _resolve_as_of(
    export: Export, paths: Sequence[Path], as_of: date | None, fallback_as_of: date | None
) -> tuple[date, str]:
    """`as_of` and where it came from: the option, the export's newest date, or today."""
    as_of_source = "option"
    if as_of is None and export.newest is None and fallback_as_of is not None:
        # An address book alone has no dates at all, so nothing depends on recency; the client's
        # day is as good as any and is labelled as such.
        as_of, as_of_source = fallback_as_of, "today"
    if as_of is None:
        if export.newest is None:
            names = ", ".join(str(p) for p in paths)
            raise EmptyExport(
                f"{names}: no dated row anywhere, so netscan cannot tell when the export was made.",
                "Pass --as-of YYYY-MM-DD (the day you downloaded the export).",
            )
        as_of, as_of_source = export.newest, "export"
    return as_of, as_of_source


def rating_sheet(
    paths: Sequence[Path],
    *,
    n: int = 30,
    as_of: date | None = None,
    config: NetscanConfig | None = None,
    fallback_as_of: date | None = None,
) -> pl.DataFrame:
    """The `netscan rate` sheet: about `n` contacts spanning the classes and companies, scored
    with the default (or `config`) model, with an empty `strength` column to fill in."""
    config = config or NetscanConfig()
    export = load_exports(paths)
    as_of, _source = _resolve_as_of(export, paths, as_of, fallback_as_of)
    ties = build_ties(
        export.contacts, export.events, export.owner, as_of=as_of, config=config.ties,
        merged_order=True,
    )
    if ties.is_empty():
        raise EmptyExport(
            f"{', '.join(str(p) for p in paths)}: no contacts to rate.",
            "Pass the export that holds your connections (Connections.csv).",
        )
    return make_rating_sheet(ties, n)


def analyze(
    paths: Sequence[Path],
    *,
    goals: Sequence[str] = (),
    targets: Sequence[str] = (),
    as_of: date | None = None,
    config: NetscanConfig | None = None,
    anonymize_key: bytes | None = None,
    progress: Callable[[str], None] = _quiet,
    fallback_as_of: date | None = None,
    ratings: Path | None = None,
    loaded: Export | None = None,
    lang: str | None = None,
) -> Analysis:
    """Read the exports of one person, score every tie and diagnose the network.

    `as_of` defaults to the newest timestamp in the export (not the clock), so an old export is
    not judged as if every tie had gone quiet since. Only when the export holds no date at all
    (an address book alone) is `fallback_as_of` used — a client passes its own day there.
    With `anonymize_key` (random bytes the client draws and never writes), every contact is
    replaced by a keyed pseudonym before anything is scored. `progress` is called with each
    stage name in `STAGES` as it starts (the CLI draws a bar from it; the core never prints).
    With `ratings` (a sheet from `netscan rate`, filled in), the tie weights are fitted to this
    person's ratings, regularised toward the defaults (`netscan.ties.calibrate`).
    `loaded` is `load_exports(paths)` when the caller has already read it (a team batch reads
    the owner's own name before any pseudonym replaces it).
    Every sentence (evidence, actions, tie reasons) is written in `lang` (``en`` or ``nl``;
    default: the active locale, English unless a caller's `use_locale` says otherwise).
    """
    lang = lang or active_locale()
    with use_locale(lang):
        return _analyze(
            paths, goals=goals, targets=targets, as_of=as_of, config=config,
            anonymize_key=anonymize_key, progress=progress, fallback_as_of=fallback_as_of,
            ratings=ratings, lang=lang, loaded=loaded,
        )


def _analyze(
    paths: Sequence[Path],
    *,
    goals: Sequence[str],
    targets: Sequence[str],
    as_of: date | None,
    config: NetscanConfig | None,
    anonymize_key: bytes | None,
    progress: Callable[[str], None],
    fallback_as_of: date | None,
    ratings: Path | None,
    lang: str,
    loaded: Export | None,
) -> Analysis:
    config = config or NetscanConfig()
    asked = tuple(dict.fromkeys(goal_by_id(goal).id for goal in goals))  # fail fast on a typo
    progress("read")
    export = loaded if loaded is not None else load_exports(paths)
    # The sheet names real people, so it is matched before any pseudonyms replace them.
    sheet = match_ratings(ratings, export.contacts) if ratings is not None else None
    if anonymize_key is not None:
        if sheet is not None:
            ids = pseudonym_table(export.contacts["contact_id"].to_list(), anonymize_key)
            sheet = replace(
                sheet, by_contact={ids[cid][0]: r for cid, r in sheet.by_contact.items()}
            )
        export = anonymize_export(export, anonymize_key)
        # Employers are pseudonymised by their normalised name; a target is too, so it still
        # finds the people who work there (and is shown only by its pseudonym).
        targets = anonymize_targets(targets, anonymize_key)
    as_of, as_of_source = _resolve_as_of(export, paths, as_of, fallback_as_of)
    progress("score")
    ties = build_ties(
        export.contacts, export.events, export.owner, as_of=as_of, config=config.ties,
        merged_order=True,
    )
    calibration: Calibration | None = None
    if sheet is not None:
        calibration = calibrate(
            export.contacts,
            export.events,
            export.owner,
            sheet.by_contact,
            as_of=as_of,
            config=config.ties,
            merged_order=True,
        )
        if calibration.fitted:
            ties = build_ties(
                export.contacts, export.events, export.owner, as_of=as_of,
                config=calibration.config, merged_order=True,
            )
    progress("diagnose")
    diagnosis = diagnose(
        ties,
        export.contacts,
        export.events,
        export.owner,
        as_of=as_of,
        goals=asked,
        targets=tuple(targets),
    )
    return Analysis(
        export=export,
        as_of=as_of,
        as_of_source=as_of_source,
        config=config,
        ties=ties,
        layers=dunbar_layers(ties),
        diagnosis=diagnosis,
        goals_requested=asked,
        targets=tuple(targets),
        anonymized=anonymize_key is not None,
        ratings=sheet,
        calibration=calibration,
        lang=lang,
    )


def _labelled(progress: Callable[[str], None], side: str) -> Callable[[str], None]:
    """`progress` with each stage name prefixed by the side (``old read``, ``new score`` …)."""

    def report(stage: str) -> None:
        progress(f"{side} {stage}")

    return report


def compare(
    old_paths: Sequence[Path],
    new_paths: Sequence[Path],
    *,
    goals: Sequence[str] = (),
    targets: Sequence[str] = (),
    config: NetscanConfig | None = None,
    anonymize_key: bytes | None = None,
    progress: Callable[[str], None] = _quiet,
    fallback_as_of: date | None = None,
    lang: str | None = None,
) -> Comparison:
    """Analyse two exports of one person, each as of its own date, and say what changed.

    OLD and NEW given the wrong way round (OLD's date after NEW's) are swapped, and the
    comparison carries a warning saying so. Exports of two different owners raise a
    NetscanError naming both. One `anonymize_key` serves both sides, so a person keeps one
    pseudonym and is still matched. `progress` is called with ``old`` or ``new``, a space and
    each stage name in `STAGES`, as each side's stage starts. Every sentence (reasons, actions,
    warnings) is written in `lang` (default: the active locale), recorded as `Comparison.lang`.
    """
    lang = lang or active_locale()
    with use_locale(lang):
        return _compare(old_paths, new_paths, goals=goals, targets=targets, config=config,
                        anonymize_key=anonymize_key, progress=progress,
                        fallback_as_of=fallback_as_of)


def _compare(
    old_paths: Sequence[Path],
    new_paths: Sequence[Path],
    *,
    goals: Sequence[str],
    targets: Sequence[str],
    config: NetscanConfig | None,
    anonymize_key: bytes | None,
    progress: Callable[[str], None],
    fallback_as_of: date | None,
) -> Comparison:
    # Imported here: only `netscan compare` needs it, and every `analyze` run would pay for it.
    from netscan.compare import check_same_owner, compare_analyses

    sides = []
    for side, paths in (("old", old_paths), ("new", new_paths)):
        sides.append(
            analyze(
                paths,
                goals=goals,
                targets=targets,
                config=config,
                anonymize_key=anonymize_key,
                progress=_labelled(progress, side),
                fallback_as_of=fallback_as_of,
            )
        )
    old, new = sides
    old_names = ", ".join(str(p) for p in old_paths)
    new_names = ", ".join(str(p) for p in new_paths)
    warnings: list[str] = []
    unsure = check_same_owner(old.export.owner, new.export.owner, old_names, new_names)
    if unsure:
        warnings.append(unsure)
    swapped = old.as_of > new.as_of
    if swapped:
        warnings.append(
            gettext("OLD (%(old)s, %(old_date)s) is newer than NEW (%(new)s, %(new_date)s); "
                    "compared the other way round.")
            % {"old": old_names, "old_date": l10n.day(old.as_of), "new": new_names,
               "new_date": l10n.day(new.as_of)}
        )
        old, new = new, old
    elif old.as_of == new.as_of:
        warnings.append(
            gettext("Both exports are as of %(date)s; changes shown are differences between "
                    "the files, not over time.") % {"date": l10n.day(old.as_of)}
        )
    return compare_analyses(old, new, swapped=swapped, warnings=warnings)
