"""`analyze`: the one entry point. Plain text (or chapters and notes) and a Knowledge in, an
`Analysis` with ranked, evidenced suggestions out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from fanshelf.analysis import structure
from fanshelf.analysis.calibration import calibrated
from fanshelf.analysis.canon import detect_canon, era_hints
from fanshelf.analysis.cast_finder import find_cast
from fanshelf.analysis.characters import PRESENCE_THRESHOLD, Cast, analyse_cast
from fanshelf.analysis.context import NotePart, StoryContext
from fanshelf.analysis.fandom import detect_fandoms
from fanshelf.analysis.freeform import detect_freeform
from fanshelf.analysis.knowledge import Knowledge
from fanshelf.analysis.mentions import find_mentions
from fanshelf.analysis.narration import point_of_view, tense
from fanshelf.analysis.narrators import (
    READER,
    READER_MARKERS,
    letter_signatures,
    perspective_names,
)
from fanshelf.analysis.originals import (
    SUGGEST_THRESHOLD,
    find_original_characters,
    original_character_tag,
)
from fanshelf.analysis.relationships import detect_relationships, on_page_kisses
from fanshelf.analysis.results import Analysis, ChapterInfo, CharacterFinding, Suggestion
from fanshelf.analysis.similarity import term_frequencies
from fanshelf.analysis.summary import summarize
from fanshelf.analysis.text import segment
from fanshelf.analysis.warnings import archive_warnings, chapter_warnings, measure, rating

CHAPTER_SEPARATOR = "\n\n"


def analyze(
    text: str | None = None,
    *,
    chapters: Sequence[str | tuple[str, str]] | None = None,
    notes_begin: str = "",
    notes_end: str = "",
    knowledge: Knowledge,
) -> Analysis:
    """Analyse one work.

    Either `text`, a whole plain-text story (notes and chapter headings are found in it), or
    `chapters`, each a text or a (title, text) pair, with the work's notes given apart.
    """
    if (text is None) == (chapters is None):
        raise ValueError("give either text or chapters")
    if text is not None:
        text = structure.normalize_newlines(text)
        split = structure.split_story(text)
        body, offset = split.body, split.body_offset
        notes = [
            (
                split.notes_begin,
                text.find(split.notes_begin) if split.notes_begin else 0,
                "notes_begin",
            ),
            (split.notes_end, text.rfind(split.notes_end) if split.notes_end else 0, "notes_end"),
        ]
        chapter_infos = tuple(
            ChapterInfo(c.title, c.offset, structure.word_count(c.text)) for c in split.chapters
        )
        body, chapter_notes = _chapter_text_only(text, split)
        notes += chapter_notes
        scene_breaks = tuple(offset + b for b in split.scene_breaks)
        notes_begin, notes_end = split.notes_begin, split.notes_end
    else:
        body, chapter_infos = _join_chapters(chapters)
        offset = 0
        notes = [(notes_begin, 0, "notes_begin"), (notes_end, 0, "notes_end")]
        scene_breaks = ()
    return _analyze_body(
        body, offset, notes, notes_begin, notes_end, chapter_infos, scene_breaks, knowledge
    )


def _chapter_text_only(
    text: str, split: structure.StorySplit
) -> tuple[str, list[tuple[str, int, str]]]:
    """The body with chapter headings and chapter notes blanked (offsets kept), so only the
    story is read as story; the chapter notes are returned to be read as notes."""
    if len(split.chapters) <= 1 and not any(c.notes_begin or c.notes_end for c in split.chapters):
        return split.body, []
    start, end = split.body_offset, split.body_offset + len(split.body)
    pieces, cursor, notes = [], start, []
    for chapter in split.chapters:
        pieces.append(_blank(text[cursor : chapter.offset]))
        pieces.append(chapter.text)
        cursor = chapter.offset + len(chapter.text)
        if chapter.notes_begin:
            found = text.rfind(chapter.notes_begin, start, chapter.offset)
            notes.append((chapter.notes_begin, max(found, 0), "chapter_notes"))
        if chapter.notes_end:
            found = text.find(chapter.notes_end, cursor, end)
            notes.append((chapter.notes_end, max(found, 0), "chapter_notes"))
    pieces.append(_blank(text[cursor:end]))
    return "".join(pieces), notes


def _blank(piece: str) -> str:
    return "".join("\n" if char == "\n" else " " for char in piece)


def _join_chapters(chapters) -> tuple[str, tuple[ChapterInfo, ...]]:
    parts, infos, cursor = [], [], 0
    for chapter in chapters:
        title, chapter_text = chapter if isinstance(chapter, tuple) else ("", chapter)
        chapter_text = structure.normalize_newlines(chapter_text).strip("\n")
        infos.append(ChapterInfo(title, cursor, structure.word_count(chapter_text)))
        parts.append(chapter_text)
        cursor += len(chapter_text) + len(CHAPTER_SEPARATOR)
    return CHAPTER_SEPARATOR.join(parts), tuple(infos)


def _character_suggestions(
    cast: Cast, originals: list[CharacterFinding], paired: set[str]
) -> tuple[list[Suggestion], list[Suggestion]]:
    """Present characters, original characters as AO3's generic tags, and the characters of
    every suggested relationship (a relationship tag comes with its characters' tags)."""
    suggested, near = [], []
    for character in cast.characters:
        confidence = character.confidence
        if character.name in paired:
            confidence = max(confidence, PRESENCE_THRESHOLD)
        item = Suggestion(character.name, "character", confidence, character.evidence)
        (suggested if confidence >= PRESENCE_THRESHOLD else near).append(item)
    for original in originals:
        tag = original_character_tag(original.pronouns)
        if original.confidence >= SUGGEST_THRESHOLD and tag not in {s.tag for s in suggested}:
            suggested.append(Suggestion(tag, "character", original.confidence, original.evidence))
    return suggested, near


def _analyze_body(
    body, offset, notes, notes_begin, notes_end, chapter_infos, scene_breaks, knowledge: Knowledge
) -> Analysis:
    index = knowledge.index
    doc = segment(body)
    note_parts = [
        NotePart(segment(t), o, part, index.phrases.scan(t)) for t, o, part in notes if t.strip()
    ]
    ctx = StoryContext(
        doc=doc, offset=offset, notes=note_parts, index=index, phrases=index.phrases.scan(body)
    )

    pov, reader_insert = point_of_view(ctx)
    story_tense = tense(ctx, pov.value)

    mentions = find_mentions(doc, index, ctx.phrases.get("alias", []))
    note_mentions = [
        m
        for note in note_parts
        for m in find_mentions(note.doc, index, note.phrases.get("alias", []))
    ]
    fandom_suggestions, fandoms = detect_fandoms(ctx, mentions, note_mentions)

    first_placement, _ = detect_canon(ctx, "", fandoms)
    whole = "\n".join(n.doc.text for n in note_parts) + "\n" + body
    # "<Name>'s POV" lines first; a first-person letter's signature names its writer too.
    perspective = perspective_names(whole) + (
        letter_signatures(whole) if pov.value == "first" else []
    )
    cast = analyse_cast(
        ctx,
        mentions,
        fandoms,
        era_hints(ctx, first_placement, fandoms),
        pov.value,
        perspective,
        reader_insert,
        bool(READER_MARKERS.search(whole)),
    )
    # The "you" of a second-person story is the reader unless the story names them.
    reader_insert = cast.narrator == READER
    canon_suggested, canon_near = detect_canon(ctx, cast.era, fandoms)

    # A story of a fandom nobody knows: its own names are its cast, not original characters.
    originals = find_original_characters(ctx) if fandoms else []
    if not fandoms:
        cast.characters.extend(c for c in find_cast(ctx) if c.name not in cast.present)
    relationship_suggested, relationship_near, paired = detect_relationships(ctx, cast)
    character_suggestions, character_near = _character_suggestions(cast, originals, paired)
    signals = measure(ctx, cast)
    warning_suggested, warning_near = archive_warnings(ctx, signals)
    kisses = on_page_kisses(ctx, cast)
    freeform = detect_freeform(ctx, signals, warning_suggested, kisses, reader_insert)
    # A reader-insert is shown by the narration that addresses "you".
    freeform.suggested = [
        replace(s, evidence=pov.evidence) if s.tag == "Reader-Insert" and not s.evidence else s
        for s in freeform.suggested
    ]
    story_rating = rating(ctx, signals, warning_suggested, bool(kisses), freeform.has("Angst"))

    main = [c for c in cast.characters if c.confidence >= PRESENCE_THRESHOLD]
    summary, summary_evidence = summarize(ctx, [a for c in main[:3] for a in c.aliases_used])

    suggestions = (
        fandom_suggestions
        + character_suggestions
        + relationship_suggested
        + warning_suggested
        + [story_rating]
        + freeform.suggested
        + canon_suggested
    )
    near = character_near + relationship_near + warning_near + freeform.near + canon_near
    return Analysis(
        # Chapter texts only: headings are not part of a work's length.
        word_count=sum(c.word_count for c in chapter_infos),
        notes_begin=notes_begin,
        notes_end=notes_end,
        body_offset=offset,
        chapters=chapter_infos,
        scene_breaks=scene_breaks,
        dialogue_share=round(doc.dialogue_share, 3),
        pov=pov,
        tense=story_tense,
        era=cast.era,
        characters=tuple(cast.characters),
        original_characters=tuple(originals),
        suggestions=tuple(calibrated(s) for s in suggestions),
        near_misses=tuple(near),
        summary=summary,
        summary_evidence=summary_evidence,
        terms=term_frequencies(doc.narration),
        chapter_warnings=chapter_warnings(ctx, signals, chapter_infos),
    )
