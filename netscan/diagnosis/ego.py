"""What the diagnosis needs to know about the owner: the current job, employer, function, rank."""

from __future__ import annotations

from datetime import date

from netscan.companies import company_key
from netscan.diagnosis.taxonomy import UNKNOWN, infer_function, infer_seniority
from netscan.model import Owner, Position


def current_position(owner: Owner) -> Position | None:
    """The owner's current job (no end date, latest start), else the most recently ended one."""
    if not owner.positions:
        return None
    current = [p for p in owner.positions if p.finished is None]
    pool = current or list(owner.positions)
    return max(
        pool,
        key=lambda p: (p.started or date.min, p.finished or date.max, p.company, p.title),
    )


def owner_employer(owner: Owner) -> str:
    """The owner's current employer, normalised (see `company_key`); "" when unknown."""
    position = current_position(owner)
    return company_key(position.company) if position else ""


def owner_function(owner: Owner) -> str:
    """The owner's job family from the current title (or headline), else ``unknown``."""
    position = current_position(owner)
    title = position.title if position else owner.headline
    return infer_function(title) if title else UNKNOWN


def owner_seniority(owner: Owner) -> str:
    """The owner's seniority band from the current title (or headline), else ``unknown``."""
    position = current_position(owner)
    title = position.title if position else owner.headline
    return infer_seniority(title) if title else UNKNOWN
