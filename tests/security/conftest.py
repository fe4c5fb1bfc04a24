# The browser tests' chromium, shared by the security tests that render pages.
from tests.browser.conftest import chromium  # noqa: F401
