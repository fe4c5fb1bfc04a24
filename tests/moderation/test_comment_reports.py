"""Comments can be reported; a moderator hides one and its writer sees it hidden, with why."""

import datetime

from django.utils import timezone

from fanshelf.moderation import services
from fanshelf.moderation.models import Report
from fanshelf.responses.models import Comment
from fanshelf.responses.services import comment_post


def _established(user):
    user.date_joined = timezone.now() - datetime.timedelta(days=400)
    user.save(update_fields=["date_joined"])
    return user


def test_a_reported_comment_is_hidden_and_its_writer_sees_the_reason(
    client, reader, moderator, post_work, old_author
):
    work = post_work("Open Letters")
    comment = comment_post(
        work=work, user=_established(reader), content="A cruel remark about the author."
    )
    client.force_login(old_author)
    page = client.get(f"/works/{work.pk}/?show_comments=1").content.decode()
    assert f"/moderation/report/comment/{comment.pk}/" in page
    client.post(
        f"/moderation/report/comment/{comment.pk}/",
        {"reason": "harassment", "description": "Aimed at me."},
    )
    report = Report.objects.get(target_kind="comment")
    assert report.target_user == reader
    assert "A cruel remark" in report.snapshot["text"]

    client.force_login(moderator)
    client.post(
        f"/moderation/reports/{report.pk}/", {"action": "hide", "reason": "Personal attack."}
    )
    comment.refresh_from_db()
    assert comment.hidden_at is not None and comment.hidden_reason == "Personal attack."

    client.force_login(old_author)
    author_view = client.get(f"/works/{work.pk}/?show_comments=1").content.decode()
    assert "A cruel remark" not in author_view
    assert "hidden by a moderator" in author_view
    client.force_login(reader)
    own = client.get(f"/works/{work.pk}/?show_comments=1").content.decode()
    assert "A cruel remark" in own and "Personal attack." in own


def test_nobody_reports_a_comment_on_a_work_they_cannot_open(
    client, reader, moderator, post_work, old_author
):
    work = post_work("Members", restricted=True)
    comment = comment_post(work=work, user=_established(reader), content="Inside the walls.")
    client.logout()
    response = client.get(f"/moderation/report/comment/{comment.pk}/")
    assert response.status_code == 302  # a guest logs in first
    outsider = moderator  # any logged-in user may open a restricted work; a draft is another matter
    work.posted = False
    work.save(update_fields=["posted"])
    client.force_login(outsider)
    assert client.get(f"/moderation/report/comment/{comment.pk}/").status_code == 404


def test_the_spam_action_hides_the_accounts_comments_too(moderator, reader, post_work):
    work = post_work("Busy Thread")
    _established(reader)
    for n in range(2):
        comment_post(work=work, user=reader, content=f"Visit my shop, number {n}.")
    services.spam_remove(moderator=moderator, user=reader, reason="Comment spam.")
    assert not Comment.objects.filter(user=reader, hidden_at__isnull=True).exists()
