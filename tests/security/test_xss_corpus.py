"""Every XSS vector of the corpus, through every user text field and the import, rendered in
chromium on every page that shows them: no dialog opens and no executable markup survives.

Many vectors share a page (a work holds dozens in each field), so the whole corpus takes a few
hundred page loads. The figures are printed for the record (run with -s to see them)."""

import time
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.browser.conftest import DESKTOP
from tests.security.corpus import FANDOM, FIELD_NAMES, build_archive, packed, vectors

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


def _search_pages() -> list[str]:
    """Search forms echo what was typed (and quote it in messages): every vector in every
    field, packed into as few searches as the fields' limits allow."""
    fields = ["q", "title", "creator", "fandoms", "freeforms", "include", "words", "posted"]
    pieces = packed(vectors(), settings.FANSHELF_SEARCH_QUERY_MAX_LENGTH - 10)
    return [
        "/search/?"
        + urlencode({name: pieces[(i + k) % len(pieces)] for k, name in enumerate(fields)})
        for i in range(len(pieces))
    ]


def test_no_vector_runs_on_any_page(chromium, live_server, author):
    started = time.monotonic()
    archive = build_archive(author)
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

    context = _logged_in_context(chromium, live_server, author)
    page = context.new_page()
    dialogs, findings = [], []
    page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.message)), dialog.dismiss()))
    statuses = {}
    for url in urls:
        response = page.goto(live_server.url + url, wait_until="load")
        statuses[url] = response.status
        page.wait_for_timeout(5)  # let animation and toggle events fire
        findings += [(url, marker) for marker in page.evaluate(MARKERS)]
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
    context.close()
    print(
        f"\nXSS corpus: {len(vectors())} vectors x {len(FIELD_NAMES)} fields "
        f"({archive.placements:,} stored placements in {len(works)} works) "
        f"x {len(urls)} pages; dialogs {len(dialogs)}, markers {len(findings)}; "
        f"refused by the services: {len(archive.refused)}; "
        f"{built - started:.0f} s to build, {time.monotonic() - built:.0f} s in chromium"
    )
    assert not [u for u, status in statuses.items() if status >= 500]
    assert dialogs == []
    assert findings == []
