"""The XSS corpus in the text fields the corpus archive (test_xss_corpus.py) does not fill:
saved-search names (the reader's list and the inbox notices of new matches), appeals, and the
reasons and answers moderators write (the user's appeal page, the appeals queue, the log and the
inbox). Rendered in chromium: no dialog opens and no executable markup survives."""

import pytest
from django.urls import reverse

from fanshelf.core.text import clean_text
from fanshelf.inbox.models import Notification
from fanshelf.moderation import services as moderation
from fanshelf.moderation.models import Appeal, ModerationAction
from fanshelf.search.saved_searches import saved_search_create, saved_searches_check
from fanshelf.works import services as work_services
from tests.security.corpus import packed, vectors
from tests.security.test_xss_corpus import _logged_in_context, _visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED_SEARCH_NAME_MAX_LENGTH = 100  # search.saved_searches.saved_search_create


def _pages(first: str, count: int, per_page: int) -> list[str]:
    joiner = "&" if "?" in first else "?"
    return [f"{first}{joiner}page={n}" for n in range(1, -(-count // per_page) + 1)]


def test_no_vector_runs_from_saved_search_names_appeals_or_moderators_reasons(
    chromium, live_server, author, reader, settings
):
    # Forms pass every value through clean_text first; the corpus comes the same way.
    armed = [clean_text(vector) for vector in vectors()]
    names = packed(armed, SAVED_SEARCH_NAME_MAX_LENGTH)
    settings.FANSHELF_SAVED_SEARCHES_MAX = len(names)
    for name in names:
        saved_search_create(user=reader, name=name, params="")
    work_services.work_create(
        pseuds=[author.default_pseud],
        title="Harbour Lights",
        chapters=[work_services.ChapterInput(text="<p>Lanterns on the water.</p>")],
    )
    assert saved_searches_check() == len(names)

    moderator = author
    moderator.is_superuser = True
    moderator.save()
    texts = packed(armed, settings.FANSHELF_REPORT_DESCRIPTION_MAX_LENGTH)
    # Each piece twice: one appeal answered (the answer reaches the log and the inbox), one
    # left open (the appeals queue shows it).
    for text in texts * 2:
        moderation.user_warn(moderator=moderator, user=reader, reason=text)
    actions = ModerationAction.objects.filter(target_user=reader).order_by("pk")
    for action, text in zip(actions, texts * 2, strict=True):
        moderation.appeal_file(user=reader, action=action, text=text)
    appeals = list(Appeal.objects.order_by("pk"))
    for appeal, text in zip(appeals[: len(texts)], texts, strict=True):
        moderation.appeal_answer(moderator=moderator, appeal=appeal, grant=False, answer=text)

    logged = 3 * len(texts)  # the warnings and the answers
    page_size = settings.FANSHELF_MODERATION_PAGE_SIZE
    inbox = Notification.objects.filter(recipient=reader, in_inbox=True).count()
    reader_urls = [
        reverse("search:saved"),
        reverse("moderation:appeal"),
        *_pages("/inbox/?show=all", inbox, settings.FANSHELF_INBOX_PER_PAGE),
    ]
    moderator_urls = [
        *_pages(reverse("moderation:appeals"), len(texts), page_size),
        *_pages(reverse("moderation:log"), logged, page_size),
    ]
    dialogs, findings, statuses = [], [], {}
    for user, urls in ((reader, reader_urls), (moderator, moderator_urls)):
        context = _logged_in_context(chromium, live_server, user)
        _visit(context.new_page(), live_server, urls, dialogs, findings, statuses)
        context.close()
    print(
        f"\n{len(armed)} vectors: {len(names)} saved-search names, {2 * len(texts)} warnings "
        f"and appeals, {len(texts)} answers; {inbox} inbox notices; {len(statuses)} pages"
    )
    assert [status for status in statuses.values() if status != 200] == []
    assert dialogs == []
    assert findings == []
