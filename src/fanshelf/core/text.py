"""The one normalisation every text a user gives the archive passes before anything else.

- `clean_text` (any text: story, notes, search words): NUL and other control characters go
  (newline, carriage return and tab stay), and so do stray byte-order marks and Unicode
  non-characters, which XML (Atom feeds, EPUB) can't carry; the rest is put in NFC.
- `clean_name` (titles, tag names, pseuds): as above, then NFKC, so full-width and other
  compatibility look-alikes become the plain letters, invisible format characters (zero-width
  spaces and joiners, bidi overrides and marks) are removed, and runs of spaces become one.
- `fold`: the one case-folding rule. The databases never lower-case names themselves (SQLite only
  folds ASCII, PostgreSQL follows its collation, Python neither); folded keys are computed here
  and stored.
- `lookalike_words`: words that mix scripts with look-alike letters ("Sherlосk" with Cyrillic о),
  which a name must not contain.
"""

from __future__ import annotations

import re
import unicodedata

_KEPT_CONTROLS = {"\n", "\r", "\t"}
_BYTE_ORDER_MARK = "\ufeff"  # a stray one from a file's start; readers never mean it
_SPACES = re.compile(r"\s+")


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _is_dropped(character: str) -> bool:
    if character in _KEPT_CONTROLS:
        return False
    category = unicodedata.category(character)
    return (
        category in ("Cc", "Cs")
        or character == _BYTE_ORDER_MARK
        or _is_noncharacter(ord(character))
    )


def _drop(text: str, dropped) -> str:
    # Most text has nothing to drop: only rebuild the string when it must change.
    if not any(dropped(c) for c in text):
        return text
    return "".join(c for c in text if not dropped(c))


def clean_text(text: str) -> str:
    """Control characters (except newline, carriage return, tab) and non-characters removed;
    NFC."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", _drop(text, _is_dropped))


def _is_dropped_from_name(character: str) -> bool:
    # Format characters (Cf): zero-width spaces and joiners, bidi overrides, soft hyphens.
    return _is_dropped(character) or unicodedata.category(character) == "Cf"


def clean_name(name: str) -> str:
    """A single-line name: clean_text, NFKC, format characters removed, spaces collapsed."""
    if not name:
        return ""
    name = unicodedata.normalize("NFKC", _drop(name, _is_dropped_from_name))
    # NFKC can produce format characters from compatibility forms; drop any again.
    return _SPACES.sub(" ", _drop(name, _is_dropped_from_name)).strip()


def fold(name: str) -> str:
    """The case-insensitive key of a name, the same in Python and in both databases."""
    return unicodedata.normalize("NFKC", clean_name(name).casefold())


# Latin, Greek and Cyrillic share many look-alike letters (a/а/α, o/о/ο, p/р/ρ); a word mixing
# them is a disguise, never a spelling. Other scripts mix with Latin legitimately ("東方Project").
_LOOKALIKE_SCRIPTS = {"LATIN", "GREEK", "CYRILLIC"}
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _script(letter: str) -> str:
    return unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]


def lookalike_words(text: str) -> list[str]:
    """The words of `text` that mix Latin, Greek and Cyrillic letters."""
    found = []
    for word in _LETTER_RUN.findall(text):
        if word.isascii():
            continue
        scripts = {_script(c) for c in word} & _LOOKALIKE_SCRIPTS
        if len(scripts) > 1:
            found.append(word)
    return found
