"""Moderators act on reports; every action is logged; users see what was done and can appeal."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from fanshelf.moderation import services, targets
from fanshelf.moderation.models import Appeal, ModerationAction, Report


def _report(reader, work, reason="harassment"):
    return services.report_file(
        reporter=reader, kind="work", target_id=work.pk, reason=reason, description=""
    )


def test_only_moderators_open_the_queue(client, reader, moderator, post_work):
    _report(reader, post_work("Reported"))
    client.force_login(reader)
    assert client.get("/moderation/").status_code == 403
    client.force_login(moderator)
    page = client.get("/moderation/").content.decode()
    assert "the work “Reported”" in page and "Harassment or threats" in page


def test_hiding_a_work_takes_it_out_of_listings_and_the_creator_sees_why(
    client, reader, moderator, post_work, old_author, django_capture_on_commit_callbacks
):
    work = post_work("Harmful")
    report = _report(reader, work)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/moderation/reports/{report.pk}/",
            {"action": "hide", "reason": "Targets a real person by name."},
        )
    report.refresh_from_db()
    assert report.status == Report.Status.ACTIONED
    client.logout()
    assert client.get(f"/works/{work.pk}/").status_code == 404
    assert "Harmful" not in client.get("/").content.decode()
    assert "0 works found" in client.get("/search/", {"q": "Harmful"}).content.decode()
    client.force_login(old_author)
    own = client.get(f"/works/{work.pk}/").content.decode()
    assert "Hidden by the archive's moderators" in own
    assert "Targets a real person by name." in own
    assert any("Moderators hid your work" in m.subject for m in mail.outbox)


def test_an_appeal_granted_brings_the_work_back(client, reader, moderator, post_work, old_author):
    work = post_work("Misjudged")
    services.content_hide(
        moderator=moderator,
        target=targets.resolve("work", work.pk, viewer=None, moderator=True),
        reason="Looked like spam.",
        report=_report(reader, work),
    )
    client.force_login(old_author)
    action = ModerationAction.objects.get(kind="hide")
    client.post("/moderation/appeal/", {"action": action.pk, "text": "It is a real story."})
    appeal = Appeal.objects.get()
    client.force_login(moderator)
    appeals = client.get("/moderation/appeals/").content.decode()
    assert "It is a real story." in appeals
    assert f'href="/moderation/reports/{action.report_id}/">the report' in appeals
    client.post(
        "/moderation/appeals/",
        {"appeal": appeal.pk, "decision": "grant", "answer": "You are right, sorry."},
    )
    client.logout()
    assert client.get(f"/works/{work.pk}/").status_code == 200
    assert ModerationAction.objects.filter(kind="appeal").exists()


def test_the_moderation_log_cannot_be_changed(moderator, reader, post_work):
    services.report_dismiss(
        moderator=moderator, report=_report(reader, post_work()), reason="Not a problem."
    )
    entry = ModerationAction.objects.get()
    entry.reason = "rewritten"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert ModerationAction.objects.get().reason == "Not a problem."


def test_every_action_needs_a_reason(client, moderator, reader, post_work):
    report = _report(reader, post_work())
    client.force_login(moderator)
    response = client.post(f"/moderation/reports/{report.pk}/", {"action": "warn", "reason": ""})
    assert "This field is required" in response.content.decode()
    assert not ModerationAction.objects.exists()


def test_a_suspended_user_reads_but_cannot_post_and_is_told_until_when(
    client, moderator, reader, post_work, old_author
):
    work = post_work("Still readable")
    services.user_suspend(moderator=moderator, user=reader, days=3, reason="Spamming comments.")
    client.force_login(reader)
    assert client.get(f"/works/{work.pk}/").status_code == 200
    refused = client.post("/works/new/", {"title": "New"})
    assert refused.status_code == 403
    text = refused.content.decode()
    assert "suspended until" in text and "Spamming comments." in text
    services.user_unsuspend(moderator=moderator, user=reader, reason="Served.")
    assert client.post("/works/new/", {"title": "New"}).status_code != 403


def test_a_banned_user_cannot_log_in_and_is_told_why(client, moderator, reader):
    client.force_login(reader)
    services.user_ban(moderator=moderator, user=reader, reason="Repeated harassment.")
    ended = client.get("/", follow=True).content.decode()
    assert "This account is banned" in ended and "Repeated harassment." in ended
    login = client.post(
        "/login/", {"username": "reader", "password": "a long passphrase 2"}
    ).content.decode()
    assert "This account is banned" in login
    assert "_auth_user_id" not in client.session


def test_staff_cannot_be_suspended_or_banned_by_moderators(moderator, reader):
    from django.core.exceptions import ValidationError

    reader.is_staff = True
    reader.save()
    with pytest.raises(ValidationError):
        services.user_ban(moderator=moderator, user=reader, reason="no")


def test_the_spam_action_hides_everything_and_suspends_in_one_step(
    client, moderator, reader, post_work, old_author
):
    first, second = post_work("Buy one"), post_work("Buy two")
    report = _report(reader, first, reason="spam")
    client.force_login(moderator)
    client.post(f"/moderation/reports/{report.pk}/", {"action": "spam", "reason": "Advertising."})
    old_author.refresh_from_db()
    assert old_author.suspended_until > timezone.now() + datetime.timedelta(days=300)
    for work in (first, second):
        work.refresh_from_db()
        assert work.hidden_by_admin
    assert ModerationAction.objects.filter(kind="spam", target_user=old_author).count() == 1


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/works/{id}/comments/", {"content": "Still here."}),
        ("/works/{id}/kudos/", {}),
        ("/works/{id}/bookmark/", {"notes": "Keep.", "text_format": "plain"}),
    ],
    ids=["comment", "kudos", "bookmark"],
)
def test_a_suspended_user_cannot_comment_leave_kudos_or_bookmark(
    client, moderator, reader, post_work, path, data
):
    from fanshelf.library.models import Bookmark
    from fanshelf.responses.models import Comment, Kudos

    work = post_work("Still readable")
    services.user_suspend(moderator=moderator, user=reader, days=3, reason="Cooling off.")
    client.force_login(reader)
    refused = client.post(path.format(id=work.pk), data)
    assert refused.status_code == 403
    assert "suspended until" in refused.content.decode()
    assert not (Comment.objects.exists() or Kudos.objects.exists() or Bookmark.objects.exists())


def test_the_spam_action_tells_the_account_why_and_until_when(
    client, moderator, reader, post_work, old_author
):
    report = _report(reader, post_work("Buy one"), reason="spam")
    services.spam_remove(moderator=moderator, user=old_author, reason="Advertising.", report=report)
    client.force_login(old_author)
    inbox = client.get("/inbox/").content.decode()
    assert "Your account is suspended" in inbox
    assert "Advertising." in inbox and "Until " in inbox


def test_lifting_something_that_is_not_a_suspension_or_a_ban_is_not_found(
    client, moderator, reader
):
    services.user_suspend(moderator=moderator, user=reader, days=3, reason="Cooling off.")
    client.force_login(moderator)
    assert client.post(f"/moderation/users/{reader.pk}/pardon/").status_code == 404
    assert client.post(f"/moderation/users/{reader.pk}/unsuspend/").status_code == 302
    reader.refresh_from_db()
    assert reader.suspended_until is None
    assert list(ModerationAction.objects.values_list("kind", flat=True)) == ["unsuspend", "suspend"]


def test_a_report_page_offers_only_the_actions_that_apply_and_the_log_links_back(
    client, moderator, reader, old_author, post_work
):
    profile = services.report_file(
        reporter=reader, kind="profile", target_id=old_author.pk, reason="harassment",
        description="",
    )  # fmt: skip
    client.force_login(moderator)
    page = client.get(f"/moderation/reports/{profile.pk}/").content.decode()
    assert "Hide the content" not in page and "Suspend the user" in page
    refused = client.post(
        f"/moderation/reports/{profile.pk}/", {"action": "hide", "reason": "Nasty."}
    )
    assert "Select a valid choice" in refused.content.decode()
    report = _report(reader, post_work("Reported"))
    assert "Hide the content" in client.get(f"/moderation/reports/{report.pk}/").content.decode()
    client.post(f"/moderation/reports/{report.pk}/", {"action": "hide", "reason": "Nasty."})
    log = client.get("/moderation/log/").content.decode()
    assert f'href="/moderation/reports/{report.pk}/">the report</a>' in log
