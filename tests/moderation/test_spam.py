"""Likely spam from new or little-active accounts waits for a moderator instead of going public."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import override_settings
from django.utils import timezone

from fanshelf.moderation.models import ModerationAction, Report
from fanshelf.works import services

ADVERT = (
    "Buy now at the best price! Click here: https://shop.example.invalid/deal "
    "and https://shop.example.invalid/more, casino bonus and crypto, limited offer. "
) * 8


def _post(user, title, text):
    return services.work_create(
        pseuds=[user.default_pseud],
        title=title,
        chapters=[services.ChapterInput(text=text)],
        text_format="plain",
    )


def test_a_new_accounts_advert_waits_for_a_moderator_and_the_author_is_told(client, author):
    work = _post(author, "Great deals", ADVERT)
    work.refresh_from_db()
    assert work.hidden_by_admin
    report = Report.objects.get()
    assert report.reporter is None and report.reason == "spam"
    assert "link" in report.description and "advertising words" in report.description
    assert ModerationAction.objects.get().kind == "hold"
    assert "Great deals" not in client.get("/").content.decode()
    client.force_login(author)
    own = client.get(f"/works/{work.pk}/").content.decode()
    assert "Waiting for a moderator" in own
    inbox = client.get("/inbox/").content.decode()
    assert "“Great deals” waits for a moderator" in inbox


def test_ordinary_prose_by_a_new_account_goes_public(client, author):
    text = (
        "The rain had not stopped for three days, and Martha counted the drops on the glass "
        "while the kettle sang. Nobody came up the lane. At dusk she lit the lamp anyway."
    )
    work = _post(author, "Rain", text)
    work.refresh_from_db()
    assert not work.hidden_by_admin
    assert not Report.objects.exists()


def test_an_established_account_is_never_held(client, author):
    author.date_joined = timezone.now() - datetime.timedelta(days=400)
    author.save(update_fields=["date_joined"])
    for n in range(3):
        _post(author, f"Story {n}", "A quiet story about a lighthouse.")
    work = _post(author, "Links to my other stories", ADVERT)
    work.refresh_from_db()
    assert not work.hidden_by_admin


def test_an_established_commenters_first_work_is_not_held(author, reader):
    """Approved comments count as activity for works as they do for comments: one history."""
    from fanshelf.responses.services import comment_post

    story = _post(author, "A lighthouse", "A quiet story about a lighthouse.")
    reader.date_joined = timezone.now() - datetime.timedelta(days=400)
    reader.save(update_fields=["date_joined"])
    for remark in ("Lovely.", "The ending!", "Thank you for this."):
        comment_post(work=story, user=reader, content=remark)
    work = _post(reader, "Links to the stories I like", ADVERT)
    work.refresh_from_db()
    assert not work.hidden_by_admin


def test_a_moderator_approves_held_work_by_dismissing_and_unhiding(client, author, moderator):
    from fanshelf.moderation import services as moderation
    from fanshelf.moderation import targets

    work = _post(author, "Great deals", ADVERT)
    moderation.content_unhide(
        moderator=moderator,
        target=targets.resolve("work", work.pk, viewer=None, moderator=True),
        reason="A real story after all.",
    )
    assert client.get(f"/works/{work.pk}/").status_code == 200


class _SpamService(BaseHTTPRequestHandler):
    seen: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        _SpamService.seen.append((self.path, body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"true" if "magic+beans" in body else b"false")

    def log_message(self, *args):
        pass


@pytest.fixture
def spam_service():
    server = HTTPServer(("127.0.0.1", 0), _SpamService)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_an_akismet_compatible_service_can_hold_what_the_rules_let_through(author, spam_service):
    with override_settings(FANSHELF_AKISMET_URL=spam_service, FANSHELF_AKISMET_KEY="k"):
        held = _post(author, "Beans", "A short tale of magic beans and a cow.")
        fine = _post(author, "Cow", "A short tale of a cow and a quiet field.")
    held.refresh_from_db()
    fine.refresh_from_db()
    assert held.hidden_by_admin and not fine.hidden_by_admin
    assert all(path == "/1.1/comment-check" for path, _ in _SpamService.seen)


def test_an_unreachable_spam_service_lets_the_work_through(author):
    with override_settings(FANSHELF_AKISMET_URL="http://127.0.0.1:9", FANSHELF_AKISMET_TIMEOUT=1):
        work = _post(author, "Beans", "A short tale of magic beans and a cow.")
    work.refresh_from_db()
    assert not work.hidden_by_admin
