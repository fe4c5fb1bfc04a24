import pytest
from django.db import transaction

from fanshelf.tags import services
from fanshelf.tags.models import Tag, TagType
from fanshelf.works import services as work_services


@pytest.fixture
def make_tag(db):
    def make(name, tag_type=TagType.CHARACTER, *, canonical=True, merger=None):
        return Tag.objects.create(name=name, type=tag_type, canonical=canonical, merger=merger)

    return make


@pytest.fixture
def make_work(author, django_capture_on_commit_callbacks):
    """A posted work with the given free tags (and a rating and a warning), indexed for search
    as the after-commit jobs would index it."""

    def make(
        title="A Work",
        *,
        fandoms=("Doctor Who",),
        post=True,
        warning="No Archive Warnings Apply",
        **tags,
    ):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            work = work_services.work_create(
                pseuds=[author.default_pseud],
                title=title,
                chapters=[work_services.ChapterInput(text="Once upon a time.")],
                text_format="plain",
                post=post,
            )
            services.work_set_tags(
                work=work,
                rating="General Audiences",
                warnings=[warning],
                fandoms=list(fandoms),
                **{key: list(value) for key, value in tags.items()},
            )
        return work

    return make


def filter_names(work) -> set[str]:
    return set(work.filter_taggings.values_list("filter__name", flat=True))


def tag_names(work) -> set[str]:
    return set(work.taggings.values_list("tag__name", flat=True))
