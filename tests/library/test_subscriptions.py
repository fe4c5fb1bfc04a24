import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from fanshelf.inbox import emails
from fanshelf.inbox.models import Notification
from fanshelf.inbox.services import email_preferences_update
from fanshelf.library import reading_services
from fanshelf.library import subscription_services as services
from fanshelf.library.models import Update
from fanshelf.works.models import Series, Work
from fanshelf.works.services import ChapterInput, chapter_add, work_post


def test_a_creators_subscriber_hears_of_a_new_work_by_inbox_row_and_email(
    reader, author, post_work, committed
):
    services.subscribe(user=reader, creator=author)
    with committed():
        work = post_work("Brand New")
    update = Update.objects.get(user=reader)
    assert update.work == work and update.kind == Update.Kind.NEW_WORK
    assert "Brand New" in Notification.objects.get(recipient=reader).subject
    assert len(mail.outbox) == 1 and "Brand New" in mail.outbox[0].subject
    assert mail.outbox[0].to == ["reader@example.invalid"]


def test_a_works_subscriber_hears_of_a_new_chapter_once(reader, post_work, committed):
    work = post_work("Serial")
    services.subscribe(user=reader, work=work)
    with committed():
        chapter_add(work=work, chapter=ChapterInput(text="Two."), text_format="plain")
    assert Update.objects.get(user=reader).kind == Update.Kind.NEW_CHAPTER
    assert services.announce_work(work_id=work.pk) == []  # a second run tells nobody again
    assert Update.objects.count() == 1 and len(mail.outbox) == 1


def test_a_draft_reaches_nobody_until_it_is_posted(reader, author, post_work, committed):
    services.subscribe(user=reader, creator=author)
    with committed():
        draft = post_work("Not yet", post=False)
    assert not Update.objects.exists()
    with committed():
        work_post(work=draft)
    assert Update.objects.filter(user=reader, work=draft).exists()


def test_a_draft_chapter_reaches_nobody(reader, post_work, committed):
    work = post_work()
    services.subscribe(user=reader, work=work)
    with committed():
        chapter_add(work=work, chapter=ChapterInput(text="Later."), text_format="plain", post=False)
    assert not Update.objects.exists()


def test_a_hidden_work_reaches_nobody(reader, post_work):
    work = post_work()
    services.subscribe(user=reader, work=work)
    Work.objects.filter(pk=work.pk).update(hidden_by_admin=True)
    chapter_add(work=work, chapter=ChapterInput(text="Two."), text_format="plain")
    assert services.announce_work(work_id=work.pk) == []


def test_an_update_for_a_work_hidden_before_the_email_goes_is_not_sent(reader, post_work):
    work = post_work()
    services.subscribe(user=reader, work=work)
    chapter_add(work=work, chapter=ChapterInput(text="Two."), text_format="plain")
    services.announce_work(work_id=work.pk)  # its e-mail job waits for the commit
    Work.objects.filter(pk=work.pk).update(hidden_by_admin=True)
    assert not emails.send_one(Notification.objects.get(recipient=reader).pk)
    assert not mail.outbox
    client_view = Notification.objects.filter(recipient=reader)
    from fanshelf.inbox.selectors import inbox_for

    assert client_view.exists() and not inbox_for(user=reader).exists()


def test_creators_are_not_told_of_their_own_work(author, make_user, post_work, committed):
    fan = make_user("fan")
    services.subscribe(user=fan, creator=author)
    with committed():
        post_work()
    assert list(Update.objects.values_list("user__username", flat=True)) == ["fan"]


def test_a_series_subscriber_hears_of_a_new_work_in_the_series(
    reader, author, post_work, committed
):
    from fanshelf.works.series_services import series_add_work, series_create

    first = post_work("Part one")
    series = series_create(pseuds=[author.default_pseud], editor=author, title="Saga")
    series_add_work(series=series, work=first, editor=author)
    services.subscribe(user=reader, series=series)
    with committed():
        second = post_work("Part two")
        series_add_work(series=series, work=second, editor=author)
    update = Update.objects.get(user=reader)
    assert update.work == second and update.series == series


def test_daily_digest_readers_get_one_email_for_all_updates(reader, author, post_work, committed):
    reading_services.preferences_update(
        user=reader, history_enabled=True, subscription_email="daily"
    )
    services.subscribe(user=reader, creator=author)
    with committed():
        post_work("One")
        post_work("Two")
    assert not mail.outbox
    assert emails.send_digests() == 1
    assert len(mail.outbox) == 1 and "One" in mail.outbox[0].body and "Two" in mail.outbox[0].body
    assert emails.send_digests() == 0


def test_readers_who_turned_email_off_get_none(reader, author, post_work, committed):
    email_preferences_update(user=reader, choices={"subscription_emails": False})
    services.subscribe(user=reader, creator=author)
    with committed():
        post_work()
    assert Notification.objects.filter(recipient=reader).exists() and not mail.outbox


def test_no_one_subscribes_to_what_they_cannot_see_or_to_themselves(reader, author, post_work):
    with pytest.raises(ValidationError):
        services.subscribe(user=reader, work=post_work(post=False))
    with pytest.raises(ValidationError):
        services.subscribe(user=author, creator=author)


def test_subscribing_twice_keeps_one_subscription(reader, author):
    services.subscribe(user=reader, creator=author)
    services.subscribe(user=reader, creator=author)
    assert reader.subscriptions.count() == 1


def test_subscribe_and_unsubscribe_from_a_profile(client, reader, author):
    client.force_login(reader)
    page = client.get(reverse("accounts:profile", args=["author"])).content.decode()
    assert "Subscribe to author" in page
    client.post(reverse("library:subscribe"), {"kind": "creator", "id": author.pk})
    subscription = reader.subscriptions.get()
    client.post(reverse("library:unsubscribe", args=[subscription.pk]))
    assert not reader.subscriptions.exists()


def test_the_feed_lists_updates_at_a_secret_address_that_can_be_reset(
    client, reader, author, post_work, committed
):
    services.subscribe(user=reader, creator=author)
    with committed():
        post_work("Public one")
        post_work("Members only", restricted=True)
    token = reading_services.preferences_of(reader).feed_token
    assert len(token) >= 40
    feed = client.get(reverse("library:feed", args=[token]))
    body = feed.content.decode()
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Public one" in body and "Members only" not in body  # the feed is read as a guest
    assert client.get(reverse("library:feed", args=["not-the-token"])).status_code == 404
    client.force_login(reader)
    client.post(reverse("library:feed_reset"))
    assert client.get(reverse("library:feed", args=[token])).status_code == 404
    new_token = reading_services.preferences_of(reader).feed_token
    assert new_token != token
    assert "Public one" in client.get(reverse("library:feed", args=[new_token])).content.decode()


def test_the_feed_drops_a_work_that_later_became_a_draft(reader, author, post_work, committed):
    from fanshelf.library.subscription_selectors import feed_updates

    services.subscribe(user=reader, creator=author)
    with committed():
        work = post_work("Withdrawn")
    Work.objects.filter(pk=work.pk).update(posted=False)
    assert feed_updates(user=reader, limit=10) == []


def test_the_subscriptions_page_names_no_work_or_series_the_reader_can_no_longer_open(
    client, reader, author, post_work
):
    from fanshelf.works.series_services import series_add_work, series_create

    work = post_work("Open Title")
    series = series_create(pseuds=[author.default_pseud], editor=author, title="Open Saga")
    series_add_work(series=series, work=work, editor=author)
    services.subscribe(user=reader, work=work)
    services.subscribe(user=reader, series=series)
    Work.objects.filter(pk=work.pk).update(posted=False, title="Secret Draft Title")
    Series.objects.filter(pk=series.pk).update(title="Secret Saga")
    client.force_login(reader)
    page = client.get(reverse("library:subscriptions")).content.decode()
    assert "Secret Draft Title" not in page and "Secret Saga" not in page
    assert page.count("no longer open to you") == 2 and page.count(">Unsubscribe<") == 2
