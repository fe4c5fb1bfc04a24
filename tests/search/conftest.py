import pytest

from fanshelf.search.backends.local_text import LOCAL
from fanshelf.search.services import index_works
from fanshelf.tags.filters import refresh_work_filters
from fanshelf.tags.models import MetaTagging, Tag, Tagging, TagType
from fanshelf.works.models import Work
from fanshelf.works.services import ChapterInput, work_create


@pytest.fixture(autouse=True)
def _no_local_text_building_after():
    """A test that starts a server's search memory (wsgi.py) lets it build PostgreSQL's local
    text file; later tests don't (those that want it build it themselves)."""
    yield
    if LOCAL.builder is not None:
        LOCAL.builder.join(timeout=120)
    LOCAL.auto_build = False


@pytest.fixture
def tag(db):
    """tag(name, type=..., canonical=True, merger=None, meta=None) -> Tag (get or create)."""

    def make(name, tag_type=TagType.FREEFORM, *, canonical=True, merger=None, meta=None):
        found, _ = Tag.objects.get_or_create(
            name=name, type=tag_type, defaults={"canonical": canonical, "merger": merger}
        )
        if meta is not None:
            MetaTagging.objects.get_or_create(meta=meta, sub=found)
        return found

    return make


@pytest.fixture
def make_work(author, tag):
    """make_work(title, tags=[...], text=..., **work fields and counters) -> an indexed Work."""

    def make(
        title,
        *,
        tags=(),
        text="A quiet story.",
        summary="",
        restricted=False,
        post=True,
        language="en",
        pseud=None,
        chapters=1,
        expected_chapters=None,
        published_on=None,
        anonymous=False,
        **counters,
    ):
        work = work_create(
            pseuds=[pseud or author.default_pseud],
            title=title,
            summary=summary,
            chapters=[ChapterInput(text=f"<p>{text}</p>")] * chapters,
            restricted=restricted,
            post=post,
            language=language,
            expected_chapters=expected_chapters,
            published_on=published_on,
            anonymous=anonymous,
        )
        if counters:
            Work.objects.filter(pk=work.pk).update(**counters)
        rating = tag("General Audiences", TagType.RATING)
        for t in {rating, *tags}:
            Tagging.objects.get_or_create(work=work, tag=t)
        refresh_work_filters([work.pk], announce=False)
        index_works(work_ids=[work.pk])
        work.refresh_from_db()
        return work

    return make
