"""Text from an export made safe to show: no invisible or direction-changing characters.

A name like "Ann\u202eeB" (a right-to-left override) displays reversed, and a zero-width space
makes two different names look identical; a control character (ESC) can rewrite a terminal.
`visible_text` removes them from what the report and the terminal show. The data outputs (JSON,
ties table) keep the values as read.
"""

from __future__ import annotations

import re

# Unicode's format characters (general category Cf): bidi embeddings, overrides, isolates and
# marks, zero-width space and joiners, word joiner, invisible operators, BOM, soft hyphen, tags.
# tests/test_invisible.py checks this list against unicodedata for every code point.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# Control characters (Cc) other than tab and newline, which the templates and terminal handle.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_JOINERS = "\u200c\u200d"
_REMOVE = re.compile(f"[{_CONTROL}{_FORMAT}]")
_LINE_BREAKS = re.compile("[\u2028\u2029]")


def _keep_joiners(text: str) -> str:
    # Zero-width (non-)joiners are letters' business in Persian, Indic scripts and emoji
    # sequences: keep one only between two non-ASCII characters, where it shapes the text.
    kept: list[str] = []
    for index, char in enumerate(text):
        if char in _JOINERS:
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            if not (before > "\x7f" and after > "\x7f" and before not in _JOINERS
                    and after not in _JOINERS):
                continue
        kept.append(char)
    return "".join(kept)


def visible_text(text: str) -> str:
    """`text` without control, bidi and zero-width characters (joiners kept inside scripts)."""
    # Everything removed or replaced below is a control, format or line/paragraph separator
    # character, and str.isprintable() is False for all three: a printable text is clean.
    if text.isprintable():
        return text
    # Everything else first, so a joiner is judged by the characters that stay beside it.
    cleaned = _REMOVE.sub(lambda match: match.group() if match.group() in _JOINERS else "", text)
    if any(char in _JOINERS for char in cleaned):
        cleaned = _keep_joiners(cleaned)
    return _LINE_BREAKS.sub(" ", cleaned)
