from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db.models import Count

from fanshelf.analysis.similarity import IdfTable, WorkProfile, similar, tfidf_vector
from fanshelf.search.personal import hidden_by, personal_filters
from fanshelf.tags.models import FilterTagging, TagType
from fanshelf.works.models import Work
from fanshelf.works.selectors import listed_works, with_creators

from .models import TagSuggestion, WorkAnalysis

TYPE_ORDER = ("fandom", "rating", "warning", "relationship", "character", "freeform", "category")


def pending_suggestions_by_type(*, work: Work) -> list[tuple[str, list[TagSuggestion]]]:
    grouped: dict[str, list[TagSuggestion]] = defaultdict(list)
    for suggestion in work.suggestions.filter(status=TagSuggestion.Status.PENDING):
        grouped[suggestion.tag_type].append(suggestion)
    labels = dict(TagType.choices)
    return [(labels.get(t, t), grouped[t]) for t in TYPE_ORDER if grouped.get(t)]


def suggestion_counts(*, work: Work) -> dict[str, int]:
    """How many of the work's suggestions are pending, accepted and dismissed."""
    counts = dict(work.suggestions.values_list("status").annotate(n=Count("pk")).order_by())
    return {status: counts.get(status, 0) for status in TagSuggestion.Status.values}


def reading_outcome(*, work: Work) -> str:
    """What the latest reading left the author to decide, in words."""
    counts = suggestion_counts(work=work)
    pending, dismissed = counts["pending"], counts["dismissed"]
    decided = counts["accepted"] + dismissed
    if pending:
        said = f"It has {pending} suggestion{'s' if pending != 1 else ''} for you to look at."
    elif decided:
        said = "It found nothing new to suggest."
    else:
        said = "It found nothing your tags don't already cover."
    if dismissed == 1:
        said += " The suggestion you dismissed stays dismissed and is not offered again."
    elif dismissed:
        said += (
            f" The {dismissed} suggestions you dismissed stay dismissed and are not offered again."
        )
    return said


def similar_works(*, work: Work, viewer, limit: int | None = None) -> list[Work]:
    """Works most like this one in words and tags, among the works sharing a fandom that the
    viewer's listings show."""
    limit = limit or settings.FANSHELF_SIMILAR_WORKS
    fandom_ids = list(
        FilterTagging.objects.filter(work=work, filter__type=TagType.FANDOM).values_list(
            "filter_id", flat=True
        )
    )
    own = WorkAnalysis.objects.filter(work=work).values_list("terms", flat=True).first()
    if not fandom_ids or own is None:
        return []
    candidate_ids = list(
        listed_works(viewer=viewer)
        # The reader's own filters and muted creators, as in every listing.
        .exclude(hidden_by(personal_filters(viewer)))
        .filter(filter_taggings__filter_id__in=fandom_ids, analysis__isnull=False)
        .exclude(pk=work.pk)
        .order_by("-revised_at")
        .values_list("pk", flat=True)
        .distinct()[: settings.FANSHELF_SIMILAR_CANDIDATES]
    )
    terms = dict(
        WorkAnalysis.objects.filter(work_id__in=candidate_ids).values_list("work_id", "terms")
    )
    tags: dict[int, set[int]] = defaultdict(set)
    for work_id, tag_id in FilterTagging.objects.filter(
        work_id__in=[*candidate_ids, work.pk]
    ).values_list("work_id", "filter_id"):
        tags[work_id].add(tag_id)
    idf = IdfTable.from_documents([own, *terms.values()])
    profile = WorkProfile(work.pk, tfidf_vector(own, idf), frozenset(tags[work.pk]))
    candidates = [
        WorkProfile(pk, tfidf_vector(t, idf), frozenset(tags[pk])) for pk, t in terms.items()
    ]
    ranked = [pk for pk, score in similar(profile, candidates, k=limit) if score > 0]
    works = with_creators(Work.objects.filter(pk__in=ranked)).in_bulk()
    return [works[pk] for pk in ranked if pk in works]


def chapter_warning_suggestions(*, chapter) -> list[dict]:
    """The warnings the analyser suggests for one chapter, from the work's last analysis (it
    reads every chapter in order), leaving out those the chapter already carries."""
    analysis = WorkAnalysis.objects.filter(work_id=chapter.work_id).only("data").first()
    per_chapter = (analysis.data.get("chapter_warnings") or []) if analysis else []
    positions = list(chapter.work.chapters.order_by("position").values_list("position", flat=True))
    if chapter.position not in positions:
        return []
    index = positions.index(chapter.position)
    suggested = per_chapter[index] if index < len(per_chapter) else []
    evidence_max = settings.FANSHELF_SUGGESTION_EVIDENCE_MAX
    return [
        {**item, "evidence": item.get("evidence", [])[:evidence_max]}
        for item in suggested
        if item.get("tag") not in chapter.warnings
    ]
