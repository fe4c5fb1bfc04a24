"""Subscribers and the subscription feed: an anonymous work reaches no one through its creator,
and the feed read with the reader's token leaves out what their own filters hide."""

from django.core import mail
from django.urls import reverse

from fanshelf.accounts.models import Mute
from fanshelf.inbox.models import Notification
from fanshelf.library import reading_services
from fanshelf.library import subscription_services as services
from fanshelf.library.models import Update
from fanshelf.search.personal import reader_filters_save
from fanshelf.tags.models import TagType
from fanshelf.works.services import ChapterInput, chapter_add, work_update


def test_the_creators_subscribers_are_not_told_of_an_anonymous_work(
    reader, author, post_work, committed
):
    services.subscribe(user=reader, creator=author)
    with committed():
        post_work("Masked Story", anonymous=True)
    assert not Update.objects.filter(user=reader).exists()
    assert not Notification.objects.filter(recipient=reader).exists()
    assert mail.outbox == []


def test_a_works_subscriber_hears_of_its_chapters_naming_no_one(
    client, reader, author, post_work, committed
):
    with committed():
        work = post_work("Masked Story", anonymous=True)
    services.subscribe(user=reader, work=work)
    with committed():
        chapter_add(work=work, chapter=ChapterInput(text="<p>More of it.</p>"))
    assert Update.objects.filter(user=reader, work=work).count() == 1
    assert "author" not in mail.outbox[0].body
    token = reading_services.preferences_of(reader).feed_token
    feed = client.get(reverse("library:feed", args=[token])).content.decode()
    assert "Masked Story" in feed and "<name>Anonymous</name>" in feed
    assert "<name>author</name>" not in feed


def test_the_token_feed_leaves_out_what_the_readers_filters_hide(
    client, reader, author, make_user, post_work, canonical, committed
):
    who, sherlock = canonical("Doctor Who", TagType.FANDOM), canonical("Sherlock", TagType.FANDOM)
    angst = canonical("Angst")
    loud = make_user("loud")
    services.subscribe(user=reader, creator=author)
    services.subscribe(user=reader, creator=loud)
    with committed():
        post_work("Kept")
        post_work("Sad", freeforms=[angst.name])
        post_work("Crossed", fandoms=[who.name, sherlock.name])
        post_work("By the muted", by=loud)
        unmasked = post_work("Later Masked")
    services.subscribe(user=reader, work=unmasked)
    with committed():
        work_update(work=unmasked, title=unmasked.title, anonymous=True)
        chapter_add(work=unmasked, chapter=ChapterInput(text="<p>More.</p>"))
    token = reading_services.preferences_of(reader).feed_token

    def titles():
        body = client.get(reverse("library:feed", args=[token])).content.decode()
        return {t for t in ("Kept", "Sad", "Crossed", "By the muted", "Later Masked") if t in body}

    assert titles() == {"Kept", "Sad", "Crossed", "By the muted", "Later Masked"}
    reader_filters_save(user=reader, excluded=[angst], max_fandoms=1, hide_anonymous=True)
    Mute.objects.create(muter=reader, muted=loud)
    assert titles() == {"Kept"}


def test_a_reader_who_muted_the_creator_hears_nothing_of_their_works(
    reader, author, post_work, committed
):
    from fanshelf.inbox.selectors import inbox_for

    work = post_work("Serial")
    services.subscribe(user=reader, work=work)
    mute = Mute.objects.create(muter=reader, muted=author)
    with committed():
        chapter_add(work=work, chapter=ChapterInput(text="<p>Two.</p>"))
    assert not inbox_for(user=reader).exists() and mail.outbox == []
    mute.delete()
    with committed():
        chapter_add(work=work, chapter=ChapterInput(text="<p>Three.</p>"))
    assert inbox_for(user=reader).count() == 1
    Mute.objects.create(muter=reader, muted=author)  # muted after being told: gone too
    assert not inbox_for(user=reader).exists()
