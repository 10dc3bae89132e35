"""The catalogues keep up with the code: every message in netscan/ and templates/ is translated.

Babel's own extractor runs over the source tree with babel.cfg (the same run as `pybabel extract`
in docs/translating.md), so a new `_()` / `ngettext` / `N_` / `{% trans %}` that is missing from a
catalogue, or left empty or fuzzy there, fails here. The compiled .mo files must be what the .po
files compile to, so a forgotten `pybabel compile` fails too.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from netscan.i18n import LOCALE_DIR, SUPPORTED_LOCALES

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = [locale for locale in SUPPORTED_LOCALES if locale != "en"]

MessageId = str | tuple[str, ...]


def _key(message_id: str | tuple[str, ...] | list[str]) -> MessageId:
    return message_id if isinstance(message_id, str) else tuple(message_id)


@pytest.fixture(scope="module")
def extracted() -> dict[MessageId, list[str]]:
    """Every msgid in the code and templates, with where it was found."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found: dict[MessageId, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        if isinstance(message, tuple):
            message = tuple(m for m in message if m is not None)
            message = message[0] if len(message) == 1 else message
        found.setdefault(_key(message), []).append(f"{filename}:{lineno}")
    return found


def _catalogue(locale: str) -> Catalog:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def test_the_extractor_sees_code_templates_and_data_tables(
    extracted: dict[MessageId, list[str]],
) -> None:
    assert "Your goals" in extracted  # a template
    assert "Fits" in extracted  # report code
    assert "strong ties (Dunbar's inner 5)" in extracted  # an N_-marked goal term
    assert ("%(num)d day", "%(num)d days") in extracted  # ngettext
    assert len(extracted) > 300


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_message_has_a_translation(
    locale: str, extracted: dict[MessageId, list[str]]
) -> None:
    catalogue = _catalogue(locale)
    entries = {_key(m.id): m for m in catalogue if m.id}
    missing = {mid: where[0] for mid, where in extracted.items() if mid not in entries}
    assert missing == {}, "run the update in docs/translating.md and translate these"
    empty = [mid for mid in extracted
             if not all(s.strip() for s in _strings(entries[mid].string))]
    fuzzy = [mid for mid in extracted if entries[mid].fuzzy]
    assert empty == []
    assert fuzzy == []
    assert catalogue.plural_forms == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_translations_keep_every_placeholder(locale: str) -> None:
    problems = [(m.id, [str(e) for e in errors]) for m, errors in _catalogue(locale).check()]
    assert problems == []


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_the_compiled_catalogue_is_the_po_compiled(locale: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalogue(locale))
    shipped = (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.mo").read_bytes()
    assert shipped == compiled.getvalue(), f"run: pybabel compile -d netscan/locale -l {locale}"


def test_the_template_lists_every_message(extracted: dict[MessageId, list[str]]) -> None:
    with (LOCALE_DIR / "messages.pot").open("rb") as handle:
        pot = {_key(m.id) for m in read_po(handle) if m.id}
    assert sorted(map(str, set(extracted) - pot)) == []


def _strings(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def test_the_dutch_goal_labels_are_the_columns_own() -> None:
    from netscan.diagnosis.catalogue import GOALS
    from netscan.i18n import gettext, use_locale

    with use_locale("nl"):
        assert {g.id: gettext(g.label_en) for g in GOALS} == {g.id: g.label_nl for g in GOALS}


def test_supported_locales_are_the_shipped_catalogues() -> None:
    shipped = {p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/messages.mo")}
    assert set(SUPPORTED_LOCALES) == shipped | {"en"}
    assert SUPPORTED_LOCALES[0] == "en" and "nl" in SUPPORTED_LOCALES
