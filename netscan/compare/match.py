"""Match the people of two exports with the merge's identity rules, and check the owner.

A person in NEW is the person in OLD with the same normalised profile URL, else the same
e-mail, else the same normalised name — a name only when exactly one OLD person has it and the
two do not carry different profile URLs (as `netscan.ingest.merge` does within one export), so
namesakes with their own profiles never merge. Employer and title play no part: someone who
moved is still the same person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netscan.errors import NetscanError
from netscan.i18n import gettext
from netscan.ingest.identity import normalise_email, normalise_name, normalise_url
from netscan.model import Owner


@dataclass(frozen=True, slots=True)
class Key:
    """The identity keys of one person (already normalised; None when absent)."""

    url: str | None
    email: str | None
    name: str | None

    @classmethod
    def of(cls, url: str | None, email: str | None, name: str | None) -> Key:
        """The normalised keys of raw values."""
        return cls(normalise_url(url), normalise_email(email), normalise_name(name))


def match_people(old: Sequence[Key], new: Sequence[Key]) -> dict[int, tuple[int, str]]:
    """NEW index → (OLD index, how: ``url``/``email``/``name``); each OLD person used once.

    Every NEW person is tried by URL first, then every remaining one by e-mail, then by name,
    so a URL match is never taken away by an earlier person's name match.
    """
    by_url: dict[str, int] = {}
    by_email: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}
    for index, key in enumerate(old):
        if key.url is not None:
            by_url.setdefault(key.url, index)
        if key.email is not None:
            by_email.setdefault(key.email, index)
        if key.name is not None:
            by_name.setdefault(key.name, []).append(index)
    found: dict[int, tuple[int, str]] = {}
    used: set[int] = set()
    for how in ("url", "email", "name"):
        for index, key in enumerate(new):
            if index in found:
                continue
            candidate: int | None = None
            if how == "url" and key.url is not None:
                candidate = by_url.get(key.url)
            elif how == "email" and key.email is not None:
                candidate = by_email.get(key.email)
            elif how == "name" and key.name is not None:
                namesakes = by_name.get(key.name, [])
                if len(namesakes) == 1:
                    other = old[namesakes[0]]
                    if key.url is None or other.url is None or key.url == other.url:
                        candidate = namesakes[0]
            if candidate is not None and candidate not in used:
                used.add(candidate)
                found[index] = (candidate, how)
    return found


def check_same_owner(old: Owner, new: Owner, old_paths: str, new_paths: str) -> str | None:
    """Raise when the two exports are of different people; a warning when it cannot tell.

    Owners are the same when their profile URLs match (both known) or else their normalised
    names match. Returns a warning sentence when neither is known on both sides, else None.
    """
    old_url, new_url = normalise_url(old.profile_url), normalise_url(new.profile_url)
    if old_url is not None and new_url is not None:
        same = old_url == new_url
    else:
        old_name, new_name = normalise_name(old.name), normalise_name(new.name)
        if old_name is None or new_name is None:
            return gettext(
                "Could not tell whose exports %(old)s and %(new)s are (no owner name in one of "
                "them); compared as if they were the same person's."
            ) % {"old": old_paths, "new": new_paths}
        same = old_name == new_name
    if not same:
        raise NetscanError(
            f"{old_paths} belongs to {old.name or 'an unnamed owner'} and {new_paths} to "
            f"{new.name or 'an unnamed owner'}: compare needs two exports of the same person.",
            "Pass two exports downloaded from the same account (use `netscan analyze` for "
            "each person on their own).",
        )
    return None
