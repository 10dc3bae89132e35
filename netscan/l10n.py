"""Numbers, percentages, dates and months written for a locale, through Babel (CLDR data).

Every function takes an optional `locale`; without one it formats for the active locale
(`netscan.i18n.active_locale`, set by `use_locale`), so report code and diagnosis sentences call
them the same way in every language. A value the export does not hold (None) is an en dash.

The number is rounded by Python first (``f"{value:.2f}"``) and only then laid out by Babel, so
English output is byte for byte what it was before the report spoke Dutch (Babel's half-even
rounding of the decimal string could differ from Python's on the binary float).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from netscan.i18n import active_locale

DASH = "–"

# English dates stay ISO (the report's format before it had a second language: unambiguous);
# every other locale gets CLDR's medium date, e.g. Dutch "15 okt 2026".
_DATE_PATTERN = {"en": "yyyy-MM-dd"}
_MONTH_PATTERN = "MMM y"


def _locale(locale: str | None) -> str:
    return locale or active_locale()


def _pattern(digits: int, grouping: bool = True) -> str:
    return ("#,##0" if grouping else "0") + ("." + "0" * digits if digits > 0 else "")


def number(
    value: float | int | None, digits: int = 0, locale: str | None = None, *,
    grouping: bool = True,
) -> str:
    """1383 → '1,383' (en) / '1.383' (nl); floats rounded to `digits`; None → an en dash.

    An int is written whole whatever `digits` says; pass a float to get decimals.
    """
    if value is None:
        return DASH
    if isinstance(value, bool):
        value = int(value)
    return _number(value, digits, _locale(locale), grouping)


# A report writes thousands of numbers, mostly the same few counts; Babel takes ~40 µs for each.
# `typed`: 1 and 1.0 are equal keys but are written differently.
@functools.lru_cache(maxsize=16_384, typed=True)
def _number(value: float | int, digits: int, locale: str, grouping: bool) -> str:
    from babel.numbers import format_decimal

    if isinstance(value, int):
        return str(format_decimal(value, format=_pattern(0, grouping), locale=locale))
    rounded = Decimal(f"{value:.{digits}f}")
    return str(format_decimal(rounded, format=_pattern(digits, grouping), locale=locale))


def signed(value: float | int | None, digits: int = 0, locale: str | None = None) -> str:
    """A change with its sign: +0.12 / -0.05 (en), +0,12 / -0,05 (nl); zero gets a plus."""
    if value is None:
        return DASH
    text = number(value, digits, locale)
    return text if text.startswith(("-", "\u2212")) else "+" + text


@functools.cache
def _percent_pattern(locale: str, digits: int) -> str:
    from babel import Locale

    standard = str(Locale.parse(locale).percent_formats[None].pattern).split(";")[0]
    return standard.replace("#,##0", _pattern(digits), 1).replace(",", "", 1)


def percent(value: float | None, digits: int = 0, locale: str | None = None) -> str:
    """0.125 → '13%' (en) / '13%' (nl), or with one digit '12.5%' / '12,5%'; None → a dash."""
    if value is None:
        return DASH
    return _percent(value, digits, _locale(locale))


@functools.lru_cache(maxsize=16_384, typed=True)
def _percent(value: float, digits: int, locale: str) -> str:
    from babel.numbers import format_percent

    rounded = Decimal(f"{value * 100:.{digits}f}") / 100
    return str(format_percent(rounded, format=_percent_pattern(locale, digits), locale=locale))


def day(value: date | None, locale: str | None = None) -> str:
    """A calendar day: ISO in English ('2026-10-15'), CLDR medium elsewhere ('15 okt 2026')."""
    if value is None:
        return DASH
    from babel.dates import format_date

    loc = _locale(locale)
    return str(format_date(value, _DATE_PATTERN.get(loc, "medium"), locale=loc))


def month(value: date, locale: str | None = None) -> str:
    """A month and year: 'Mar 2024' (en), 'mrt 2024' (nl)."""
    from babel.dates import format_date

    return str(format_date(value, _MONTH_PATTERN, locale=_locale(locale)))


@functools.cache
def month_names(locale: str) -> tuple[str, ...]:
    """The twelve abbreviated month names of `locale`, January first (for polars mapping)."""
    from babel.dates import get_month_names

    names = get_month_names("abbreviated", locale=locale)
    return tuple(str(names[index]) for index in range(1, 13))


@functools.cache
def separators(locale: str) -> str:
    """Plotly's `layout.separators` for `locale`: the decimal mark, then the group mark."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return f"{get_decimal_symbol(locale)}{get_group_symbol(locale)}"


def quarter(label: str, locale: str | None = None) -> str:
    """A quarter '2025 Q3' for a reader: as is in English, CLDR's abbreviation else ('2025 K3')."""
    loc = _locale(locale)
    if loc == "en":
        return label
    from babel.dates import format_date

    year, _sep, number_ = label.partition(" Q")
    return str(format_date(date(int(year), 3 * int(number_) - 2, 1), "yyyy QQQ", locale=loc))


def join(items: Sequence[str]) -> str:
    """Items for a running sentence: 'a, b, c'; with semicolons when an item holds a comma.

    Several of the column's Dutch goal labels hold a comma themselves ("behulpzaamheid, mensen
    met elkaar in contact brengen"), so a comma-joined list of them reads as more items than
    there are.
    """
    separator = "; " if any("," in item for item in items) else ", "
    return separator.join(items)
