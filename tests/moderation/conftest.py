import pytest
from django.contrib.auth.models import Group

from fanshelf.accounts.services import user_signup
from fanshelf.works import services


@pytest.fixture
def moderator(db):
    user = user_signup(
        username="moderator", email="moderator@example.invalid", password="a long passphrase 3"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def old_author(author):
    """An author past the new-account window."""
    import datetime

    from django.utils import timezone

    author.date_joined = timezone.now() - datetime.timedelta(days=365)
    author.save(update_fields=["date_joined"])
    return author


@pytest.fixture
def post_work(old_author):
    def post(title="A Work", text="Once upon a time.", user=None, **kwargs):
        who = user or old_author
        return services.work_create(
            pseuds=[who.default_pseud],
            title=title,
            chapters=[services.ChapterInput(text=text)],
            text_format="plain",
            **kwargs,
        )

    return post
