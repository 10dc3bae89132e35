"""The one-by-one merge as it stood before the join-based rewrite (netscan 58c2b68), kept as the
reference the bulk path must agree with (tests/test_merge_bulk.py). Do not optimise this file:
its worth is that it reads exactly as the merge rules do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from netscan.ingest.frames import FileResult
from netscan.ingest.identity import (
    make_contact_id,
    namesake_id,
    neutralise,
    normalise_email,
    normalise_name,
    normalise_url,
)
from netscan.ingest.owner import OwnerKeys
from netscan.model import CONTACTS, EVENTS, MatchRates

_KEY = "\x1f"


@dataclass
class _Person:
    contact_id: str
    url: str | None
    email: str | None
    name_key: str | None
    fields: dict[str, object]
    in_network: bool
    sources: set[str] = field(default_factory=set)
    # The files (results) whose rows listed this person: a name never joins two rows of one file.
    files: set[int] = field(default_factory=set)


class _Directory:
    """People indexed by URL, e-mail and name while mentions are resolved one by one."""

    def __init__(self, owner: OwnerKeys) -> None:
        self.owner = owner
        self.people: dict[str, _Person] = {}
        self.by_url: dict[str, str] = {}
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, set[str]] = {}

    def is_owner(self, url: str | None, name_key: str | None) -> bool:
        if url is not None and self.owner.url is not None:
            return url == self.owner.url
        return name_key is not None and name_key in self.owner.names

    def find(
        self, url: str | None, email: str | None, name_key: str | None, file: int | None = None
    ) -> tuple[str | None, str]:
        """(contact id, how it matched: url / email / name) or (None, "unmatched")."""
        if url is not None and url in self.by_url:
            return self.by_url[url], "url"
        if email is not None and email in self.by_email:
            found = self.by_email[email]
            # One address on two different profiles (a shared inbox) joins nobody.
            if url is None or self.people[found].url in (None, url):
                return found, "email"
        pool = self.by_name.get(name_key) if name_key is not None else None
        if pool:
            # Called ~60,000 times at scale, often on a pool of namesakes: a plain list, sorted
            # only when more than one is left.
            people = self.people
            if file is None:
                candidates = list(pool)
            else:
                candidates = [cid for cid in pool if file not in people[cid].files]
            if len(candidates) > 1:
                candidates.sort()
            if len(candidates) == 1:
                found = candidates[0]
                other_url = self.people[found].url
                if url is None or other_url is None:
                    return found, "name"
            elif candidates and url is None and email is None:
                # Namesakes in the network: a bare name cannot say which one is meant, so its
                # mentions gather on one person outside the network instead.
                strangers = [cid for cid in candidates if not self.people[cid].in_network]
                if len(strangers) == 1:
                    return strangers[0], "name"
        return None, "unmatched"

    def add(
        self,
        url: str | None,
        email: str | None,
        name_key: str | None,
        fields: dict[str, object],
        *,
        in_network: bool,
        source: str,
        file: int | None = None,
    ) -> tuple[str | None, str]:
        """Resolve a mention, creating a person when nobody matches; returns (id, how)."""
        if self.is_owner(url, name_key) or (url is None and email is None and name_key is None):
            return None, "owner"
        found, how = self.find(url, email, name_key, file)
        if found is None:
            base = found = make_contact_id(url, email, name_key)
            number = 2
            while found in self.people:  # a namesake: a person of their own
                found = namesake_id(base, number)
                number += 1
        if found not in self.people:
            self.people[found] = _Person(found, url, email, name_key, {}, in_network)
        person = self.people[found]
        person.in_network = person.in_network or in_network
        person.url = person.url or url
        person.email = person.email or email
        person.name_key = person.name_key or name_key
        person.sources.add(source)
        if file is not None:
            person.files.add(file)
        known = person.fields
        for field_name, value in fields.items():
            if value is not None and known.get(field_name) is None:
                known[field_name] = neutralise(value) if isinstance(value, str) else value
        if url is not None:
            self.by_url.setdefault(url, found)
        if email is not None:
            self.by_email.setdefault(email, found)
        if name_key is not None:
            self.by_name.setdefault(name_key, set()).add(found)
        return found, how


def merge(
    results: Sequence[FileResult], owner: OwnerKeys
) -> tuple[pl.DataFrame, pl.DataFrame, MatchRates]:
    """CONTACTS, EVENTS and the match rates of event counterparts against the owner's network."""
    directory = _Directory(owner)
    frames_with_people = [
        r.people.with_columns(pl.lit(number, pl.Int32).alias("_file"))
        for number, r in enumerate(results)
        if r.people.height
    ]
    people = pl.concat(frames_with_people) if frames_with_people else None
    if people is not None and people.height:
        # Connections first, so address-book entries and counterparts attach to them.
        people = people.sort("in_network", descending=True, maintain_order=True)
        # Plain tuples in a fixed column order: a dict per row is slow for 46,000 rows.
        fields = ("first_name", "last_name", "full_name", "company", "position", "connected_on")
        rows = people.select("url", "email", "in_network", "source", "_file", *fields)
        for url, email, in_network, source, file, *values in rows.iter_rows():
            directory.add(
                url,
                normalise_email(email),
                normalise_name(values[2]),
                dict(zip(fields, values, strict=True)),
                in_network=bool(in_network),
                source=source,
                file=file,
            )
    network = {cid for cid, person in directory.people.items() if person.in_network}
    frames = [r.events for r in results if r.events.height]
    rates = {"url": 0, "email": 0, "name": 0, "unmatched": 0}
    if frames:
        events = pl.concat(frames)
        mention = ["url", "email", "name", "source"]
        key_expr = pl.concat_str(
            [pl.col(c).cast(pl.String).fill_null("") for c in mention], separator=_KEY
        ).alias("_key")
        # Each row is tied to its mention by a 64-bit hash of the four columns (a string key per
        # row would cost ~200 MB on 1.4M events); the distinct mentions are few, so a hash
        # collision between two of them is checked for, and falls back to the string key.
        hashed = events.select(pl.struct(mention).hash().alias("_h"))
        distinct = events.select(mention).with_columns(hashed.get_column("_h")).unique(mention)
        if distinct.get_column("_h").is_duplicated().any():
            hashed = events.select(key_expr.alias("_h"))
            distinct = events.select(mention).with_columns(hashed.get_column("_h")).unique("_h")
        distinct = distinct.with_columns(key_expr)
        mentions = distinct.select(*mention, "_key").unique("_key").sort("_key")
        ids: dict[str, str | None] = {}
        counted: set[tuple[str | None, str | None, str | None]] = set()
        for url, email, name, source, key_value in mentions.iter_rows():
            url_n, email_n, name_n = (
                normalise_url(url),
                normalise_email(email),
                normalise_name(name),
            )
            before, how = directory.find(url_n, email_n, name_n)
            cid, _ = directory.add(
                url_n, email_n, name_n, {"full_name": name}, in_network=False, source=source
            )
            ids[key_value] = cid
            identity = (url_n, email_n, name_n)
            if cid is not None and identity not in counted:
                counted.add(identity)
                rates[how if before in network else "unmatched"] += 1
        mapping = pl.DataFrame(
            {"_key": list(ids), "contact_id": list(ids.values())},
            schema={"_key": pl.String, "contact_id": pl.String},
        )
        by_hash = distinct.join(mapping, on="_key", how="left").select("_h", "contact_id")
        contact = hashed.join(by_hash, on="_h", how="left", maintain_order="left")
        del hashed
        events = events.select(
            (
                contact.get_column("contact_id")
                if name == "contact_id"
                else pl.col(name)
                if name in events.columns
                else pl.lit(None)
            )
            .cast(pl.Categorical if name == "thread_id" else dtype)
            .alias(name)
            for name, dtype in EVENTS.items()
        )
        del contact
        if events.get_column("contact_id").null_count():
            # The owner's own mentions resolve to no contact (a filter copies every column).
            events = events.filter(pl.col("contact_id").is_not_null())
        # Thread ids become text once, after the gather (categoricals sort as their text).
        events = _sorted_events(events).with_columns(pl.col("thread_id").cast(pl.String))
    else:
        events = pl.DataFrame(schema=EVENTS)
    contacts = _contacts_frame(directory)
    return (
        contacts,
        events,
        MatchRates(rates["url"], rates["email"], rates["name"], rates["unmatched"]),
    )


_EVENT_ORDER = ("at", "contact_id", "kind", "direction", "source", "thread_id", "length")


def _sorted_events(events: pl.DataFrame) -> pl.DataFrame:
    """`events` sorted by `_EVENT_ORDER` (nulls last), gathered once.

    Sorting 1.4M rows on seven keys, five of them strings, is slow; most timestamps are unique,
    so rows are ordered by time alone and only the rows sharing a timestamp (a message to a
    group: one event per recipient) are ordered by every key. Rows equal on every key are equal
    in every column, so the result is that of a full sort.
    """
    order = events.select(pl.arg_sort_by("at", nulls_last=True, maintain_order=True)).to_series()
    tied = events.get_column("at").gather(order).is_duplicated()
    if tied.any():
        tied_rows = order.filter(tied)
        within = (
            events.select(_EVENT_ORDER)[tied_rows]
            .select(pl.arg_sort_by(_EVENT_ORDER, nulls_last=True))
            .to_series()
        )
        order = order.scatter(tied.arg_true(), tied_rows.gather(within))
    return events[order]


def _contacts_frame(directory: _Directory) -> pl.DataFrame:
    """CONTACTS built column by column (row dicts are slow for 30,000 people)."""
    people = [directory.people[cid] for cid in sorted(directory.people)]

    def field_values(name: str) -> list[object]:
        return [person.fields.get(name) for person in people]

    connected: list[object] = [
        value if person.in_network and isinstance(value, date) else None
        for person, value in zip(people, field_values("connected_on"), strict=True)
    ]
    columns: dict[str, list[object]] = {
        "contact_id": [person.contact_id for person in people],
        "first_name": field_values("first_name"),
        "last_name": field_values("last_name"),
        "full_name": field_values("full_name"),
        "profile_url": [person.url for person in people],
        "email": [person.email for person in people],
        "company": field_values("company"),
        "position": field_values("position"),
        "connected_on": connected,
        "in_network": [person.in_network for person in people],
    }
    # A list column built from Python lists costs ~1 s for 30,000 people; built flat and
    # grouped it is ~100× cheaper. Every person has at least one source.
    owners: list[int] = []
    sources: list[str] = []
    for number, person in enumerate(people):
        found = sorted(person.sources)
        owners.extend([number] * len(found))
        sources.extend(found)
    grouped = (
        pl.DataFrame(
            {"_n": owners, "sources": sources}, schema={"_n": pl.UInt32, "sources": pl.String}
        )
        .group_by("_n", maintain_order=True)
        .agg("sources")
    )
    frame = pl.DataFrame(columns, schema={name: CONTACTS[name] for name in columns})
    return frame.with_columns(grouped.get_column("sources")).select(CONTACTS.names())
