import pytest

from fanshelf.works import services


@pytest.fixture
def post_work(author):
    def post(title="A Work", chapters=("Once upon a time.",), pseuds=None, **kwargs):
        return services.work_create(
            pseuds=pseuds or [author.default_pseud],
            title=title,
            chapters=[services.ChapterInput(text=text) for text in chapters],
            text_format="plain",
            **kwargs,
        )

    return post
