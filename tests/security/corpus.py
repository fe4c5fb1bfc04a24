"""The XSS corpus and an archive holding it in every user text field.

Vectors come from ../shared/security/xss-vectors.jsonl and our own extra-vectors.jsonl; `{J}`
becomes `alert(N)` with N the vector's number, so a dialog names the vector that ran. Fields
have length limits, so each field of a work holds as many vectors as fit, and there are as many
works as the tightest field (the title) needs for every vector to reach every field.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

from fanshelf.accounts.services import pseud_create
from fanshelf.tags.models import Tag, TagType
from fanshelf.tags.names import check_name
from fanshelf.works import services
from fanshelf.works.text_import import parse_upload

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1].parent / "shared" / "security" / "xss-vectors.jsonl"
SHARED_FALLBACK = Path("/work/shared/security/xss-vectors.jsonl")
FANDOM = "Corpus Fandom"
FORMATS = ("html", "markdown", "plain")


def _lines(path: Path) -> list[str]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def vectors() -> list[str]:
    shared = SHARED if SHARED.exists() else SHARED_FALLBACK
    raw = _lines(shared) + _lines(HERE / "extra-vectors.jsonl")
    return [_armed(number, vector) for number, vector in enumerate(raw, start=1)]


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _armed(number: int, vector: str) -> str:
    script = f"alert({number})"
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' onload='{script}'/>"
    return (
        vector.replace("{J}", script)
        .replace("{B64}", _b64(f"<script>{script}</script>"))
        .replace("{SVGB64}", _b64(svg))
    )


def packed(items: list[str], limit: int) -> list[str]:
    """Consecutive items joined by newlines into pieces of at most `limit` characters."""
    pieces, current = [], ""
    for item in items:
        item = item[:limit]
        if current and len(current) + 1 + len(item) > limit:
            pieces.append(current)
            current = ""
        current = f"{current}\n{item}" if current else item
    return [*pieces, current] if current else pieces


@dataclass
class Archive:
    works: list = field(default_factory=list)
    # Works whose own pages (reading and editing) show vectors no other visited work shows:
    # titles are stored as typed whatever the format, so one format's works carry them all;
    # the other formats only add the pieces of the fields their format converts.
    works_to_visit: list = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # fields the services refused, and why
    tags: list = field(default_factory=list)
    placements: int = 0  # (vector, field) pairs stored


WORK_FIELDS = {
    "title": settings.FANSHELF_TITLE_MAX_LENGTH,
    "summary": settings.FANSHELF_SUMMARY_MAX_LENGTH,
    "notes_begin": settings.FANSHELF_NOTES_MAX_LENGTH,
    "notes_end": settings.FANSHELF_NOTES_MAX_LENGTH,
}
CHAPTER_FIELDS = {
    "title": settings.FANSHELF_TITLE_MAX_LENGTH,
    "summary": settings.FANSHELF_SUMMARY_MAX_LENGTH,
    "notes_begin": settings.FANSHELF_NOTES_MAX_LENGTH,
    "notes_end": settings.FANSHELF_NOTES_MAX_LENGTH,
    "text": settings.FANSHELF_CHAPTER_MAX_LENGTH,
}
FIELD_NAMES = [
    *(f"work {name}" for name in WORK_FIELDS),
    *(f"chapter {name}" for name in CHAPTER_FIELDS),
    "freeform tag",
    "pseud name",
    "pseud description",
]


def build_archive(user) -> Archive:
    """Works in every text format holding every vector in every field, tags named after the
    vectors a tag name can hold, pseuds likewise, and imports of files made of the vectors."""
    armed = vectors()
    archive = Archive()
    Tag.objects.get_or_create(name=FANDOM, type=TagType.FANDOM, defaults={"canonical": True})
    pseuds = [user.default_pseud]
    for vector in armed[: settings.FANSHELF_PSEUDS_PER_USER_MAX - 1]:
        try:
            pseuds.append(pseud_create(user=user, name=vector[:40], description=vector))
            archive.placements += 2
        except ValidationError as error:
            archive.refused.append(f"pseud {vector[:30]!r}: {error.messages[0]}")
    work_pieces = {name: packed(armed, limit) for name, limit in WORK_FIELDS.items()}
    chapter_pieces = {name: packed(armed, limit) for name, limit in CHAPTER_FIELDS.items()}
    count = max(len(p) for p in [*work_pieces.values(), *chapter_pieces.values()])
    tag_names = [v for v in armed if len(v) <= settings.FANSHELF_TAG_NAME_MAX_LENGTH]
    converted = max(
        len(pieces)
        for name, pieces in [*work_pieces.items(), *chapter_pieces.items()]
        if name != "title"
    )
    for text_format in FORMATS:
        for index in range(count):
            visit = text_format == FORMATS[0] or index < converted
            fields = {n: p[index % len(p)] for n, p in work_pieces.items()}
            chapter = {n: p[index % len(p)] for n, p in chapter_pieces.items()}
            tags = tag_names[index::count]
            work = _post(
                archive, user, pseuds[index % len(pseuds)], text_format, fields, chapter, tags
            )
            if work is not None and visit:
                archive.works_to_visit.append(work)
            archive.placements += sum(
                len(v.split("\n")) for v in [*fields.values(), *chapter.values()]
            )
    for suffix, body in _import_files(armed).items():
        imported = parse_upload(body.encode(), f"corpus{suffix}")
        work = services.work_import(imported=imported, pseuds=[user.default_pseud], tags=_tags([]))
        archive.works.append(work)
        archive.works_to_visit.append(work)
        archive.placements += len(armed)
    archive.tags = list(Tag.objects.filter(type=TagType.FREEFORM).order_by("name"))
    archive.placements += len(archive.tags)
    return archive


def _tags(freeforms: list[str]) -> dict:
    return {
        "rating": "General Audiences",
        "warnings": ["No Archive Warnings Apply"],
        "fandoms": [FANDOM],
        "freeforms": freeforms,
    }


def _post(archive, user, pseud, text_format, fields, chapter, tags):
    # Tags a name can't hold are refused with a message; try them one at a time, so the ones
    # that can be names still are.
    kept = []
    for name in tags:
        try:
            check_name(name)
            kept.append(name)
        except ValidationError as error:
            archive.refused.append(f"tag {name[:30]!r}: {error.messages[0]}")
    try:
        work = services.work_create(
            pseuds=[pseud],
            chapters=[services.ChapterInput(**chapter)],
            text_format=text_format,
            tags=_tags(kept),
            **fields,
        )
    except ValidationError as error:
        archive.refused.append(f"{text_format} work: {' '.join(error.messages)[:120]}")
        return None
    archive.works.append(work)
    return work


def _import_files(armed: list[str]) -> dict[str, str]:
    html = "<html><head><title>Corpus import</title></head><body>"
    html += "".join(f"<p>{vector}</p>\n" for vector in armed) + "</body></html>"
    text = "\n\n".join(armed)
    return {".html": html, ".md": "# Corpus import\n\n" + text, ".txt": text}
