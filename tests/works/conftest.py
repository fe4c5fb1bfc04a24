import pytest

from fanshelf.works import services


@pytest.fixture
def post_work(author, django_capture_on_commit_callbacks):
    """post_work(...) -> a Work, with what follows its commit done (indexing: listings show it)."""

    def post(title="A Work", chapters=("Once upon a time.",), pseuds=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.work_create(
                pseuds=pseuds or [author.default_pseud],
                title=title,
                chapters=[services.ChapterInput(text=text) for text in chapters],
                text_format="plain",
                **kwargs,
            )

    return post
