import pytest
from django.core import mail
from django.urls import reverse

from fanshelf.inbox import emails, services
from fanshelf.inbox.models import Notification
from fanshelf.inbox.selectors import inbox_for, unread_count
from fanshelf.works import services as work_services

pytestmark = pytest.mark.django_db


def send(recipient, note_kind, **kwargs):
    return services.notification_send(
        recipient=recipient, kind=note_kind, subject=kwargs.pop("subject", "Hello"), **kwargs
    )


@pytest.fixture
def work(author):
    return work_services.work_create(
        pseuds=[author.default_pseud],
        title="Visible",
        chapters=[work_services.ChapterInput(text="Text.")],
        text_format="plain",
    )


def test_a_notification_lands_unread_in_the_inbox_and_the_header_counts_it(
    client, reader, note_kind
):
    send(reader, note_kind, subject="Someone replied", body_html="<p>Nice <b>story</b></p>")
    client.force_login(reader)
    page = client.get(reverse("inbox:inbox"))
    assert "Someone replied" in page.text
    assert "<b>story</b>" in page.text
    assert 'class="badge">1<' in page.text


def test_the_body_passes_the_sanitizer(reader, note_kind):
    note = send(reader, note_kind, body_html='<p onclick="x()">hi</p><script>alert(1)</script>')
    assert note.body_html == "<p>hi</p>"


def test_marking_read_and_unread_and_filtering_by_read_state(client, reader, note_kind):
    first = send(reader, note_kind, subject="First")
    send(reader, note_kind, subject="Second")
    client.force_login(reader)
    client.post(reverse("inbox:update"), {"item": f"read:{first.pk}"})
    assert unread_count(reader) == 1
    unread_page = client.get(reverse("inbox:inbox") + "?show=unread").text
    read_page = client.get(reverse("inbox:inbox") + "?show=read").text
    assert "Second" in unread_page and "First" not in unread_page
    assert "First" in read_page and "Second" not in read_page
    client.post(reverse("inbox:update"), {"action": "unread", "ids": [first.pk]})
    assert unread_count(reader) == 2


def test_deleting_removes_only_ones_own_notifications(client, reader, author, note_kind):
    mine = send(reader, note_kind)
    theirs = send(author, note_kind)
    client.force_login(reader)
    client.post(reverse("inbox:update"), {"action": "delete", "ids": [mine.pk, theirs.pk]})
    assert not Notification.objects.filter(pk=mine.pk).exists()
    assert Notification.objects.filter(pk=theirs.pk).exists()


def test_an_action_without_ticked_rows_gets_a_message(client, reader, note_kind):
    client.force_login(reader)
    page = client.post(reverse("inbox:update"), {"action": "read"}, follow=True)
    assert "Tick at least one notification" in page.text


def test_a_row_number_too_long_for_the_database_gets_a_message(client, reader, note_kind):
    send(reader, note_kind, subject="Kept")
    client.force_login(reader)
    huge = "9" * 30
    for data in ({"item": f"read:{huge}"}, {"action": "delete", "ids": [huge]}):
        page = client.post(reverse("inbox:update"), data, follow=True)
        assert page.status_code == 200 and "Tick at least one notification" in page.text
    assert unread_count(reader) == 1


def test_a_notification_about_a_work_the_reader_can_no_longer_open_is_not_shown(
    client, reader, work, note_kind
):
    send(reader, note_kind, subject="About the work", work=work)
    assert inbox_for(user=reader).count() == 1
    work.posted = False
    work.save()
    assert inbox_for(user=reader).count() == 0
    assert unread_count(reader) == 0


def test_notifications_from_a_muted_user_are_not_shown(reader, author, note_kind):
    from fanshelf.accounts.models import Mute

    send(reader, note_kind, actor=author)
    Mute.objects.create(muter=reader, muted=author)
    assert inbox_for(user=reader).count() == 0


def test_news_of_a_muted_creators_work_leaves_the_inbox_whoever_sent_it(
    reader, author, work, note_kind
):
    from fanshelf.accounts.models import Mute

    send(reader, note_kind, subject="New work: Visible", work=work)  # no actor, as subscriptions
    send(reader, note_kind, subject="About nothing in particular")
    own = work_services.work_create(
        pseuds=[reader.default_pseud, author.default_pseud],
        title="Ours",
        chapters=[work_services.ChapterInput(text="Text.")],
        text_format="plain",
    )
    send(reader, note_kind, subject="A comment on our work", work=own)
    Mute.objects.create(muter=reader, muted=author)
    subjects = set(inbox_for(user=reader).values_list("subject", flat=True))
    assert subjects == {"About nothing in particular", "A comment on our work"}


def test_the_email_is_queued_after_commit_and_sent_once(
    reader, note_kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note = send(reader, note_kind, subject="Mail me", url="/works/1/")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [reader.email]
    assert "Mail me" in mail.outbox[0].subject
    assert "/works/1/" in mail.outbox[0].body
    assert emails.send_one(note.pk) is False  # a repeated job sends nothing more
    assert len(mail.outbox) == 1


def test_no_email_when_the_preference_is_off(
    client, reader, note_kind, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    client.post(reverse("inbox:preferences"), {"note_digest": "on"})  # note_emails unticked
    with django_capture_on_commit_callbacks(execute=True):
        send(reader, note_kind)
    assert mail.outbox == []
    assert inbox_for(user=reader).count() == 1


def test_the_preferences_page_lists_every_registered_preference(client, reader, note_kind):
    client.force_login(reader)
    page = client.get(reverse("inbox:preferences")).text
    assert "E-mail me notes" in page and "Daily note digest" in page


def test_digest_rows_go_out_as_one_email_and_never_twice(
    reader, note_kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for title in ("One", "Two", "Three"):
            send(reader, "note_digest", subject=f"kudos on {title}", digest=True, in_inbox=False)
    assert mail.outbox == []  # nothing until the daily job
    assert emails.send_digests() == 1
    assert len(mail.outbox) == 1
    assert all(t in mail.outbox[0].body for t in ("kudos on One", "kudos on Two", "kudos on Three"))
    assert emails.send_digests() == 0
    assert inbox_for(user=reader).count() == 0  # e-mail only


def test_a_queued_email_about_a_work_turned_draft_is_not_sent(reader, work, note_kind):
    note = send(reader, note_kind, work=work)
    work.posted = False
    work.save()
    assert emails.send_one(note.pk) is False
    assert mail.outbox == []


def test_withdrawing_removes_rows_about_a_target(reader, author, note_kind):
    send(reader, note_kind, target=author)
    send(reader, note_kind)
    services.notifications_withdraw(target=author)
    assert inbox_for(user=reader).count() == 1


def test_the_inbox_shows_a_reply_box_when_the_sender_gives_one(client, reader, note_kind):
    send(reader, note_kind, reply_url="/somewhere/reply/")
    client.force_login(reader)
    page = client.get(reverse("inbox:inbox")).text
    assert 'action="/somewhere/reply/"' in page and 'name="content"' in page


def test_guests_are_sent_to_log_in(client):
    response = client.get(reverse("inbox:inbox"))
    assert response.status_code == 302 and "/login/" in response["Location"]
