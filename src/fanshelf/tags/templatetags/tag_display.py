from django import template

from ..models import CHOSE_NOT_TO_WARN, NO_WARNINGS_APPLY, TagType
from ..selectors import grouped_by_type

register = template.Library()


@register.simple_tag
def work_tag_groups(work):
    """A work's tags as (type label, tags) in the archive's usual order; uses the prefetched
    `taggings__tag` when the view prefetched it."""
    return grouped_by_type(tagging.tag for tagging in work.taggings.all())


RATING_MARKS = {
    "General Audiences": ("G", "general"),
    "Teen And Up Audiences": ("T", "teen"),
    "Mature": ("M", "mature"),
    "Explicit": ("E", "explicit"),
}
CATEGORY_MARKS = {"Gen": "G", "F/M": "FM", "M/M": "MM", "F/F": "FF", "Multi": "M+", "Other": "O"}


@register.simple_tag
def blurb_tags(work):
    """A work's tags laid out as on an archive blurb: the four required-tag squares (mark,
    style, text alternative) and the tag lines (fandoms; warnings, relationships, characters,
    additional tags)."""
    by_type = {label: tags for label, tags in grouped_by_type(t.tag for t in work.taggings.all())}
    labels = dict(TagType.choices)
    rating = by_type.get(labels[TagType.RATING], [])
    warnings = by_type.get(labels[TagType.WARNING], [])
    categories = by_type.get(labels[TagType.CATEGORY], [])
    names = [t.name for t in warnings]
    if not warnings or names == [CHOSE_NOT_TO_WARN]:
        warning_mark = ("?", "chose-not", "Creator chose not to use archive warnings")
    elif names == [NO_WARNINGS_APPLY]:
        warning_mark = ("–", "none", "No archive warnings apply")
    else:
        warning_mark = ("!", "yes", "Archive warnings: " + ", ".join(names))
    rating_name = rating[0].name if rating else "Not Rated"
    mark, style = RATING_MARKS.get(rating_name, ("?", "not-rated"))
    category_names = [t.name for t in categories]
    squares = [
        (mark, f"rating-{style}", f"Rating: {rating_name}"),
        (*warning_mark[:2], warning_mark[2]),
        (
            "+".join(CATEGORY_MARKS.get(n, "?") for n in category_names) if categories else "–",
            "category-" + ("multi" if len(categories) > 1 else "one" if categories else "none"),
            "Category: " + (", ".join(category_names) or "none given"),
        ),
        (
            "✓" if work.complete else "…",
            "complete" if work.complete else "in-progress",
            "Complete work" if work.complete else "Work in progress",
        ),
    ]
    shown_warnings = [t for t in warnings if t.name not in (NO_WARNINGS_APPLY, CHOSE_NOT_TO_WARN)]
    return {
        "squares": squares,
        "fandoms": by_type.get(labels[TagType.FANDOM], []),
        "warnings": shown_warnings,
        "relationships": by_type.get(labels[TagType.RELATIONSHIP], []),
        "characters": by_type.get(labels[TagType.CHARACTER], []),
        "freeforms": by_type.get(labels[TagType.FREEFORM], []),
    }
