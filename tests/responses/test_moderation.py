import html
import http.server
import threading
import urllib.parse

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from fanshelf.inbox.selectors import inbox_for
from fanshelf.responses import services
from fanshelf.responses.models import Comment

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_moderated_works_comment_waits_until_the_author_approves(
    as_user, as_author, author, reader, work, settle
):
    services.comment_settings_update(work=work, permission="registered", moderated=True)
    url = reverse("responses:comment_new", args=[work.pk])
    page = settle(as_user.post, url, {"content": "Hold me"}, follow=True)
    assert "awaiting approval" in text(page)
    held = Comment.objects.get()
    assert held.status == "pending"
    assert "Hold me" not in text(Client().get(work.get_absolute_url() + "?show_comments=1"))
    mine = text(as_user.get(work.get_absolute_url() + "?show_comments=1"))
    assert "Hold me" in mine and "Your comment is awaiting approval." in mine
    work.refresh_from_db()
    assert work.comment_count == 0
    queue = text(as_author.get(reverse("responses:queue", args=[work.pk])))
    assert "Hold me" in queue
    settle(as_author.post, reverse("responses:approve", args=[held.pk]))
    held.refresh_from_db()
    work.refresh_from_db()
    assert held.status == "approved" and work.comment_count == 1
    assert "Hold me" in text(Client().get(work.get_absolute_url() + "?show_comments=1"))
    subjects = [r.subject for r in inbox_for(user=author)]
    assert subjects == ["reader left a comment on “Tea at Baker Street”"]


def test_a_rejected_comment_is_gone(as_user, as_author, work, settle):
    services.comment_settings_update(work=work, permission="registered", moderated=True)
    settle(as_user.post, reverse("responses:comment_new", args=[work.pk]), {"content": "No"})
    settle(as_author.post, reverse("responses:reject", args=[Comment.objects.get().pk]))
    assert not Comment.objects.exists()


def test_only_the_creators_see_the_queue_and_settings(as_user, work):
    assert as_user.get(reverse("responses:queue", args=[work.pk])).status_code == 404
    assert as_user.get(reverse("responses:settings", args=[work.pk])).status_code == 404


def test_the_author_chooses_who_can_comment(as_author, work):
    url = reverse("responses:settings", args=[work.pk])
    as_author.post(url, {"permission": "anyone", "moderated": "on"})
    work.refresh_from_db()
    assert work.comment_settings.permission == "anyone" and work.comment_settings.moderated


def test_a_guest_comment_full_of_links_and_spam_words_goes_to_the_queue(work, settle):
    services.comment_settings_update(work=work, permission="anyone", moderated=False)
    spammy = "Cheap casino http://a.example http://b.example http://c.example"
    settle(
        Client(REMOTE_ADDR="198.51.100.9").post,
        reverse("responses:comment_new", args=[work.pk]),
        {"content": spammy, "guest_name": "Spam", "guest_email": "s@example.invalid"},
    )
    held = Comment.objects.get()
    assert held.status == "pending" and held.held_reason.startswith("Held as possible spam: ")
    assert "links" in held.held_reason
    # The site's moderators see it too, and can use the spam action on whoever sent it.
    from fanshelf.moderation.models import Report

    report = Report.objects.get(target_kind="comment", target_id=held.pk)
    assert report.reporter is None and report.reason == "spam"


def test_an_ordinary_guest_comment_is_posted(work, settle):
    services.comment_settings_update(work=work, permission="anyone", moderated=False)
    settle(
        Client(REMOTE_ADDR="198.51.100.9").post,
        reverse("responses:comment_new", args=[work.pk]),
        {"content": "What a lovely story.", "guest_name": "Ann", "guest_email": "a@ex.invalid"},
    )
    assert Comment.objects.get().status == "approved"


def test_moderators_hide_a_comment_and_its_notifications_go(
    as_user, author, make_user, work, settle
):
    settle(as_user.post, reverse("responses:comment_new", args=[work.pk]), {"content": "Rude"})
    moderator = make_user("mod")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    staff_only = make_user("admin")
    staff_only.is_staff = True
    staff_only.save()
    target = Comment.objects.get()
    for not_a_moderator in (author, staff_only):
        with pytest.raises(ValidationError):
            services.comment_hide(comment=target, reason="Harassment", by=not_a_moderator)
    settle(services.comment_hide, comment=target, reason="Harassment", by=moderator)
    target.refresh_from_db()
    work.refresh_from_db()
    assert target.hidden_reason == "Harassment" and work.comment_count == 0
    assert not inbox_for(user=author).exists()
    assert "Rude" not in text(Client().get(work.get_absolute_url() + "?show_comments=1"))


class _SpamService(http.server.BaseHTTPRequestHandler):
    """An Akismet-compatible service that calls every comment mentioning "pills" spam. As
    Akismet does, it refuses a check without the commenter's network address."""

    seen: list[dict] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        fields = {key: values[0] for key, values in urllib.parse.parse_qs(body).items()}
        _SpamService.seen.append(fields)
        self.send_response(200)
        if not fields.get("user_ip"):
            self.send_header("X-akismet-debug-help", 'Empty "user_ip" value')
            self.end_headers()
            self.wfile.write(b"Missing required field: user_ip.")
            return
        self.end_headers()
        self.wfile.write(b"true" if "pills" in fields.get("comment_content", "") else b"false")

    def log_message(self, *args):
        pass


@pytest.fixture
def spam_service(settings):
    server = None
    for port in range(8149, 8142, -1):  # this worktree's ports; the first free one
        try:
            server = http.server.HTTPServer(("127.0.0.1", port), _SpamService)
            break
        except OSError:
            continue
    if server is None:
        pytest.skip("no free port for the fake spam service")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.FANSHELF_AKISMET_KEY = "test-key"
    settings.FANSHELF_AKISMET_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.FANSHELF_AKISMET_TIMEOUT = 5
    yield
    server.shutdown()
    server.server_close()


def test_the_spam_service_holds_a_new_accounts_spam_for_approval(
    spam_service, as_user, work, settle
):
    _SpamService.seen.clear()
    url = reverse("responses:comment_new", args=[work.pk])
    settle(as_user.post, url, {"content": "Buy pills"}, REMOTE_ADDR="198.51.100.4")
    settle(as_user.post, url, {"content": "Lovely chapter"}, REMOTE_ADDR="198.51.100.4")
    states = dict(Comment.objects.values_list("content", "status"))
    assert states == {"<p>Buy pills</p>": "pending", "<p>Lovely chapter</p>": "approved"}
    asked = _SpamService.seen[0]
    assert asked["user_ip"] == "198.51.100.4" and asked["user_agent"].startswith("Mozilla/")
    assert asked["comment_author"] == "reader" and asked["comment_type"] == "comment"
