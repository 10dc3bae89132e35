"""Pseudonyms for sharing a report with a coach or a manager (``--anonymize``).

Applied to the Export right after ingest, so every later output — ties table, JSON, report,
terminal — sees only pseudonyms; nothing is computed from a real value afterwards. What a reader
could recognise someone by is replaced, consistently within one key:

- people (contacts and the owner): a readable pseudonym ("Amber Heron"); URL and e-mail become
  pseudonymous placeholders;
- organisations (contacts' employers, the owner's employers and schools, `-t` targets):
  "Organisation 7f3a9c12", keyed on the normalised name (`companies.company_key`), so "Acme B.V."
  and "Acme" stay one firm, shared employers are still found and a target still finds the people
  who work there. A target is shown by its pseudonym too: a named target next to the functions of
  the people working there would identify them;
- job titles and the owner's headline: reduced to function and seniority (`diagnosis.taxonomy`),
  e.g. "Senior engineer", worded so the diagnosis infers the same function and seniority it
  would from the real title;
- input paths and file names the user chose ("input 1.zip"), and the names of files netscan did
  not read ("unread file 1.csv"); free-text warnings are scrubbed of every replaced value.

The key is random bytes a client draws per run (or once per team batch, so members' outputs
agree) and never writes. The data-quality counts, dates and scores stay: they describe the
network, not a person.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import PurePath

import polars as pl

from netscan.companies import company_key
from netscan.diagnosis.taxonomy import (
    FUNCTIONS,
    SENIORITY,
    UNKNOWN,
    infer_function,
    infer_seniority,
)
from netscan.ingest.identity import make_contact_id
from netscan.model import Education, Export, InputReport, Owner, Position

_ADJECTIVES = (
    "Amber", "Ash", "Birch", "Blue", "Bright", "Calm", "Cedar", "Clear", "Copper", "Coral",
    "Crisp", "Dawn", "Deep", "Dune", "Elm", "Fair", "Fern", "Fir", "Frost", "Gold", "Green",
    "Grey", "Hazel", "Iris", "Ivory", "Jade", "Juniper", "Kind", "Lark", "Linden", "Maple",
    "Marsh", "Mint", "Misty", "Moss", "North", "Oak", "Ochre", "Olive", "Opal", "Pearl", "Pine",
    "Plum", "Quiet", "Rain", "Reed", "Rowan", "Ruby", "Rust", "Sage", "Sand", "Silver", "Slate",
    "Snow", "South", "Steady", "Stone", "Swift", "Teal", "Tide", "Umber", "Willow", "Wind",
    "Zephyr",
)
_NOUNS = (
    "Badger", "Bear", "Beaver", "Bison", "Crane", "Crow", "Curlew", "Deer", "Dolphin", "Dove",
    "Eagle", "Egret", "Falcon", "Finch", "Fox", "Gannet", "Gecko", "Grebe", "Hare", "Hawk",
    "Heron", "Ibis", "Jay", "Kestrel", "Kite", "Koala", "Lynx", "Magpie", "Marten", "Merlin",
    "Mole", "Moose", "Newt", "Orca", "Osprey", "Otter", "Owl", "Panda", "Pelican", "Petrel",
    "Plover", "Puffin", "Quail", "Raven", "Robin", "Salmon", "Seal", "Shrike", "Skua", "Sparrow",
    "Stoat", "Stork", "Swan", "Swift", "Tern", "Thrush", "Trout", "Vole", "Walrus", "Weasel",
    "Wren", "Yak", "Zebra", "Lapwing",
)


def _digest(contact_id: str, key: bytes) -> str:
    # Keyed (HMAC), not a plain hash: a profile URL is public, so an unkeyed digest of it could be
    # recomputed by anyone holding the report. The key lives only in memory for one run (or one
    # batch) and is never written.
    return hmac.new(key, contact_id.encode(), hashlib.sha256).hexdigest()


def pseudonym_table(contact_ids: list[str], key: bytes) -> dict[str, tuple[str, str]]:
    """Map each contact_id to (pseudonymous id, readable pseudonym), unique within the list.

    Stable for one `key`: the same id always gets the same pseudonym unless two ids collide, in
    which case the one that sorts later gets a numeric suffix. A client draws a fresh random key
    per run (or one per team batch, so members' outputs agree).
    """
    taken: dict[str, int] = {}
    table: dict[str, tuple[str, str]] = {}
    for cid in sorted(set(contact_ids)):
        digest = _digest(cid, key)
        number = int(digest[:8], 16)
        name = f"{_ADJECTIVES[number % 64]} {_NOUNS[(number // 64) % 64]}"
        count = taken.get(name, 0) + 1
        taken[name] = count
        table[cid] = (f"p:{digest[:12]}", name if count == 1 else f"{name} {count}")
    return table


def organisation_pseudonym(name: str | None, key: bytes) -> str | None:
    """"Organisation 7f3a9c12" for `name`, equal for every spelling with one `company_key`."""
    normalised = company_key(name)
    if not normalised:
        return None
    # "org:" keeps organisation digests apart from people's (both use one key).
    return f"Organisation {_digest('org:' + normalised, key)[:8]}"


@functools.cache
def reduced_title(function: str, seniority: str) -> str:
    """A plain title saying only function and seniority ("Senior engineer"), built from the
    taxonomy's own keywords so that it is inferred back to the same (function, seniority)."""
    if function == UNKNOWN and seniority == UNKNOWN:
        return ""
    function_words = [""] if function == UNKNOWN else [
        word.strip() for word in dict(FUNCTIONS).get(function, ())
    ]
    # The bare function first: "Founder" already says executive, "Engineer" mid.
    seniority_words = ["", *(word.strip() for word in dict(SENIORITY).get(seniority, ()))]
    for function_word in function_words:
        for seniority_word in seniority_words:
            title = " ".join(word for word in (seniority_word, function_word) if word)
            if title and (infer_function(title), infer_seniority(title)) == (function, seniority):
                return _capitalised(title)
    # No keyword pair says exactly this (a combination real titles rarely produce): name both.
    return _capitalised(" ".join(word for word in (seniority, function) if word != UNKNOWN))


_ACRONYMS = frozenset({"ceo", "cfo", "cio", "coo", "cto", "hr", "it", "qa", "ui", "ux", "bi"})


def _capitalised(title: str) -> str:
    words = [word.upper() if word in _ACRONYMS else word for word in title.split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def reduce_title(title: str | None) -> str | None:
    """`title` reduced to its function and seniority; None when it says neither."""
    if title is None:
        return None
    return reduced_title(infer_function(title), infer_seniority(title)) or None


def _owner_id(owner: Owner) -> str | None:
    try:
        return make_contact_id(owner.profile_url, None, owner.name)
    except ValueError:
        return None


def _input_labels(inputs: Sequence[InputReport]) -> dict[str, str]:
    """Each input path, and the name of a single-file input, → "input N" plus its ending."""
    labels: dict[str, str] = {}
    for number, report in enumerate(inputs, start=1):
        path = PurePath(report.path)
        label = f"input {number}{path.suffix.lower()}"
        labels[report.path] = label
        if path.suffix:  # a file the user named; a folder's own name is only in its path
            labels[path.name] = label
    return labels


# Values shorter than this are not scrubbed from warnings: "Al" or "IT" would garble words, and
# identify nobody on their own.
_SHORTEST = 4


def _scrub(text: str, replacements: dict[str, str]) -> str:
    """`text` with every replaced value swapped for its pseudonym, longest value first."""
    for original in sorted((o for o in replacements if o in text), key=len, reverse=True):
        text = text.replace(original, replacements[original])
    return text


def _mapping(values: Iterable[str | None], pseudonym: dict[str, str | None]) -> dict[str, str]:
    return {
        value: new
        for value in values
        if value and len(value) >= _SHORTEST and (new := pseudonym.get(value)) is not None
        and new != value
    }


def anonymize_targets(targets: Sequence[str], key: bytes) -> tuple[str, ...]:
    """The `-t` targets as the organisation pseudonyms their employees' companies get."""
    return tuple(organisation_pseudonym(target, key) or target for target in targets)


def anonymize_export(export: Export, key: bytes) -> Export:
    """Return `export` with people, organisations, titles and file names pseudonymised.

    `key` (at least 16 random bytes) keys the pseudonyms; the same key gives the same pseudonyms.
    """
    if len(key) < 16:
        raise ValueError("the anonymisation key must be at least 16 bytes")
    owner_id = _owner_id(export.owner)
    contact_ids = export.contacts["contact_id"].to_list()
    table = pseudonym_table([*contact_ids, *([owner_id] if owner_id else [])], key)
    ids = {cid: pid for cid, (pid, _) in table.items()}
    names = {cid: name for cid, (_, name) in table.items()}

    companies = {
        company: organisation_pseudonym(company, key)
        for company in export.contacts["company"].drop_nulls().unique().to_list()
    }
    titles = {
        title: reduce_title(title)
        for title in export.contacts["position"].drop_nulls().unique().to_list()
    }
    labels = _input_labels(export.inputs)
    # Each lookup once per contact; the columns below are derived from these two.
    pseudonymous = export.contacts.with_columns(
        _name=pl.col("contact_id").replace_strict(names, return_dtype=pl.String),
        _pid=pl.col("contact_id").replace_strict(ids, return_dtype=pl.String),
    )
    name, short_id = pl.col("_name"), pl.col("_pid").str.slice(2)
    contacts = pseudonymous.with_columns(
        full_name=name,
        first_name=name.str.split(" ").list.first(),
        last_name=name.str.split(" ").list.last(),
        profile_url=pl.when(pl.col("profile_url").is_not_null()).then(
            pl.lit("anonymized:") + short_id
        ),
        email=pl.when(pl.col("email").is_not_null()).then(short_id + "@anonymized.invalid"),
        company=pl.col("company").replace_strict(companies, default=None, return_dtype=pl.String),
        position=pl.col("position").replace_strict(titles, default=None, return_dtype=pl.String),
        sources=pl.col("sources").list.eval(pl.element().replace(labels)),
        contact_id=pl.col("_pid"),
    ).select(export.contacts.columns)
    events = export.events.with_columns(
        pl.col("contact_id").replace_strict(ids, default=None, return_dtype=pl.String),
        pl.col("source").replace(labels),
    )

    owner = export.owner
    owner_name = names[owner_id] if owner_id else ""
    positions = tuple(
        Position(
            company=organisation_pseudonym(p.company, key) or "",
            title=reduce_title(p.title) or "",
            started=p.started,
            finished=p.finished,
        )
        for p in owner.positions
    )
    education = tuple(
        Education(
            school=organisation_pseudonym(e.school, key) or "",
            degree="",
            started=e.started,
            finished=e.finished,
        )
        for e in owner.education
    )
    pseudonymous_owner = Owner(
        name=owner_name,
        profile_url=None,
        # The diagnosis reads the owner's function from the headline when there is no job.
        headline=reduce_title(owner.headline) or "",
        positions=positions,
        education=education,
        inferred_from=_scrub(owner.inferred_from, labels),
    )

    # Every value replaced above, for scrubbing the free-text warnings.
    replacements: dict[str, str] = dict(labels)
    before = export.contacts.select("contact_id", "full_name", "profile_url", "email").rows()
    after = dict(zip(export.contacts["contact_id"].to_list(),
                     contacts.select("full_name", "profile_url", "email").rows(), strict=True))
    for cid, *values in before:
        for value, new in zip(values, after[cid], strict=True):
            if value and new and len(value) >= _SHORTEST:
                replacements[value] = new
    replacements.update(_mapping(companies, companies))
    replacements.update(_mapping(titles, titles))
    for position, new_position in zip(owner.positions, positions, strict=True):
        replacements.update(_mapping([position.company], {position.company: new_position.company}))
        replacements.update(_mapping([position.title], {position.title: new_position.title}))
    for school, new_school in zip(owner.education, education, strict=True):
        replacements.update(_mapping([school.school], {school.school: new_school.school}))
        replacements.update(_mapping([school.degree], {school.degree: "a degree"}))
    for value, new in ((owner.name, owner_name), (owner.profile_url, "the owner's profile"),
                       (owner.headline, reduce_title(owner.headline) or "the owner's headline")):
        if value and len(value) >= _SHORTEST:
            replacements[value] = new
    # A file netscan did not read can be named anything ("Jane Doe CV.csv" in a folder); its name
    # adds nothing to a shared report. Files it read are LinkedIn's own names (or labelled above).
    unread = iter(range(1, 1 + sum(len(r.files) for r in export.inputs)))
    inputs = tuple(
        InputReport(
            path=labels[report.path],
            format=report.format,
            files=tuple(
                replace(f, name=labels.get(f.name, f.name)) if f.status == "used"
                else replace(f, name=f"unread file {next(unread)}{PurePath(f.name).suffix.lower()}")
                for f in report.files
            ),
        )
        for report in export.inputs
    )
    return replace(
        export,
        contacts=contacts,
        events=events,
        owner=pseudonymous_owner,
        inputs=inputs,
        warnings=tuple(_scrub(warning, replacements) for warning in export.warnings),
    )
