import pytest
from django.test import Client

from fanshelf.accounts.services import user_signup
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


@pytest.fixture
def work(post_work):
    return post_work(title="Tea at Baker Street")


@pytest.fixture
def make_user(db):
    def make(name):
        return user_signup(
            username=name, email=f"{name}@example.invalid", password="a long passphrase 9"
        )

    return make


BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def guest():
    return Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT=BROWSER)


@pytest.fixture
def as_user(reader):
    client = Client(HTTP_USER_AGENT=BROWSER)
    client.force_login(reader)
    return client


@pytest.fixture
def as_author(author):
    client = Client(HTTP_USER_AGENT=BROWSER)
    client.force_login(author)
    return client


@pytest.fixture
def settle(django_capture_on_commit_callbacks):
    """Run what waits for a commit (recount jobs, e-mails) as the real server would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run
