"""Background jobs of the tags app (run by `fanshelf worker`)."""

from huey.contrib.djhuey import db_task

from .filters import refresh_tag_filters


@db_task()
def refresh_tag_filters_job(tag_ids: list[int]) -> int:
    """Recompute the filters of every work a big tag touches, after a wrangling change."""
    return refresh_tag_filters(tag_ids)
