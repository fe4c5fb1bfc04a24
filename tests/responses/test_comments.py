import html
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from fanshelf.accounts.models import Block
from fanshelf.inbox.models import Notification
from fanshelf.inbox.selectors import inbox_for
from fanshelf.responses import services
from fanshelf.responses.models import Comment, CommentSettings

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def comment(client, work, settle, content="Loved the tea scene.", **data):
    url = reverse("responses:comment_new", args=[work.pk])
    return settle(client.post, url, {"content": content, **data}, follow=True)


def allow_guests(work):
    services.comment_settings_update(
        work=work, permission=CommentSettings.Permission.ANYONE, moderated=False
    )


def test_a_reader_comments_and_the_thread_shows_pseud_date_and_text(as_user, work, settle):
    page = comment(as_user, work, settle)
    assert "Comment posted." in text(page)
    thread = text(as_user.get(work.get_absolute_url() + "?show_comments=1"))
    assert "Loved the tea scene." in thread and ">reader</a>" in thread
    assert "<time datetime=" in thread
    work.refresh_from_db()
    assert work.comment_count == 1


def test_comments_pass_the_sanitizer(as_user, work, settle):
    comment(
        as_user, work, settle, content='<p onclick="x()">Hi <script>bad()</script><b>you</b></p>'
    )
    assert Comment.objects.get().content == "<p>Hi <b>you</b></p>"


def test_a_comment_on_a_chapter_says_which_chapter(as_user, post_work, settle):
    work = post_work(chapters=("One.", "Two."))
    chapter = work.chapters.get(position=2)
    comment(as_user, work, settle, chapter=chapter.pk)
    assert Comment.objects.get().chapter == chapter
    thread = text(as_user.get(work.get_absolute_url() + "?view_full_work=1&show_comments=1"))
    assert "on Chapter 2" in thread


def test_the_author_is_told_in_the_inbox_and_by_email(as_user, author, work, settle):
    comment(as_user, work, settle)
    rows = inbox_for(user=author)
    assert [r.subject for r in rows] == ["reader left a comment on “Tea at Baker Street”"]
    assert [m.to for m in mail.outbox] == [[author.email]]


def test_a_reply_tells_the_replied_to_commenter(as_user, as_author, reader, work, settle):
    comment(as_user, work, settle)
    parent = Comment.objects.get()
    url = reverse("responses:reply", args=[parent.pk])
    settle(as_author.post, url, {"content": "Thank you!"})
    reply = Comment.objects.get(parent=parent)
    assert reply.depth == 1 and reply.thread_root == parent
    assert [r.subject for r in inbox_for(user=reader)] == [
        "author replied to your comment on “Tea at Baker Street”"
    ]


def test_the_author_replies_from_the_inbox(as_user, as_author, author, work, settle):
    comment(as_user, work, settle)
    row = inbox_for(user=author).get()
    inbox = text(as_author.get(reverse("inbox:inbox")))
    assert f'action="{row.reply_url}"' in inbox
    data = {"content": "Glad!", "next": "/inbox/", "notification": row.pk}
    page = settle(as_author.post, row.reply_url, data, follow=True)
    assert page.redirect_chain[-1][0] == "/inbox/"
    row.refresh_from_db()
    assert row.read
    assert Comment.objects.filter(parent__isnull=False, content="<p>Glad!</p>").exists()


def test_a_refused_reply_from_the_inbox_says_why_and_keeps_the_way_back(
    as_user, as_author, author, work, settle
):
    comment(as_user, work, settle)
    row = inbox_for(user=author).get()
    services.comment_freeze(comment=Comment.objects.get(), by=author)
    data = {"content": "Too late", "next": "/inbox/?show=unread", "notification": row.pk}
    response = as_author.post(row.reply_url, data)
    assert response.status_code == 400
    page = text(response)
    assert "This thread is frozen" in page and "Too late" in page
    assert 'name="next" value="/inbox/?show=unread"' in page
    elsewhere = as_author.post(row.reply_url, {**data, "next": "https://elsewhere.example/"})
    assert "elsewhere.example" not in text(elsewhere)


def test_a_guest_comments_with_a_name_and_email_when_the_author_allows_anyone(guest, work, settle):
    allow_guests(work)
    page = comment(guest, work, settle)
    assert "This field is required." in text(page)
    page = comment(guest, work, settle, guest_name="Molly", guest_email="molly@example.invalid")
    assert "Comment posted." in text(page)
    stored = Comment.objects.get()
    assert stored.guest_name == "Molly" and stored.user is None
    assert "203.0.113.7" not in stored.guest_key


def test_guests_cannot_comment_by_default(guest, work, settle):
    page = comment(guest, work, settle, guest_name="Molly", guest_email="m@example.invalid")
    assert "Only registered users can comment" in text(page)
    assert not Comment.objects.exists()


def test_the_site_wide_switch_turns_guest_comments_off(guest, work, settle, settings):
    allow_guests(work)
    settings.FANSHELF_GUEST_COMMENTS = False
    page = comment(guest, work, settle, guest_name="Molly", guest_email="m@example.invalid")
    assert "guest comments are turned off" in text(page)
    assert not Comment.objects.exists()


def test_staff_turn_guest_comments_off_from_the_site_settings_page(
    client, guest, work, settle, admin_user
):
    allow_guests(work)
    client.force_login(admin_user)
    form = client.get("/site/settings/").content.decode()
    assert re.search(r'<input[^>]*name="guest_comments"[^>]*checked', form)  # on by default
    fields = {"signup_mode": "open", "invitations_per_batch": 10, "invitation_interval_hours": 24}
    assert client.post("/site/settings/", fields).status_code == 302  # the box left unticked
    assert 'name="guest_email"' not in text(guest.get(f"/works/{work.pk}/"))
    page = comment(guest, work, settle, guest_name="Molly", guest_email="m@example.invalid")
    assert "guest comments are turned off" in text(page)
    assert not Comment.objects.exists()


def test_permission_no_one_refuses_every_comment(as_user, work, settle):
    services.comment_settings_update(work=work, permission="nobody", moderated=False)
    page = comment(as_user, work, settle)
    assert "turned comments off" in text(page)
    assert not Comment.objects.exists()


def test_a_user_the_author_blocked_cannot_comment(as_user, reader, author, work, settle):
    Block.objects.create(blocker=author, blocked=reader)
    page = comment(as_user, work, settle)
    assert "can't comment on this work" in text(page)
    assert not Comment.objects.exists()


def test_a_user_blocked_by_a_commenter_cannot_reply_to_them(
    as_user, reader, make_user, work, settle
):
    other = make_user("other")
    parent = services.comment_post(work=work, user=other, content="First!")
    Block.objects.create(blocker=other, blocked=reader)
    response = as_user.post(reverse("responses:reply", args=[parent.pk]), {"content": "Hey"})
    assert "can't reply to this comment" in text(response)
    assert not parent.replies.exists()


def test_a_user_blocked_by_any_co_creator_cannot_comment_on_a_chapter(
    as_user, reader, author, make_user, post_work, settle
):
    partner = make_user("partner")
    work = post_work(pseuds=[author.default_pseud, partner.default_pseud])
    Block.objects.create(blocker=partner, blocked=reader)
    chapter = work.chapters.get()
    page = settle(
        as_user.post,
        reverse("responses:comment_new", args=[work.pk]),
        {"content": "Hello there.", "chapter": chapter.pk},
    )
    assert "can't comment on this work" in text(page)
    assert not Comment.objects.exists()


def test_it_refuses_a_duplicate_comment(as_user, work, settle):
    comment(as_user, work, settle)
    page = comment(as_user, work, settle, content="  loved the TEA scene. ")
    assert "You have already left this comment here." in text(page)
    assert Comment.objects.count() == 1


def test_comments_over_the_limit_are_refused_with_the_text_kept(as_user, work, settle, settings):
    settings.FANSHELF_COMMENT_MAX_LENGTH = 20
    page = comment(as_user, work, settle, content="x" * 30)
    assert page.status_code == 400
    assert "at most 20 characters" in text(page) and "x" * 30 in text(page)
    assert not Comment.objects.exists()


def test_the_rate_limit_stops_a_new_account_at_three_comments(as_user, post_work, settle):
    works = [post_work(title=f"Work {n}") for n in range(4)]
    for n, work in enumerate(works[:3]):
        assert "Comment posted." in text(comment(as_user, work, settle, content=f"Nice {n}"))
    page = comment(as_user, works[3], settle, content="Nice again")
    assert "3 comments every 15 minutes" in text(page)
    assert Comment.objects.count() == 3


def test_the_rate_limit_never_applies_on_ones_own_works(as_author, post_work, settle):
    work = post_work()
    for n in range(5):
        comment(as_author, work, settle, content=f"Author note {n}")
    assert Comment.objects.count() == 5


def test_the_author_freezes_a_thread_and_no_one_replies_or_edits(
    as_user, as_author, reader, work, settle
):
    comment(as_user, work, settle)
    parent = Comment.objects.get()
    settle(as_author.post, reverse("responses:freeze", args=[parent.pk]), {"frozen": "1"})
    parent.refresh_from_db()
    assert parent.frozen
    response = as_user.post(reverse("responses:reply", args=[parent.pk]), {"content": "More"})
    assert "This thread is frozen" in text(response)
    with pytest.raises(ValidationError, match="frozen"):
        services.comment_edit(comment=parent, user=reader, content="Changed")


def test_a_reader_cannot_freeze_a_thread(as_user, work, settle):
    comment(as_user, work, settle)
    parent = Comment.objects.get()
    page = as_user.post(reverse("responses:freeze", args=[parent.pk]), follow=True)
    assert "Only the work's creators" in text(page)
    parent.refresh_from_db()
    assert not parent.frozen


def test_a_commenter_edits_until_someone_replies(as_user, as_author, reader, work, settle):
    comment(as_user, work, settle)
    mine = Comment.objects.get()
    settle(as_user.post, reverse("responses:edit", args=[mine.pk]), {"content": "Edited words"})
    mine.refresh_from_db()
    assert mine.content == "<p>Edited words</p>" and mine.edited_at is not None
    shown = text(as_user.get(reverse("responses:comment", args=[mine.pk])))
    assert "edited" in shown
    assert f"{mine.created_at:%Y-%m-%d %H:%M} UTC" in shown  # the date says its time zone
    edit_link = f'href="{reverse("responses:edit", args=[mine.pk])}"'
    assert edit_link in text(as_user.get(work.get_absolute_url() + "?show_comments=1"))
    settle(as_author.post, reverse("responses:reply", args=[mine.pk]), {"content": "Reply"})
    response = as_user.post(reverse("responses:edit", args=[mine.pk]), {"content": "Again"})
    assert "once someone has replied" in text(response)
    assert edit_link not in text(as_user.get(work.get_absolute_url() + "?show_comments=1"))


def test_a_deleted_comment_with_replies_stays_as_a_placeholder(
    as_user, as_author, author, work, settle
):
    comment(as_user, work, settle)
    parent = Comment.objects.get()
    settle(as_author.post, reverse("responses:reply", args=[parent.pk]), {"content": "Reply"})
    settle(as_author.post, reverse("responses:delete", args=[parent.pk]))
    thread = text(as_user.get(work.get_absolute_url() + "?show_comments=1"))
    assert "(Previous comment deleted.)" in thread and "Loved the tea" not in thread
    assert "Reply" in thread
    assert not inbox_for(user=author).filter(subject__contains="left a comment").exists()
    work.refresh_from_db()
    assert work.comment_count == 1


def test_a_deleted_comment_without_replies_is_gone(as_user, as_author, work, settle):
    comment(as_user, work, settle)
    settle(as_author.post, reverse("responses:delete", args=[Comment.objects.get().pk]))
    assert not Comment.objects.exists()
    work.refresh_from_db()
    assert work.comment_count == 0


def test_deleting_a_chapter_takes_its_comments_out_of_the_count_and_the_inbox(
    as_user, author, post_work, settle
):
    from fanshelf.works.services import chapter_delete

    work = post_work(chapters=("One.", "Two."))
    comment(as_user, work, settle, chapter=work.chapters.get(position=2).pk)
    comment(as_user, work, settle, content="On the first", chapter=work.chapters.get(position=1).pk)
    work.refresh_from_db()
    assert work.comment_count == 2
    assert inbox_for(user=author).count() == 2
    settle(chapter_delete, chapter=work.chapters.get(position=2))
    work.refresh_from_db()
    assert work.comment_count == 1
    assert [row.body_html for row in inbox_for(user=author)] == ["<p>On the first</p>"]


def test_threads_show_five_levels_then_continue_this_thread(as_user, make_user, work, settle):
    users = [make_user(f"u{n}") for n in range(7)]
    parent = None
    for n, user in enumerate(users):
        parent = services.comment_post(work=work, user=user, content=f"Level {n}", parent=parent)
    page = text(as_user.get(work.get_absolute_url() + "?show_comments=1"))
    assert "Level 4" in page and "Level 5" not in page and "Continue this thread" in page
    deeper = Comment.objects.get(content="<p>Level 4</p>")
    thread = text(as_user.get(reverse("responses:comment", args=[deeper.pk])))
    assert "Level 5" in thread and "Level 6" in thread


def test_a_copy_of_ones_own_comment_is_emailed_only_when_asked(as_user, reader, work, settle):
    comment(as_user, work, settle)
    assert [m.to for m in mail.outbox] == [["author@example.invalid"]]
    as_user.post(reverse("inbox:preferences"), {"own_comment_copies": "on"})
    comment(as_user, work, settle, content="Second thoughts")
    assert [reader.email] in [m.to for m in mail.outbox]
    assert not inbox_for(user=reader).exists()  # copies are e-mail only


def test_comment_emails_can_be_turned_off(as_user, as_author, work, settle):
    as_author.post(reverse("inbox:preferences"), {"kudos_digest": "on"})
    comment(as_user, work, settle)
    assert mail.outbox == []
    assert Notification.objects.filter(kind="comment").count() == 1


def test_a_guest_name_typed_over_two_lines_is_kept_on_one_and_the_author_still_gets_mail(
    guest, work, settle, mailoutbox
):
    allow_guests(work)
    name = "Molly\nBcc: everyone@example.invalid"
    page = comment(guest, work, settle, guest_name=name, guest_email="m@example.invalid")
    assert "Comment posted." in text(page)
    assert Comment.objects.get().guest_name == "Molly Bcc: everyone@example.invalid"
    assert [m.subject for m in mailoutbox if "Molly Bcc" in m.subject]


def test_a_muted_users_comments_and_replies_vanish_for_the_muter_only(
    as_user, reader, author, make_user, work
):
    from fanshelf.accounts.models import Mute

    loud = make_user("loud")
    first = services.comment_post(work=work, user=author, content="Thanks for reading.")
    services.comment_post(work=work, user=loud, content="LOUD top-level remark")
    services.comment_post(work=work, user=loud, content="LOUD reply", parent=first)
    Mute.objects.create(muter=reader, muted=loud)
    thread = text(as_user.get(work.get_absolute_url() + "?show_comments=1"))
    assert "Thanks for reading." in thread and "LOUD" not in thread
    single = text(as_user.get(reverse("responses:comment", args=[first.pk])))
    assert "Thanks for reading." in single and "LOUD" not in single
    as_user.force_login(author)
    assert "LOUD reply" in text(as_user.get(work.get_absolute_url() + "?show_comments=1"))
