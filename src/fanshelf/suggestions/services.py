"""Reading a work with the analyser, and turning the author's accepted suggestions into tags."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q

from fanshelf.analysis.analyzer import analyze
from fanshelf.analysis.knowledge import Knowledge
from fanshelf.tags.knowledge import knowledge_from_db
from fanshelf.tags.models import CHOSE_NOT_TO_WARN, NO_WARNINGS_APPLY, TagType
from fanshelf.tags.services import FIELD_OF_TYPE, work_set_tags
from fanshelf.works.models import Work
from fanshelf.works.text_formats import html_to_text

from .models import TagSuggestion, WorkAnalysis

_knowledge_cache: tuple[float, Knowledge] | None = None


def current_knowledge() -> Knowledge:
    """The analyser's knowledge, built from the tag database and kept for a while, since
    building it reads every canonical tag of every fandom."""
    global _knowledge_cache
    now = time.monotonic()
    if _knowledge_cache is None or now - _knowledge_cache[0] > settings.FANSHELF_KNOWLEDGE_TTL:
        _knowledge_cache = (now, knowledge_from_db())
    return _knowledge_cache[1]


def forget_knowledge() -> None:
    """Rebuild the knowledge on next use (after loading a fandom pack or wrangling)."""
    global _knowledge_cache
    _knowledge_cache = None


def _tag_names_on(work: Work) -> set[tuple[str, str]]:
    """(type, lower-case name) of the work's tags and of their canonical forms."""
    names = set()
    for tagging in work.taggings.select_related("tag__merger"):
        tag = tagging.tag
        names.add((tag.type, tag.name.lower()))
        if tag.merger is not None:
            names.add((tag.type, tag.merger.name.lower()))
    return names


def work_analyze(*, work: Work) -> WorkAnalysis:
    """Read the work and store fresh suggestions. Suggestions the author already accepted or
    dismissed, and tags the work already has, are not suggested again."""
    read_changed_at = Work.objects.filter(pk=work.pk).values_list("changed_at", flat=True).first()
    chapters = [(c.title, html_to_text(c.text)) for c in work.chapters.order_by("position")]
    result = analyze(
        chapters=chapters,
        notes_begin=html_to_text(work.notes_begin),
        notes_end=html_to_text(work.notes_end),
        knowledge=current_knowledge(),
    )
    with transaction.atomic():
        analysis, _ = WorkAnalysis.objects.update_or_create(
            work=work,
            defaults={
                "pov": result.pov.value,
                "tense": result.tense.value,
                "summary": result.summary,
                "terms": result.terms,
                "data": result.to_dict(),
                "source_changed_at": read_changed_at,
            },
        )
        decided = set(
            work.suggestions.exclude(status=TagSuggestion.Status.PENDING).values_list(
                "tag_type", "name"
            )
        )
        on_work = _tag_names_on(work)
        work.suggestions.filter(status=TagSuggestion.Status.PENDING).delete()
        TagSuggestion.objects.bulk_create(
            TagSuggestion(
                work=work,
                tag_type=s.applies_as,
                kind=s.tag_type,
                name=s.tag,
                confidence=round(s.confidence, 3),
                evidence=[
                    {"text": e.text, "start": e.start, "end": e.end, "part": e.part}
                    for e in s.evidence[: settings.FANSHELF_SUGGESTION_EVIDENCE_MAX]
                ],
            )
            for s in _unique(result.suggestions)
            if (s.applies_as, s.tag) not in decided and (s.applies_as, s.tag.lower()) not in on_work
        )
    return analysis


def stale_analysis_work_ids(*, limit: int) -> list[int]:
    """Works never analysed, or changed since (an analysis job was lost or interrupted)."""
    stale = (
        Q(analysis__isnull=True)
        | Q(analysis__source_changed_at__isnull=True)
        | Q(analysis__source_changed_at__lt=F("changed_at"))
    )
    return list(Work.objects.filter(stale).order_by("pk").values_list("pk", flat=True)[:limit])


def _unique(suggestions: Iterable) -> list:
    seen, unique = set(), []
    for suggestion in suggestions:
        key = (suggestion.applies_as, suggestion.tag)
        if key not in seen:
            seen.add(key)
            unique.append(suggestion)
    return unique


@transaction.atomic
def suggestions_accept(*, work: Work, suggestion_ids: Iterable[int]) -> list[TagSuggestion]:
    """Add the chosen suggestions' tags to the work, as if the author had typed them."""
    chosen = list(
        work.suggestions.filter(pk__in=list(suggestion_ids), status=TagSuggestion.Status.PENDING)
    )
    if not chosen:
        raise ValidationError("Choose at least one suggestion to accept.")
    names_by_type: dict[str, list[str]] = defaultdict(list)
    for suggestion in chosen:
        names_by_type[suggestion.tag_type].append(suggestion.name)
    _add_tags(work=work, names_by_type=names_by_type)
    work.suggestions.filter(pk__in=[s.pk for s in chosen]).update(
        status=TagSuggestion.Status.ACCEPTED
    )
    return chosen


NO_WARNINGS = (NO_WARNINGS_APPLY, CHOSE_NOT_TO_WARN)
_FIELD_OF_TYPE = {TagType.WARNING: "warnings", TagType.CATEGORY: "categories", **FIELD_OF_TYPE}


def _add_tags(*, work: Work, names_by_type: dict[str, list[str]]) -> None:
    """Keep the work's tags and add these: an accepted rating replaces the old one, and a
    specific warning replaces "No Archive Warnings Apply"."""
    current: dict[str, list[str]] = defaultdict(list)
    for tag_type, name in work.taggings.values_list("tag__type", "tag__name"):
        current[tag_type].append(name)
    ratings = names_by_type.get(TagType.RATING) or current.get(TagType.RATING) or [None]
    warnings = current[TagType.WARNING] + names_by_type.get(TagType.WARNING, [])
    specific = [w for w in warnings if w not in NO_WARNINGS]
    if specific and any(w in NO_WARNINGS for w in names_by_type.get(TagType.WARNING, [])):
        raise ValidationError(
            f"“{NO_WARNINGS_APPLY}” contradicts the work's warnings: " + ", ".join(specific) + "."
        )
    if specific:
        warnings = specific
    fields = {
        field: current[tag_type] + names_by_type.get(tag_type, [])
        for tag_type, field in _FIELD_OF_TYPE.items()
    }
    fields["warnings"] = list(dict.fromkeys(warnings))
    work_set_tags(work=work, rating=ratings[-1], **fields)


@transaction.atomic
def suggestions_dismiss(*, work: Work, suggestion_ids: Iterable[int]) -> int:
    return work.suggestions.filter(
        pk__in=list(suggestion_ids), status=TagSuggestion.Status.PENDING
    ).update(status=TagSuggestion.Status.DISMISSED)
