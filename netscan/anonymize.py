"""Stable pseudonyms for sharing a report with a coach or a manager (``--anonymize``).

Applied to the Export right after ingest, so every later output — ties table, JSON, report,
actions that name contacts — sees only pseudonyms. Companies and positions stay: the diagnosis
is about them, and they do not identify a person on their own in a network of hundreds. The
owner keeps their own name: it is their report.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import replace

import polars as pl

from netscan.model import Export

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


def anonymize_export(export: Export, key: bytes) -> Export:
    """Return `export` with every contact's id, name, URL and e-mail replaced by a pseudonym.

    `key` (at least 16 random bytes) keys the pseudonyms; the same key gives the same pseudonyms.
    """
    if len(key) < 16:
        raise ValueError("the anonymisation key must be at least 16 bytes")
    table = pseudonym_table(export.contacts["contact_id"].to_list(), key)
    ids = {cid: pid for cid, (pid, _) in table.items()}
    names = {cid: name for cid, (_, name) in table.items()}
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
        contact_id=pl.col("_pid"),
    ).select(export.contacts.columns)
    events = export.events.with_columns(
        pl.col("contact_id").replace_strict(ids, default=None, return_dtype=pl.String)
    )
    return replace(export, contacts=contacts, events=events)
