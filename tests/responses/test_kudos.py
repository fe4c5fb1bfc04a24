import html

import pytest
from django.core import mail
from django.urls import reverse

from fanshelf.accounts.models import Block
from fanshelf.inbox import emails
from fanshelf.responses.models import Kudos

pytestmark = pytest.mark.django_db


def kudos(client, work, settle) -> str:
    """The page the reader lands on, as text."""
    response = settle(client.post, reverse("responses:kudos", args=[work.pk]), follow=True)
    return html.unescape(response.text)


def test_a_reader_leaves_kudos_and_the_work_shows_their_name_and_count(as_user, work, settle):
    page = kudos(as_user, work, settle)
    assert "Thank you for leaving kudos!" in page
    assert "reader</a>" in page and "left kudos on this work!" in page
    work.refresh_from_db()
    assert work.kudos_count == 1


def test_it_refuses_a_second_kudos_and_changes_nothing(as_user, work, settle):
    kudos(as_user, work, settle)
    page = kudos(as_user, work, settle)
    assert "You have already left kudos here" in page
    assert Kudos.objects.filter(work=work).count() == 1


def test_it_refuses_kudos_on_ones_own_work(as_author, work, settle):
    page = kudos(as_author, work, settle)
    assert "You can't leave kudos on your own work." in page
    assert not Kudos.objects.exists()


def test_a_guest_gets_one_kudos_per_address_and_the_address_is_not_stored(guest, work, settle):
    kudos(guest, work, settle)
    page = kudos(guest, work, settle)
    assert "You have already left kudos here" in page
    stored = Kudos.objects.get()
    assert stored.user is None and "203.0.113.7" not in stored.guest_key
    assert len(stored.guest_key) == 64
    assert "1 guest" in page


def test_guests_from_different_addresses_each_leave_kudos(work, settle):
    from django.test import Client

    for address in ("198.51.100.1", "198.51.100.2"):
        kudos(Client(REMOTE_ADDR=address), work, settle)
    work.refresh_from_db()
    assert work.kudos_count == 2


def test_a_guest_cannot_leave_kudos_on_a_restricted_work(guest, post_work, settle):
    work = post_work(restricted=True)
    response = guest.post(reverse("responses:kudos", args=[work.pk]))
    assert response.status_code == 404  # the work is not even visible to guests
    assert not Kudos.objects.exists()


def test_the_kudos_service_refuses_a_guest_on_a_restricted_work(post_work):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import ValidationError

    from fanshelf.responses import services

    work = post_work(restricted=True)
    with pytest.raises(ValidationError, match="Log in to leave kudos"):
        services.kudos_leave(work=work, user=AnonymousUser(), address="203.0.113.7")
    assert not Kudos.objects.exists()


def test_a_user_the_author_blocked_cannot_leave_kudos(as_user, reader, author, work, settle):
    Block.objects.create(blocker=author, blocked=reader)
    page = kudos(as_user, work, settle)
    assert "can't leave kudos" in page
    assert not Kudos.objects.exists()


def test_kudos_cannot_be_left_on_a_draft(as_author, make_user, post_work, settle):
    draft = post_work(post=False)
    other = make_user("coauthor")
    from django.test import Client

    client = Client()
    client.force_login(other)
    assert client.post(reverse("responses:kudos", args=[draft.pk])).status_code == 404


def test_the_work_page_names_the_first_fifty_and_links_to_more(work, make_user, settings, settle):
    settings.FANSHELF_KUDOS_NAMES_SHOWN = 2
    for name in ("ann", "bea", "cat"):
        Kudos.objects.create(work=work, user=make_user(name))
    Kudos.objects.create(work=work, guest_key="x" * 64)
    from django.test import Client

    page = Client().get(work.get_absolute_url()).text
    assert "ann</a>, <a" in page and "bea</a>" in page and ">cat<" not in page
    assert "1 more users" in page and "1 guest" in page
    full = Client().get(reverse("responses:kudos_list", args=[work.pk])).text
    assert ">cat<" in full


def test_authors_get_one_daily_digest_email_for_kudos(work, make_user, settle):
    from django.test import Client

    for name in ("ann", "bea"):
        client = Client()
        client.force_login(make_user(name))
        kudos(client, work, settle)
    assert mail.outbox == []
    assert emails.send_digests() == 1
    assert "ann left kudos" in mail.outbox[0].body and "bea left kudos" in mail.outbox[0].body


def test_the_kudos_digest_can_be_turned_off(as_author, work, as_user, settle):
    as_author.post(reverse("inbox:preferences"), {"comment_emails": "on"})
    kudos(as_user, work, settle)
    assert emails.send_digests() == 0
    assert mail.outbox == []
