import pytest

from fanshelf.accounts.services import user_signup
from fanshelf.core.text import fold
from fanshelf.tags.models import Tag, TagType
from fanshelf.tags.services import work_set_tags
from fanshelf.works.services import ChapterInput, work_create


@pytest.fixture(autouse=True)
def table_reading_buffer(settings):
    """These tests look into the table buffer; test_reading_buffer_redis.py sets its own Redis."""
    settings.REDIS_URL = ""


@pytest.fixture
def make_user(db):
    def make(name):
        return user_signup(
            username=name, email=f"{name}@example.invalid", password=f"a long passphrase {name}"
        )

    return make


@pytest.fixture
def guest_reader(make_user):
    return make_user("second")


@pytest.fixture
def post_work(author):
    """post_work(title, chapters=n, fandoms=[...], freeforms=[...], by=user, **work fields)."""

    def post(title="A Work", *, chapters=1, fandoms=("Doctor Who",), freeforms=(), by=None,
             characters=(), **fields):  # fmt: skip
        owner = by or author
        work = work_create(
            pseuds=[owner.default_pseud],
            title=title,
            chapters=[
                ChapterInput(
                    text="\n\n".join(f"Paragraph {p} of chapter {n}." for p in range(1, 6))
                )
                for n in range(1, chapters + 1)
            ],
            text_format="plain",
            **fields,
        )
        work_set_tags(
            work=work,
            rating="General Audiences",
            warnings=["No Archive Warnings Apply"],
            fandoms=list(fandoms),
            freeforms=list(freeforms),
            characters=list(characters),
        )
        return work

    return post


@pytest.fixture
def canonical(db):
    def make(name, tag_type=TagType.FREEFORM, *, synonyms=()):
        # By folded name: migrate already made the common freeforms (Hurt/Comfort...) canonical.
        tag, _ = Tag.objects.get_or_create(
            name_lower=fold(name), type=tag_type, defaults={"name": name, "canonical": True}
        )
        for synonym in synonyms:
            Tag.objects.get_or_create(
                name_lower=fold(synonym),
                type=tag_type,
                defaults={"name": synonym, "canonical": False, "merger": tag},
            )
        return tag

    return make


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block's after-commit jobs (subscribers are told after the work's save commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
