import pytest
from huey.contrib.djhuey import HUEY


@pytest.fixture(autouse=True, scope="session")
def run_jobs_inline():
    """Background jobs run at once in tests, so their effects can be asserted."""
    HUEY.immediate = True
    yield


@pytest.fixture(autouse=True)
def rate_limits_off(settings):
    """Tests send many requests from one address; tests/core/test_rate_limits.py turns them on."""
    settings.RATELIMIT_ENABLE = False


@pytest.fixture(scope="session")
def chromium():
    """One chromium for the whole session (browser and security tests): Playwright's sync API
    allows one instance per thread."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def author(db):
    from fanshelf.accounts.services import user_signup

    return user_signup(
        username="author", email="author@example.invalid", password="a long passphrase 1"
    )


@pytest.fixture
def wrangler(db):
    from django.contrib.auth.models import Group

    from fanshelf.accounts.services import user_signup

    user = user_signup(
        username="wrangler", email="wrangler@example.invalid", password="a long passphrase 3"
    )
    user.groups.add(Group.objects.get(name="Wranglers"))
    return user


@pytest.fixture
def reader(db):
    from fanshelf.accounts.services import user_signup

    return user_signup(
        username="reader", email="reader@example.invalid", password="a long passphrase 2"
    )


@pytest.fixture(autouse=True)
def fresh_search_bitmaps():
    """Each test's database is rolled back afterwards, so search bitmaps start unread, as in a
    new app-server process."""
    from fanshelf.search.bitmaps import MEMORY

    MEMORY.loaded = False
