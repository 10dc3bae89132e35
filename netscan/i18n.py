"""The one message catalogue of netscan: every user-facing sentence goes through here.

Templates (via the Jinja environment), the report's Python code, the diagnosis findings, the
tie `reasons` sentence and the Dunbar flags all call `gettext` / `ngettext` from this module, so
one installed catalogue translates all of them. Msgids are English, so English needs no catalogue
at all; the compiled `en` catalogue ships so a missing file is noticed early. ``--lang nl`` runs
the pipeline and the report inside `use_locale("nl")`, which installs the Dutch catalogue and
makes the locale the one `netscan.l10n` formats numbers and dates for; a test installs any
catalogue with `use_translations`.

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
# English, plus every locale with a compiled catalogue in netscan/locale/: a new language is a
# catalogue, not code (tests/test_catalogue.py holds each one to completeness).
SUPPORTED_LOCALES: tuple[str, ...] = (
    DEFAULT_LOCALE,
    *sorted(
        path.name for path in LOCALE_DIR.iterdir()
        if path.name != DEFAULT_LOCALE and (path / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
    ),
)

# A context variable rather than a plain global: a catalogue installed in one thread or task
# does not leak into another, and the context manager restores exactly what was there.
_ACTIVE: ContextVar[NullTranslations | None] = ContextVar("netscan_translations", default=None)
_LOCALE: ContextVar[str] = ContextVar("netscan_locale", default=DEFAULT_LOCALE)


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


def active_locale() -> str:
    """The locale numbers and dates are formatted for (``en`` unless `use_locale` says else)."""
    return _LOCALE.get()


@contextmanager
def use_locale(locale: str) -> Iterator[str]:
    """Inside the block, translate with `locale`'s catalogue and format for `locale`.

    When `locale` is already the active one, the installed catalogue stays (a caller's own, such
    as a test's pseudo-locale, is not replaced by the shipped one).
    """
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"unsupported locale {locale!r}; choose one of {SUPPORTED_LOCALES}")
    if locale == active_locale():
        yield locale
        return
    token = _LOCALE.set(locale)
    try:
        with use_translations(translations(locale)):
            yield locale
    finally:
        _LOCALE.reset(token)


def negotiate_locale(accept_language: str | None) -> str:
    """The supported locale a browser's ``Accept-Language`` header prefers, else the default.

    ``"nl-BE,nl;q=0.9,en;q=0.8"`` → ``nl``; ``"de-DE,de"`` → ``en``. Quality values order the
    preferences; Babel matches ``nl-BE`` to ``nl``.
    """
    from babel import Locale

    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, index, tag))
    preferred = [tag for _q, _i, tag in sorted(weighted)]
    chosen = Locale.negotiate(preferred, SUPPORTED_LOCALES, sep="-") if preferred else None
    return str(chosen) if chosen is not None else DEFAULT_LOCALE
