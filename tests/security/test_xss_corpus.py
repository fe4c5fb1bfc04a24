"""Every XSS vector of the corpus, through every user text field and the import, rendered in
chromium on every page that shows them: no dialog opens and no executable markup survives.

Many vectors share a page (a work holds dozens in each field), so the whole corpus takes a few
hundred page loads. The figures are printed for the record (run with -s to see them)."""

import time
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from fanshelf.accounts.services import user_signup
from fanshelf.inbox.models import Notification
from fanshelf.library.models import ShelfPreferences
from fanshelf.library.subscription_services import subscribe
from fanshelf.works import services as work_services
from fanshelf.works.models import Work
from tests.browser.conftest import DESKTOP
from tests.security.corpus import FANDOM, FIELD_NAMES, build_archive, packed, vectors
from tests.security.corpus_responses import FIELD_NAMES as RESPONSE_FIELDS
from tests.security.corpus_responses import build_responses
from tests.security.feeds import feed_findings, next_link, vector_numbers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Anything in the rendered page that could run script or dress up as the archive.
MARKERS = """() => {
  const found = [];
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'];
  for (const el of document.querySelectorAll('*')) {
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${el.tagName} ${name}`);
      if (name === 'style') found.push(`${el.tagName} style`);
      if (urlAttributes.includes(name) && /^\\s*(javascript|data|vbscript):/i.test(attribute.value))
        found.push(`${el.tagName} ${name}=${attribute.value.slice(0, 40)}`);
    }
    const tag = el.tagName.toLowerCase();
    if (tag === 'script' && !(el.src || '').startsWith(location.origin + '/static/'))
      found.push('script');
    if (['iframe', 'object', 'embed', 'frame', 'base', 'svg', 'math', 'link'].includes(tag)
        && el.closest('body')) found.push(tag);
    if ((tag === 'style' || tag === 'meta') && el.closest('body')) found.push(tag);
    const action = tag === 'form' && el.getAttribute('action');
    if (action && new URL(action, location.href).origin !== location.origin)
      found.push(`form action ${action}`);
  }
  return found.concat(window.__pwned ? ['__pwned'] : []);
}"""


def _moderator():
    user = user_signup(
        username="moderator", email="moderator@example.invalid", password="a long passphrase 3"
    )
    user.user_permissions.add(
        Permission.objects.get(codename="moderate", content_type__app_label="moderation")
    )
    return user


def _logged_in_context(chromium, live_server, user):
    client = Client()
    client.force_login(user)
    context = chromium.new_context(viewport=DESKTOP)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    # Only the archive answers: images and frames pointing elsewhere fail at once, as they
    # would for a reader offline (and no test reaches the network).
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    return context


def _listing_pages(first: str, works: int) -> list[str]:
    pages = -(-works // settings.FANSHELF_WORKS_PER_PAGE)
    joiner = "&" if "?" in first else "?"
    return [f"{first}{joiner}page={n}" for n in range(1, pages + 1)]


WORK_SEARCH_FIELDS = ["q", "title", "creator", "fandoms", "freeforms", "include", "words", "posted"]


def _search_pages(path: str = "/search/", fields: list[str] = WORK_SEARCH_FIELDS) -> list[str]:
    """Search forms echo what was typed (and quote it in messages): every vector in every
    field, packed into as few searches as the fields' limits allow."""
    pieces = packed(vectors(), settings.FANSHELF_SEARCH_QUERY_MAX_LENGTH - 10)
    return [
        f"{path}?"
        + urlencode({name: pieces[(i + k) % len(pieces)] for k, name in enumerate(fields)})
        for i in range(len(pieces))
    ]


def _response_pages(found, author) -> list[str]:
    """The author's view of comments, bookmarks and series; all but the queue are public."""
    work = found.comment_work
    top_level = [c for c in found.comments if c.parent_id is None]
    urls = [f"/works/{work.pk}/?show_comments=1"]
    urls += [reverse("responses:comment", args=[c.pk]) for c in top_level]
    urls += [reverse("responses:edit", args=[c.pk]) for c in top_level if c.user_id == author.pk]
    urls.append(reverse("responses:queue", args=[work.pk]))
    notifications = Notification.objects.filter(recipient=author, in_inbox=True).count()
    pages = -(-notifications // settings.FANSHELF_INBOX_PER_PAGE)
    urls += [f"/inbox/?show=all&page={n}" for n in range(1, pages + 1)]
    urls += [b.get_absolute_url() for b in found.bookmarks]
    urls += [reverse("library:work_bookmarks", args=[w.pk]) for w in found.bookmarked_works]
    reader = found.bookmarks[0].user.username
    urls += _listing_pages(reverse("library:user_bookmarks", args=[reader]), len(found.bookmarks))
    urls += _listing_pages(reverse("library:bookmarks"), len(found.bookmarks))
    urls += _search_pages(
        reverse("library:bookmarks"), ["include", "exclude", "bookmarker_tags", "notes"]
    )
    urls += [series.get_absolute_url() for series in found.series]
    return urls


def _moderator_pages(found) -> list[str]:
    pages = -(-len(found.reports) // settings.FANSHELF_MODERATION_PAGE_SIZE)
    urls = [f"{reverse('moderation:queue')}?page={n}" for n in range(1, pages + 1)]
    return urls + [reverse("moderation:report_detail", args=[r.pk]) for r in found.reports]


def _visit(page, live_server, urls, dialogs, findings, statuses) -> None:
    page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.message)), dialog.dismiss()))
    for url in urls:
        response = page.goto(live_server.url + url, wait_until="load")
        statuses[url] = response.status
        page.wait_for_timeout(5)  # let animation and toggle events fire
        findings += [(url, marker) for marker in page.evaluate(MARKERS)]


def _downloads(page, works, findings) -> int:
    """Each work's HTML file, opened as a reader opens a saved file: no archive headers (so no
    Content-Security-Policy) stand between its markup and the browser. The works the spam
    filter held back are let out first (as a moderator would), since hidden works have no file."""
    client = Client()
    for work in Work.objects.filter(pk__in=[w.pk for w in works], hidden_by_admin=True):
        work_services.work_unhide(work=work)
    for work in works:
        url = reverse("downloads:download", args=[work.pk, "html"])
        response = client.get(url)
        assert response.status_code == 200, url
        page.set_content(b"".join(response.streaming_content).decode(), wait_until="load")
        page.wait_for_timeout(5)
        findings += [(url, marker) for marker in page.evaluate(MARKERS)]
    return len(works)


def _feeds(archive, found, reader) -> tuple[int, list[str], set[int]]:
    """Every OPDS and Atom feed that lists the corpus, with every page of the long ones."""
    client = Client()
    client.force_login(reader)
    token = ShelfPreferences.objects.get_or_create(user=reader)[0].feed_token
    first = [
        reverse("downloads:opds_root"),
        reverse("downloads:opds_recent"),
        reverse("downloads:opds_fandoms"),
        reverse("downloads:opds_tag", args=[FANDOM]),
        reverse("downloads:opds_series_index"),
        *(reverse("downloads:opds_series", args=[s.pk]) for s in found.series),
        reverse("downloads:opds_shelf", args=["bookmarks"]),
        reverse("downloads:opds_opensearch"),
        reverse("search:tag_feed", args=[FANDOM]),
        reverse("library:feed", args=[token]),
    ]
    # May answer 404: a tag whose every work the spam filter holds back has no public feed,
    # and the catalogue refuses a search its query parser refuses (it has no form to show).
    refusable = {reverse("search:tag_feed", args=[tag.name]) for tag in archive.tags} | {
        reverse("downloads:opds_search") + "?" + urlencode({"q": piece})
        for piece in packed(vectors(), settings.FANSHELF_SEARCH_QUERY_MAX_LENGTH - 10)
    }
    fetched, findings, seen, queue = 0, [], set(), [*first, *refusable]
    while queue:
        url = queue.pop()
        response = client.get(url)
        if response.status_code == 404 and url in refusable:
            continue
        assert response.status_code == 200, url
        fetched += 1
        problems, text = feed_findings(url, response.content)
        findings += problems
        seen |= vector_numbers(text)
        following = None if problems else next_link(response.content)
        if following:
            queue.append(following)
    return fetched, findings, seen


def test_no_vector_runs_on_any_page(chromium, live_server, author, reader, settings):
    # The corpus is about markup, not pace: new accounts may post as many comments as it needs.
    settings.FANSHELF_COMMENT_RATE_COUNT = 10_000
    started = time.monotonic()
    moderator = _moderator()
    subscribe(user=reader, creator=author)
    archive = build_archive(author)
    found = build_responses(archive, author=author, reader=reader)
    built = time.monotonic()
    works = archive.works
    urls = []
    for work in archive.works_to_visit:
        chapter = work.chapters.get()
        urls += [
            f"/works/{work.pk}/?view_full_work=1",
            reverse("works:edit", args=[work.pk]),
            reverse("works:chapter_edit", args=[work.pk, chapter.pk]),
        ]
    urls += _listing_pages("/", len(works))
    urls += _listing_pages(f"/tags/{quote(FANDOM)}/works", len(works))
    urls += _listing_pages(f"/users/{author.username}/", len(works))
    urls += _listing_pages("/search/?" + urlencode({"tag": FANDOM}), len(works))
    urls += [tag.get_absolute_url() for tag in archive.tags]
    urls += ["/pseuds/", f"/tags/{quote(FANDOM)}/", *_search_pages()]
    urls += _response_pages(found, author)

    context = _logged_in_context(chromium, live_server, author)
    page = context.new_page()
    dialogs, findings, statuses = [], [], {}
    _visit(page, live_server, urls, dialogs, findings, statuses)
    # The import's review form, as the author sees it before posting.
    for suffix, name in ((".html", "corpus.html"), (".md", "corpus.md"), (".txt", "corpus.txt")):
        page.goto(live_server.url + reverse("works:import"))
        from tests.security.corpus import _import_files

        body = _import_files(vectors())[suffix]
        page.set_input_files(
            "input[type=file]", {"name": name, "mimeType": "text/plain", "buffer": body.encode()}
        )
        page.locator("form[enctype] [type=submit]").first.click()
        page.wait_for_load_state("load")
        urls.append(f"import review {suffix}")
        findings += [(f"import {suffix}", m) for m in page.evaluate(MARKERS)]
    files = _downloads(page, archive.works_to_visit, findings)
    context.close()
    context = _logged_in_context(chromium, live_server, moderator)
    page = context.new_page()
    moderation = _moderator_pages(found)
    _visit(page, live_server, moderation, dialogs, findings, statuses)
    context.close()
    feeds, feed_problems, in_feeds = _feeds(archive, found, reader)
    print(
        f"\nXSS corpus: {len(vectors())} vectors x {len(FIELD_NAMES)} fields "
        f"({archive.placements:,} stored placements in {len(works)} works) "
        f"x {len(urls)} pages; {len(vectors())} vectors x {len(RESPONSE_FIELDS)} more fields "
        f"({found.placements:,} placements in {len(found.comments)} comments, "
        f"{len(found.bookmarks)} bookmarks, {len(found.series)} series, "
        f"{len(found.reports)} reports) x {len(moderation)} moderator pages; "
        f"{files} HTML files; {feeds} feeds ({len(in_feeds)} vectors seen in them, "
        f"{len(feed_problems)} problems); dialogs {len(dialogs)}, markers {len(findings)}; "
        f"refused by the services: {len(archive.refused) + len(found.refused)}; "
        f"{built - started:.0f} s to build, {time.monotonic() - built:.0f} s in chromium"
    )
    assert not [u for u, status in statuses.items() if status >= 500]
    assert dialogs == []
    assert findings == []
    assert feed_problems == []
    # Titles are stored as typed, so the feeds listing every work name nearly every vector.
    assert len(in_feeds) > 0.9 * len(vectors())
