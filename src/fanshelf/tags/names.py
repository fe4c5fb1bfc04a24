"""Tag names: how a typed name is cleaned and checked, and how relationship names are read.

A name passes the archive's one name normalisation (core.text.clean_name: NFKC, no control or
invisible characters, one space between words); it may not contain the characters AO3 refuses
(commas separate tags; the rest break search syntax) nor words disguised with look-alike letters
of another script."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError

from fanshelf.analysis.packfile import FORBIDDEN_TAG_CHARACTERS, relationship_parts
from fanshelf.core import text as core_text

_SEPARATORS = re.compile("[,，]")
clean_name = core_text.clean_name
fold = core_text.fold


def check_name(name: str, *, label: str = "Tag") -> str:
    """The cleaned name, or a ValidationError saying what is wrong with it."""
    name = clean_name(name)
    if not name:
        raise ValidationError(f"{label} names can't be empty.", code="empty")
    limit = settings.FANSHELF_TAG_NAME_MAX_LENGTH
    if len(name) > limit:
        raise ValidationError(
            f"{label} “{name[:40]}…” is {len(name)} characters long; the limit is {limit}.",
            code="too_long",
        )
    bad = sorted({c for c in name if c in FORBIDDEN_TAG_CHARACTERS})
    if bad:
        shown = " ".join(bad)
        raise ValidationError(
            f"{label} “{name}” contains {shown}; tag names can't contain , ^ * < > {{ }} = ` \\ "
            "or a full-width comma.",
            code="forbidden_character",
        )
    disguised = core_text.lookalike_words(name)
    if disguised:
        raise ValidationError(
            f"{label} “{name}” mixes letters of different alphabets in “{disguised[0]}” "
            "(for example a Cyrillic letter that looks like a Latin one); type it in one alphabet.",
            code="lookalike",
        )
    return name


def split_names(text: str) -> list[str]:
    """The names in a comma-separated field, cleaned, without empties or repeats (the first
    spelling wins)."""
    names: list[str] = []
    seen: set[str] = set()
    for piece in _SEPARATORS.split(text or ""):
        name = clean_name(piece)
        if name and fold(name) not in seen:
            seen.add(fold(name))
            names.append(name)
    return names


def parse_relationship(name: str) -> tuple[bool, tuple[str, ...]] | None:
    """(romantic, character names) of "A/B" (romantic) or "A & B" (platonic); None when the
    name is not a relationship between named characters."""
    try:
        return relationship_parts(name)
    except ValueError:
        return None


def relationship_name(characters: list[str] | tuple[str, ...], *, romantic: bool) -> str:
    """The canonical spelling: names in alphabetical order, joined by "/" or " & "."""
    ordered = sorted(characters, key=str.casefold)
    return ("/" if romantic else " & ").join(ordered)
