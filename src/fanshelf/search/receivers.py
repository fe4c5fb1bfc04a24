"""Keep the index current: the works and tags apps announce changes, search listens.

A work's own save and a change to the tags it is found under both enqueue re-indexing as a
background job; a deleted work leaves the index at once (its rows go with it), and a change of
who may see a work reaches the index in the same transaction."""

from __future__ import annotations

import importlib

from django.db.models.signals import pre_delete

from fanshelf.works.models import Work
from fanshelf.works.signals import work_saved, work_visibility_changed


def _work_saved(sender, *, work, **kwargs):
    from .tasks import reindex_works

    reindex_works([work.pk])


def _filters_changed(sender, *, work_ids, **kwargs):
    from .tasks import reindex_works

    ids = sorted(set(work_ids))
    if ids:
        reindex_works(ids)


def _visibility_changed(sender, *, work, **kwargs):
    from .services import index_visibility

    index_visibility(work=work)


def _work_deleted(sender, *, instance, **kwargs):
    from .services import unindex_works

    unindex_works(work_ids=[instance.pk])


def connect() -> None:
    work_saved.connect(_work_saved, dispatch_uid="search.work_saved")
    work_visibility_changed.connect(_visibility_changed, dispatch_uid="search.visibility")
    pre_delete.connect(_work_deleted, sender=Work, dispatch_uid="search.work_deleted")
    try:
        tag_signals = importlib.import_module("fanshelf.tags.signals")
    except ModuleNotFoundError as error:
        if error.name != "fanshelf.tags.signals":
            raise
        return
    tag_signals.work_filters_changed.connect(_filters_changed, dispatch_uid="search.filters")
