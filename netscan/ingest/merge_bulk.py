"""Resolve person mentions to contacts with joins and group_bys, leaving only the hard few to the
one-by-one `Directory`.

The rows (people rows, then event mentions: the order the merge rules fix) are split into
components: rows linked by a profile URL, an e-mail, or a name that some URL-less row carries.
Rows of different components can never match each other. (A name whose every row has a URL never
matches anybody: a name match needs the mention or the person it finds to lack a URL.) Component
keys are hashed; a collision only joins components, and a joined one replays (below).

A component whose rows carry at most one URL, and where every row after the first shares a key
with an earlier row (a name counting only against rows of other files), becomes one person
whatever the rules say in detail: each row finds the person the first one made. Such components,
nearly all of them in a modern export, are resolved in bulk. The others (namesakes, a shared
inbox, a profile seen with and without its URL in an awkward order) replay through `Directory`,
mention by mention, exactly as the rules read.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from netscan.ingest.identity import (
    DISGUISE,
    make_contact_id,
    normalise_email_series,
    normalise_name_series,
    normalise_url_series,
)
from netscan.ingest.merge_directory import Directory, contacts_frame
from netscan.ingest.owner import OwnerKeys
from netscan.model import CONTACTS, MatchRates

FIELDS = ("first_name", "last_name", "full_name", "company", "position", "connected_on")

# One row per person mention, in the order the rules resolve them. Keys as the rules compare them
# (e-mails and names normalised, URLs as the reader gave them); `file` numbers the file of a
# people row; `mention` numbers an event mention (null for people rows).
ROWS = pl.Schema(
    {
        "url": pl.String,
        "email": pl.String,
        "name": pl.String,
        "file": pl.Int32,
        "in_network": pl.Boolean,
        "source": pl.String,
        "first_name": pl.String,
        "last_name": pl.String,
        "full_name": pl.String,
        "company": pl.String,
        "position": pl.String,
        "connected_on": pl.Date,
        "mention": pl.UInt32,
    }
)

# Label propagation joins a component in about as many rounds as its longest chain of links;
# real exports need two or three. A longer chain replays everything one by one instead.
_ROUNDS = 64


# The rank of "no contact": a row of the owner's own, or naming nobody.
NO_CONTACT = np.uint32(2**32 - 1)


@dataclass(frozen=True, slots=True)
class Resolved:
    """CONTACTS (sorted by id); each row's contact as its rank there (`NO_CONTACT`); rates."""

    contacts: pl.DataFrame
    ranks: npt.NDArray[np.uint32]
    rates: MatchRates


def resolve(rows: pl.DataFrame, owner: OwnerKeys) -> Resolved:
    """Resolve `rows` (schema ROWS, in resolution order) to contacts as the merge rules say."""
    rows = rows.with_row_index("_row")
    live = rows.filter(~_owner_or_blank(owner))
    live = live.with_columns(_edge_names(live))
    components = _components(live)
    if components is not None:
        resolved = _resolve(rows.height, live.with_columns(components), owner)
        if resolved is not None:
            return resolved
    # Two ids alike by a hash collision, or a chain too long: every row one by one.
    everything = live.with_columns(pl.lit(None, pl.UInt32).alias("_comp"))
    resolved = _resolve(rows.height, everything, owner)
    assert resolved is not None
    return resolved


def _owner_or_blank(owner: OwnerKeys) -> pl.Expr:
    """Rows `Directory.add` ignores: the owner's own, and those naming nobody."""
    by_name = pl.col("name").is_in(sorted(owner.names)).fill_null(False)
    if owner.url is None:
        own = by_name
    else:
        own = pl.when(pl.col("url").is_not_null()).then(pl.col("url") == owner.url)
        own = own.otherwise(by_name)
    blank = pl.col("url").is_null() & pl.col("email").is_null() & pl.col("name").is_null()
    return own | blank


def _edge_names(live: pl.DataFrame) -> pl.Expr:
    """The name where some row carrying it has no URL (only such a name can ever match).

    An empty URL counts as none: `Directory` keeps a person's URL with `or`, so a person seen
    only with empty URLs may yet lose it and match by name.
    """
    urlless = live.filter(pl.col("url").is_null() | (pl.col("url") == ""))
    names = urlless.get_column("name").drop_nulls().unique()
    return pl.when(pl.col("name").is_in(names.implode())).then(pl.col("name")).alias("_edge")


def _components(live: pl.DataFrame) -> pl.Series | None:
    """A component label per row (rows sharing a URL, e-mail or edge name share a label).

    Keys are grouped by their 64-bit hash: a collision can only join two components, and the
    joined one fails the one-person test (the first row of the second part shares no key with
    the rows before it), so it replays one by one: slower, never different.
    """
    keys = ("url", "email", "_edge")
    codes = live.select(
        pl.when(pl.col(key).is_not_null()).then(_key_code(key)).alias(key) for key in keys
    )
    label = pl.Series("_comp", range(live.height), dtype=pl.UInt32)
    for _ in range(_ROUNDS):
        lowest = codes.with_columns(label).select(
            pl.min_horizontal(
                "_comp",
                *(
                    pl.when(pl.col(key).is_not_null()).then(pl.col("_comp").min().over(key))
                    for key in keys
                ),
            ).alias("_comp")
        )
        # A label is a row of the component; that row's own label may already be lower.
        new = lowest.get_column("_comp").gather(lowest.get_column("_comp"))
        if new.equals(label):
            return label
        label = new
    return None


def _key_code(key: str) -> pl.Expr:
    return pl.col(key).hash()


def _how() -> pl.Expr:
    """How a row finds the person of its component's earlier rows; null when it would not."""
    by_url = pl.col("url").is_not_null() & ~pl.col("url").is_first_distinct()
    by_email = pl.col("email").is_not_null() & ~pl.col("email").is_first_distinct()
    # A name never joins two rows of one file.
    other_file = pl.col("file").is_null() | pl.struct("_comp", "file").is_first_distinct()
    by_name = pl.col("_edge").is_not_null() & ~pl.col("_edge").is_first_distinct() & other_file
    return (
        pl.when(by_url)
        .then(pl.lit("url"))
        .when(by_email)
        .then(pl.lit("email"))
        .when(by_name)
        .then(pl.lit("name"))
        .alias("_how")
    )


def _resolve(height: int, live: pl.DataFrame, owner: OwnerKeys) -> Resolved | None:
    """Bulk for one-person components (`_comp` null: none), the rest one by one; None when two
    contact ids collide (the one-by-one numbering of namesakes would then differ)."""
    live = live.with_columns(
        _how(),
        pl.col("_comp").is_first_distinct().alias("_first"),
        (pl.col("url").is_not_null() & pl.col("url").is_first_distinct()).alias("_new_url"),
    )
    # Components with a row that would not find the person, or with a second URL, or with an
    # empty URL (no reader writes one; `Directory` lets the next row's URL replace it).
    stray = live.filter(
        (~pl.col("_first") & pl.col("_how").is_null()) | (pl.col("url") == "")
    ).get_column("_comp")
    urls = live.filter(pl.col("_new_url")).get_column("_comp")
    mixed = pl.concat([stray, urls.filter(urls.is_duplicated())])
    network = live.filter(pl.col("in_network")).get_column("_comp")
    live = live.with_columns(
        (pl.col("_comp").is_not_null() & ~pl.col("_comp").is_in(mixed.implode())).alias("_bulk"),
        pl.col("_comp").is_in(network.implode()).alias("_network"),
    )
    bulk = live.filter(pl.col("_bulk"))
    people = _bulk_people(bulk)
    directory, rest, rates = _one_by_one(live.filter(~pl.col("_bulk")), owner)
    rates.update(_bulk_rates(bulk))
    replayed = contacts_frame(directory).select(pl.lit(None, pl.UInt32).alias("_comp"), pl.all())
    contacts = pl.concat([people, replayed])
    if contacts.get_column("contact_id").is_duplicated().any():
        return None
    contacts = contacts.sort("contact_id").with_row_index("_rank")
    found = [
        bulk.select("_row", "_comp").join(contacts.select("_comp", "_rank"), on="_comp"),
        rest.join(contacts.select("contact_id", "_rank"), on="contact_id").select("_row", "_rank"),
    ]
    ranks = np.full(height, NO_CONTACT, dtype=np.uint32)
    for part in found:
        ranks[part.get_column("_row").to_numpy()] = part.get_column("_rank").to_numpy()
    return Resolved(
        contacts.select(CONTACTS.names()),
        ranks,
        MatchRates(rates["url"], rates["email"], rates["name"], rates["unmatched"]),
    )


def _bulk_people(bulk: pl.DataFrame) -> pl.DataFrame:
    """CONTACTS of one-person components, with their `_comp`."""
    first_set = [pl.col(name).drop_nulls().first() for name in FIELDS]
    people = bulk.group_by("_comp", maintain_order=True).agg(
        # The person is made by the first row, named by its keys; later rows fill in the gaps.
        pl.col("url").first().alias("_url"),
        pl.col("email").first().alias("_email"),
        pl.col("name").first().alias("_name"),
        pl.col("url").drop_nulls().first().alias("profile_url"),
        pl.col("email").drop_nulls().first(),
        *first_set,
        pl.col("in_network").any(),
    )
    # Sorted once over all rows rather than one small list per person.
    sources = (
        bulk.select("_comp", pl.col("source").alias("sources"))
        .unique()
        .sort("_comp", "sources")
        .group_by("_comp", maintain_order=True)
        .agg("sources")
    )
    people = people.join(sources, on="_comp", how="left", maintain_order="left")
    people = people.with_columns(
        _contact_ids(people).alias("contact_id"),
        *(_neutralised(name) for name in FIELDS if people.schema[name] == pl.String),
        pl.when(pl.col("in_network")).then(pl.col("connected_on")).alias("connected_on"),
    )
    return people.select("_comp", *CONTACTS.names())


def _neutralised(name: str) -> pl.Expr:
    """`identity.neutralise` on a String column."""
    return pl.col(name).str.replace_all(DISGUISE.pattern, "").alias(name)


def _contact_ids(people: pl.DataFrame) -> pl.Series:
    """`make_contact_id` of each person's first keys (names normalised only where needed)."""
    url = normalise_url_series(people.get_column("_url"))
    email = normalise_email_series(people.get_column("_email"))
    bare = people.select(pl.when(url.is_null() & email.is_null()).then(pl.col("_name"))).to_series()
    name = normalise_name_series(bare)
    keys = pl.select(
        pl.when(url.is_not_null())
        .then(pl.lit("u"))
        .when(email.is_not_null())
        .then(pl.lit("e"))
        .when(name.is_not_null())
        .then(pl.lit("n"))
        .alias("prefix"),
        pl.coalesce(url, email, name).alias("key"),
    )
    if keys.get_column("key").null_count():
        make_contact_id(None, None, None)  # raises, as the one-by-one path would
    sha1 = hashlib.sha1
    digests = [sha1(key).hexdigest()[:12] for key in keys["key"].cast(pl.Binary).to_list()]
    return keys.select(
        pl.concat_str("prefix", pl.lit(":"), pl.Series(digests, dtype=pl.String))
    ).to_series()


def _bulk_rates(bulk: pl.DataFrame) -> Counter[str]:
    """Match rates of the event mentions of one-person components, one count per identity.

    A mention counts as matched when its person existed before it (it is not the component's
    first row) and is in the network; how it matched is how it found that person.
    """
    counted = (
        bulk.filter(pl.col("mention").is_not_null())
        .filter(pl.struct("url", "email", "name").is_first_distinct())
        .select(
            pl.when(pl.col("_first") | ~pl.col("_network"))
            .then(pl.lit("unmatched"))
            .otherwise(pl.col("_how"))
        )
        .to_series()
    )
    return Counter(counted.to_list())


def _one_by_one(
    rows: pl.DataFrame, owner: OwnerKeys
) -> tuple[Directory, pl.DataFrame, Counter[str]]:
    """`rows` through `Directory`: (the directory, (row, contact id) per row, match rates)."""
    directory = Directory(owner)
    numbers: list[int] = []
    ids: list[str | None] = []
    people = rows.filter(pl.col("mention").is_null())
    columns = ("_row", "url", "email", "name", "file", "in_network", "source", *FIELDS)
    for number, url, email, name, file, in_network, source, *values in people.select(
        columns
    ).iter_rows():
        found, _ = directory.add(
            url,
            email,
            name,
            dict(zip(FIELDS, values, strict=True)),
            in_network=bool(in_network),
            source=source,
            file=file,
        )
        numbers.append(number)
        ids.append(found)
    network = {cid for cid, person in directory.people.items() if person.in_network}
    rates: Counter[str] = Counter()
    counted: set[tuple[str | None, str | None, str | None]] = set()
    mentions = rows.filter(pl.col("mention").is_not_null())
    for number, url, email, name, source, full_name in mentions.select(
        "_row", "url", "email", "name", "source", "full_name"
    ).iter_rows():
        before, how = directory.find(url, email, name)
        found, _ = directory.add(
            url, email, name, {"full_name": full_name}, in_network=False, source=source
        )
        numbers.append(number)
        ids.append(found)
        identity = (url, email, name)
        if found is not None and identity not in counted:
            counted.add(identity)
            rates[how if before in network else "unmatched"] += 1
    frame = pl.DataFrame(
        {"_row": numbers, "contact_id": ids}, schema={"_row": pl.UInt32, "contact_id": pl.String}
    )
    return directory, frame, rates
