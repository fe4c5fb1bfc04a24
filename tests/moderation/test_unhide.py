"""Moderators unhide hidden content from the log or the report's page; the reason is logged."""

import datetime

from django.core import mail
from django.test import Client
from django.utils import timezone

from fanshelf.moderation import services, targets
from fanshelf.moderation.models import ModerationAction, Report
from fanshelf.responses.services import comment_post


def _hidden_work(moderator, reader, post_work, title="Misjudged"):
    work = post_work(title)
    report = services.report_file(
        reporter=reader, kind="work", target_id=work.pk, reason="harassment", description=""
    )
    services.content_hide(
        moderator=moderator,
        target=targets.resolve("work", work.pk, viewer=None, moderator=True),
        reason="Looked like harassment.",
        report=report,
    )
    return work, report


def test_a_moderator_unhides_a_work_from_the_log_and_it_is_listed_again(
    client, reader, moderator, post_work, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        work, _ = _hidden_work(moderator, reader, post_work)
    assert "0 works found" in client.get("/search/", {"q": "Misjudged"}).content.decode()
    client.force_login(moderator)
    log = client.get("/moderation/log/").content.decode()
    url = f"/moderation/hidden/work/{work.pk}/unhide/"
    assert f'action="{url}"' in log
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"reason": "A real story after all.", "next": "/moderation/log/"}, follow=True
        )
    page = response.content.decode()
    assert "is visible again" in page and "A real story after all." in page
    assert f'action="{url}"' not in page  # nothing left to unhide
    entry = ModerationAction.objects.get(kind="unhide")
    assert (entry.moderator, entry.target_kind, entry.target_id) == (moderator, "work", work.pk)
    client.logout()
    assert client.get(f"/works/{work.pk}/").status_code == 200
    assert "Misjudged" in client.get("/").content.decode()
    assert "1 work found" in client.get("/search/", {"q": "Misjudged"}).content.decode()
    assert any("visible again" in message.subject for message in mail.outbox)


def test_a_comment_unhidden_from_its_report_page_counts_again(
    client, reader, moderator, post_work, django_capture_on_commit_callbacks
):
    work = post_work("Open Letters")
    reader.date_joined = timezone.now() - datetime.timedelta(days=400)
    reader.save(update_fields=["date_joined"])
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_post(work=work, user=reader, content="A fair remark after all.")
    report = services.report_file(
        reporter=moderator, kind="comment", target_id=comment.pk, reason="other", description=""
    )
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/moderation/reports/{report.pk}/", {"action": "hide", "reason": "Rude."})
    work.refresh_from_db()
    assert work.comment_count == 0
    page = client.get(f"/moderation/reports/{report.pk}/").content.decode()
    assert "Hidden now" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/moderation/hidden/comment/{comment.pk}/unhide/",
            {"reason": "Read it again: not rude.", "next": f"/moderation/reports/{report.pk}/"},
        )
    comment.refresh_from_db()
    work.refresh_from_db()
    assert comment.hidden_at is None and work.comment_count == 1
    assert "Hidden now" not in client.get(f"/moderation/reports/{report.pk}/").content.decode()
    shown = Client().get(f"/works/{work.pk}/?show_comments=1").content.decode()
    assert "A fair remark after all." in shown


def test_only_moderators_unhide_and_only_by_a_post_with_its_csrf_token(
    client, reader, moderator, post_work
):
    work, _ = _hidden_work(moderator, reader, post_work)
    url = f"/moderation/hidden/work/{work.pk}/unhide/"
    client.force_login(reader)
    assert client.post(url, {"reason": "I like it."}).status_code == 403
    client.force_login(moderator)
    assert client.get(url).status_code == 405
    no_token = Client(enforce_csrf_checks=True)
    no_token.force_login(moderator)
    assert no_token.post(url, {"reason": "Fine."}).status_code == 403
    work.refresh_from_db()
    assert work.hidden_by_admin
    assert not ModerationAction.objects.filter(kind="unhide").exists()


def test_unhiding_needs_a_reason_and_something_hidden(client, reader, moderator, post_work):
    work, _ = _hidden_work(moderator, reader, post_work)
    client.force_login(moderator)
    url = f"/moderation/hidden/work/{work.pk}/unhide/"
    page = client.post(url, {"reason": "  "}, follow=True).content.decode()
    assert "Say why you unhide it" in page
    work.refresh_from_db()
    assert work.hidden_by_admin
    visible = post_work("Never hidden")
    page = client.post(
        f"/moderation/hidden/work/{visible.pk}/unhide/", {"reason": "Just in case."}, follow=True
    ).content.decode()
    assert "is not hidden" in page
    assert not ModerationAction.objects.filter(kind="unhide").exists()
    missing = client.post("/moderation/hidden/work/999999/unhide/", {"reason": "Why not."})
    assert missing.status_code == 404


def test_a_held_work_is_approved_from_its_report_page(client, author, moderator):
    from fanshelf.works import services as work_services

    work = work_services.work_create(
        pseuds=[author.default_pseud],
        title="Great deals",
        chapters=[work_services.ChapterInput(text="Buy now! https://shop.example.invalid " * 40)],
        text_format="plain",
    )
    report = Report.objects.get()
    client.force_login(moderator)
    assert "Hidden now" in client.get(f"/moderation/reports/{report.pk}/").content.decode()
    client.post(f"/moderation/reports/{report.pk}/", {"action": "dismiss", "reason": "Not spam."})
    client.post(f"/moderation/hidden/work/{work.pk}/unhide/", {"reason": "A real shop story."})
    work.refresh_from_db()
    assert not work.hidden_by_admin
    assert Client().get(f"/works/{work.pk}/").status_code == 200
