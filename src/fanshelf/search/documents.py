"""Read works from their own tables into the plain documents the search backends write."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.db.models import Prefetch

from fanshelf.accounts.models import Pseud
from fanshelf.tags.models import FilterTagging, Tagging, TagType, WorkTagsChange
from fanshelf.works.creators import ANONYMOUS
from fanshelf.works.models import Chapter, Work

from .backends.shapes import WorkDocument
from .models import audience_of

_TAG = re.compile(r"<[^>]*>")


def plain_text(markup: str) -> str:
    """Sanitized HTML to words: tags become spaces, entities become characters."""
    return html.unescape(_TAG.sub(" ", markup))


def sort_key(text: str) -> str:
    return " ".join(text.lower().split())[:255]


def build_documents(work_ids: Sequence[int]) -> list[WorkDocument]:
    pseuds = Prefetch("pseuds", queryset=Pseud.objects.select_related("user").order_by("pk"))
    works = Work.objects.filter(pk__in=work_ids).select_related("tags_change")
    works = works.prefetch_related(pseuds)
    filters: dict[int, list[tuple[int, str, bool, str]]] = defaultdict(list)
    for row in FilterTagging.objects.filter(work_id__in=work_ids).values_list(
        "work_id", "filter_id", "filter__type", "inherited", "filter__name"
    ):
        filters[row[0]].append(row[1:])
    typed: dict[int, list[str]] = defaultdict(list)
    for work_id, name in Tagging.objects.filter(work_id__in=work_ids).values_list(
        "work_id", "tag__name"
    ):
        typed[work_id].append(name)
    chapters: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        Chapter.objects.filter(work_id__in=work_ids, posted=True)
        .order_by("work_id", "position")
        .values_list("work_id", "title", "summary", "notes_begin", "notes_end", "text")
    ):
        chapters[row[0]].append(row[1:])
    return [_document(w, filters[w.pk], typed[w.pk], chapters[w.pk]) for w in works]


def _document(work: Work, filters, typed: list[str], chapters) -> WorkDocument:
    creators = list(work.pseuds.all())
    creator_names = " ".join(dict.fromkeys(n for p in creators for n in (p.name, p.user.username)))
    if work.anonymous:  # no search by name (or sort by it) may find who wrote it
        creator_names = first_creator = ANONYMOUS
    else:
        first_creator = creators[0].name if creators else ""
    rating = min((tag_id for tag_id, kind, _, _ in filters if kind == TagType.RATING), default=None)
    # A crossover names two fandoms itself; a fandom inherited through a meta tag doesn't count.
    fandom_count = sum(
        1 for _, kind, inherited, _ in filters if kind == TagType.FANDOM and not inherited
    )
    tag_names = dict.fromkeys([*typed, *(name for *_, name in filters)])
    body_limit = settings.FANSHELF_SEARCH_BODY_MAX_CHARS
    body = " ".join(plain_text(f"{title} {text}") for title, _, _, _, text in chapters)
    notes = " ".join(
        plain_text(part)
        for part in (
            work.notes_begin,
            work.notes_end,
            *(p for _, summary, begin, end, _ in chapters for p in (summary, begin, end)),
        )
        if part
    )
    row = (
        work.pk,
        work.posted,
        work.hidden_by_admin,
        work.restricted,
        audience_of(posted=work.posted, hidden=work.hidden_by_admin, restricted=work.restricted),
        rating,
        min(fandom_count, 32767),
        work.language,
        work.complete,
        work.chapter_count,
        work.anonymous,
        work.word_count,
        work.hits,
        work.kudos_count,
        work.comment_count,
        work.bookmark_count,
        work.published_on,
        work.revised_at,
        sort_key(work.title),
        sort_key(first_creator),
    )
    return WorkDocument(
        row=row,
        tag_ids=tuple(sorted({tag_id for tag_id, *_ in filters})),
        text={
            "title": work.title,
            "creator": creator_names,
            "tags": " ".join(tag_names),
            "summary": plain_text(work.summary),
            "notes": notes,
            "body": body[:body_limit],
        },
        changed_at=_read_stamp(work),
    )


def _read_stamp(work: Work):
    """The newer of the work's own change and its tags' change: what this document is current
    to, for reconciliation."""
    try:
        tags_changed_at = work.tags_change.changed_at
    except WorkTagsChange.DoesNotExist:
        return work.changed_at
    return max(work.changed_at, tags_changed_at)
