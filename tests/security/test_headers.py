"""Every HTML response carries the Content-Security-Policy (no inline script) and the
Permissions-Policy: every page reachable by links from the front page, as a guest and as a
staff member, and the error pages."""

import re
from collections import deque

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fanshelf.tags.models import Tag, TagType
from fanshelf.works import services

pytestmark = pytest.mark.django_db

_LINK = re.compile(r'href="(/[^"#]*)"')
_SKIPPED = ("/static/", "logout", "/admin/jsi18n", "feed.atom", "/download/")
MAX_PAGES = 150


def _check(response, address: str) -> None:
    if not response["Content-Type"].startswith("text/html"):
        return
    policy = response.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy, f"{address} ({response.status_code}) has no CSP"
    assert "unsafe-inline" not in policy
    assert response.get("Permissions-Policy"), f"{address} has no Permissions-Policy"


def _crawl(client) -> int:
    seen, queue = {"/"}, deque(["/"])
    while queue and len(seen) <= MAX_PAGES:
        address = queue.popleft()
        response = client.get(address)
        _check(response, address)
        # A downloaded file (an HTML work) is no page of the archive: its links aren't followed.
        page = not response.streaming and response["Content-Type"].startswith("text/html")
        if response.status_code == 200 and page:
            for link in _LINK.findall(response.content.decode()):
                link = link.replace("&amp;", "&")
                if link not in seen and not any(s in link for s in _SKIPPED):
                    seen.add(link)
                    queue.append(link)
    return len(seen)


@pytest.fixture
def archive(author, django_capture_on_commit_callbacks):
    Tag.objects.create(name="Doctor Who", type=TagType.FANDOM, canonical=True)
    with django_capture_on_commit_callbacks(execute=True):  # indexing, as after a real post
        _post(author)


def _post(author):
    services.work_create(
        pseuds=[author.default_pseud],
        title="Lanterns",
        chapters=[services.ChapterInput(text="One."), services.ChapterInput(text="Two.")],
        text_format="plain",
        tags={
            "rating": "General Audiences",
            "warnings": ["No Archive Warnings Apply"],
            "fandoms": ["Doctor Who"],
            "freeforms": ["Fluff"],
        },
    )


def test_every_page_a_guest_reaches_has_the_policies(client, archive):
    assert _crawl(client) > 10


def test_every_page_staff_reaches_has_the_policies(client, archive, author):
    author.is_staff = author.is_superuser = True
    author.save()
    client.force_login(author)
    assert _crawl(client) > 30


def test_error_pages_have_the_policies(client, author):
    _check(client.get("/works/999999/"), "missing work")
    _check(client.get("/tags/%00/"), "control character")
    _check(client.get("/search/", {"words": "9" * 400}), "bad search")
    client.force_login(author)
    upload = SimpleUploadedFile("x.docx", b"x")
    _check(client.post("/works/import/", {"file": upload}), "refused upload")
    too_large = client.generic(
        "POST",
        "/works/import/",
        data=b"-",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(60 * 1024 * 1024),
    )
    assert too_large.status_code == 413
    _check(too_large, "too large upload")
