"""People resolved one mention at a time: the merge rules in their plain, order-dependent form.

`merge` resolves most people in bulk (`merge_bulk`); the people whose mentions could interact
(namesakes, a shared e-mail, a profile seen without its URL) go through this directory in the
order the merge rules fix, mention by mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from netscan.ingest.identity import make_contact_id, namesake_id, neutralise
from netscan.ingest.owner import OwnerKeys
from netscan.model import CONTACTS


@dataclass
class Person:
    contact_id: str
    url: str | None
    email: str | None
    name_key: str | None
    fields: dict[str, object]
    in_network: bool
    sources: set[str] = field(default_factory=set)
    # The files (results) whose rows listed this person: a name never joins two rows of one file.
    files: set[int] = field(default_factory=set)


class Directory:
    """People indexed by URL, e-mail and name while mentions are resolved one by one."""

    def __init__(self, owner: OwnerKeys) -> None:
        self.owner = owner
        self.people: dict[str, Person] = {}
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
            self.people[found] = Person(found, url, email, name_key, {}, in_network)
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


def contacts_frame(directory: Directory) -> pl.DataFrame:
    """CONTACTS of the directory's people, sorted by id, built column by column."""
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
    # A list column built from Python lists is slow; built flat and grouped it is ~100× cheaper.
    # Every person has at least one source.
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
