from django import template

from ..selectors import grouped_by_type

register = template.Library()


@register.simple_tag
def work_tag_groups(work):
    """A work's tags as (type label, tags) in the archive's usual order; uses the prefetched
    `taggings__tag` when the view prefetched it."""
    return grouped_by_type(tagging.tag for tagging in work.taggings.all())
