"""The one message catalogue of netscan: every user-facing sentence goes through here.

Templates (via the Jinja environment), the report's Python code, the diagnosis findings, the
tie `reasons` sentence and the Dunbar flags all call `gettext` / `ngettext` from this module, so
one installed catalogue translates all of them. Msgids are English, so English needs no catalogue
at all; the compiled `en` catalogue ships so a missing file is noticed early. A test or a future
``--lang`` installs another catalogue with `use_translations`.

Strings kept in data tables (goal term labels, goal texts) are marked with `N_`, a no-op that
only tells `pybabel extract` about them; they are translated where they are shown.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from gettext import NullTranslations
from pathlib import Path

from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT_LOCALE = "en"
DOMAIN = "messages"

# A context variable rather than a plain global: a catalogue installed in one thread or task
# does not leak into another, and the context manager restores exactly what was there.
_ACTIVE: ContextVar[NullTranslations | None] = ContextVar("netscan_translations", default=None)


@functools.cache
def translations(locale: str = DEFAULT_LOCALE) -> Translations:
    """The compiled Babel catalogue for `locale` from netscan/locale/ (English ships)."""
    loaded = Translations.load(str(LOCALE_DIR), locales=[locale], domain=DOMAIN)
    if not isinstance(loaded, Translations):
        # Babel returns NullTranslations when the .mo is missing; English still reads correctly
        # because every msgid is the English text, so wrap it rather than fail.
        return Translations()
    return loaded


def active() -> NullTranslations:
    """The catalogue in use: the installed one, else the default locale's."""
    installed = _ACTIVE.get()
    return installed if installed is not None else translations()


@contextmanager
def use_translations(catalogue: NullTranslations) -> Iterator[NullTranslations]:
    """Translate every message with `catalogue` inside the block, then restore the previous one."""
    token = _ACTIVE.set(catalogue)
    try:
        yield catalogue
    finally:
        _ACTIVE.reset(token)


def gettext(message: str) -> str:
    """Translate one user-facing message (English msgid) with the active catalogue."""
    return str(active().gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose wording depends on the count `n` (singular/plural forms)."""
    return str(active().ngettext(singular, plural, n))


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it (translate it where it is shown)."""
    return message
