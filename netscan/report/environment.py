"""The single Jinja environment that renders every netscan page.

Templates live in the top-level ``templates/`` folder of a source checkout and ship inside the
wheel as ``netscan/templates`` (hatch force-include); the loader tries the installed location
first. Autoescape is on for every HTML template and undefined variables raise, so a typo in a
template fails a test instead of printing an empty string.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)

from netscan import l10n

# The catalogue lives in netscan.i18n (one catalogue, one active locale for templates and
# findings); these names stay importable from here for the report's code and its tests.
from netscan.i18n import DEFAULT_LOCALE as DEFAULT_LOCALE
from netscan.i18n import LOCALE_DIR as LOCALE_DIR
from netscan.i18n import gettext as gettext
from netscan.i18n import ngettext as ngettext
from netscan.i18n import translations as translations

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def template_dirs() -> tuple[Path, ...]:
    """The folders that may hold the templates, installed location first."""
    installed = _PACKAGE_DIR / "templates"
    checkout = _PACKAGE_DIR.parent / "templates"
    return tuple(path for path in (installed, checkout) if path.is_dir())


def _loader() -> BaseLoader:
    return ChoiceLoader([FileSystemLoader(str(path)) for path in template_dirs()])


def fmt_pct(value: float | None, digits: int = 0) -> str:
    """0.4213 -> '42%' for the active locale; None -> an en dash (a value the export lacks)."""
    return l10n.percent(value, digits)


def fmt_num(value: float | int | None, digits: int = 0) -> str:
    """Grouped for the active locale ('1,383' / '1.383'); floats rounded to `digits`."""
    return l10n.number(value, digits)


def fmt_date(value: date | None) -> str:
    """A day for the active locale (ISO in English, '15 okt 2026' in Dutch); None -> a dash."""
    return l10n.day(value)


def fmt_days(value: int | None) -> str:
    """A day count as a human duration: '12 days', '5 months', '3.2 years'."""
    if value is None:
        return "–"
    if value < 60:
        return ngettext("%(num)d day", "%(num)d days", value) % {"num": value}
    if value < 730:
        months = round(value / 30.44)
        return ngettext("%(num)d month", "%(num)d months", months) % {"num": months}
    years = round(value / 365.25)
    return ngettext("%(num)d year", "%(num)d years", years) % {"num": years}


def fmt_years(value: float) -> str:
    """Years as people say them: 0.4 → '5 months', 11.1 → '11 years', 1.0 → '1 year'."""
    if value < 2:
        months = round(value * 12)
        return ngettext("%(num)d month", "%(num)d months", months) % {"num": months}
    years = round(value)
    return ngettext("%(num)d year", "%(num)d years", years) % {"num": years}


@functools.cache
def environment() -> Environment:
    """The shared Environment: autoescape, StrictUndefined, i18n and the display filters."""
    env = Environment(
        loader=_loader(),
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "xml", "j2"), default_for_string=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Callables, not a catalogue object: they look up the active catalogue on every call, so
    # `netscan.i18n.use_translations` also switches this cached environment.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=gettext, ngettext=ngettext, newstyle=True
    )
    env.filters.update(pct=fmt_pct, num=fmt_num, date=fmt_date, days=fmt_days)
    return env


def template_source(name: str) -> str:
    """The raw text of a file in the templates folder (a script inlined verbatim and hashed)."""
    source, _filename, _uptodate = environment().loader.get_source(  # type: ignore[union-attr]
        environment(), name
    )
    return source
