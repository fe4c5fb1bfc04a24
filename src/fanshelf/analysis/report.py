"""Readable and JSON renderings of an `Analysis` (for `fanshelf analyze`)."""

from __future__ import annotations

import json
import textwrap

from fanshelf.analysis.results import Analysis, Evidence, Suggestion

_TITLES = {
    "fandom": "Fandoms",
    "character": "Characters",
    "relationship": "Relationships",
    "warning": "Archive warnings",
    "rating": "Rating",
    "freeform": "Additional tags",
    "canon_placement": "Canon placement (applied as additional tags)",
}
_EVIDENCE_WIDTH = 96


def to_json(analysis: Analysis, *, indent: int | None = 2) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=indent)


def _quote(evidence: Evidence) -> str:
    text = " ".join(evidence.text.split())
    if len(text) > _EVIDENCE_WIDTH:
        text = text[: _EVIDENCE_WIDTH - 1] + "…"
    where = "" if evidence.part == "body" else f" ({evidence.part.replace('_', ' ')})"
    return f'        "{text}" @{evidence.start}{where}'


def _suggestion_lines(suggestion: Suggestion, evidence_lines: int) -> list[str]:
    lines = [f"    {suggestion.tag}  ({suggestion.confidence:.2f})"]
    lines += [_quote(e) for e in suggestion.evidence[:evidence_lines]]
    return lines


def render(analysis: Analysis, *, evidence_lines: int = 2) -> str:
    """A plain-text report: the numbers first, then each kind of suggestion with its evidence."""
    out = [
        f"Words: {analysis.word_count}   Chapters: {len(analysis.chapters)}   "
        f"Scene breaks: {len(analysis.scene_breaks)}   "
        f"Dialogue: {analysis.dialogue_share:.0%}",
        f"Point of view: {analysis.pov.value} ({analysis.pov.confidence:.2f})   "
        f"Tense: {analysis.tense.value} ({analysis.tense.confidence:.2f})"
        + (f"   Era: {analysis.era}" if analysis.era else ""),
    ]
    for label, note in (
        ("Notes before", analysis.notes_begin),
        ("Notes after", analysis.notes_end),
    ):
        if note:
            out.append(f"{label}: " + textwrap.shorten(" ".join(note.split()), 100))
    titled = [(c.title, c.word_count) for c in analysis.chapters if c.title]
    for title, words in titled:
        out.append(f"  Chapter: {title} ({words} words)")
    if analysis.summary:
        out += [
            "",
            "Summary:",
            textwrap.fill(analysis.summary, 96, initial_indent="    ", subsequent_indent="    "),
        ]
    out += ["", "Characters (confidence, salience, mentions, lines, pronouns):"]
    for character in analysis.characters:
        pronouns = ", ".join(f"{p} {n}" for p, n in sorted(character.pronouns.items()))
        out.append(
            f"    {character.name}  {character.confidence:.2f}  {character.salience:.2f}  "
            f"{character.mentions}  {character.dialogue_lines}  {pronouns}"
        )
    for original in analysis.original_characters:
        out.append(
            f"    possible original character: {original.name}  {original.confidence:.2f}  "
            f"{original.mentions} mentions"
        )
    grouped = analysis.suggestions_by_type()
    for tag_type, title in _TITLES.items():
        suggestions = grouped.get(tag_type, [])
        if not suggestions:
            continue
        out += ["", f"{title}:"]
        for suggestion in suggestions:
            out += _suggestion_lines(suggestion, evidence_lines)
    if analysis.near_misses:
        out += ["", "Considered but below threshold:"]
        for suggestion in analysis.near_misses:
            out.append(
                f"    [{suggestion.tag_type}] {suggestion.tag}  ({suggestion.confidence:.2f})"
            )
    return "\n".join(out) + "\n"
