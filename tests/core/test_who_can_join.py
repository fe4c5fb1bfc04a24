"""Staff choose who can join from a page: open, by invitation with a queue, or closed."""

import datetime
import re

from django.core import mail
from django.utils import timezone

from fanshelf.accounts import invitations
from fanshelf.accounts.models import Invitation, User
from fanshelf.core.services import site_settings_update


def _signup(client, name, **extra):
    """Both steps: the form, then the e-mailed link with a password. The last answer."""
    data = {"username": name, "email": f"{name}@example.invalid", "accept_terms": "on", **extra}
    before = len(mail.outbox)
    first = client.post("/signup/", data)
    if len(mail.outbox) == before:
        return first
    link = re.search(r"http://testserver(/signup/\S+/)", mail.outbox[-1].body).group(1)
    passwords = {"password1": "sea glass lantern", "password2": "sea glass lantern"}
    return client.post(link, passwords)


def test_sign_up_needs_the_terms_accepted(client, db):
    data = {"accept_terms": ""}
    response = _signup(client, "wren", **data)
    assert "Please accept the terms of service" in response.content.decode()
    assert not User.objects.filter(username="wren").exists()
    assert _signup(client, "wren").status_code == 302
    assert User.objects.get(username="wren").terms_accepted_at is not None


def test_staff_write_the_terms_and_everyone_reads_them(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/site/settings/")
    assert page.status_code == 200
    client.post(
        "/site/settings/",
        {
            "signup_mode": "open",
            "invitations_per_batch": 10,
            "invitation_interval_hours": 24,
            "terms_of_service": "Be kind.\n\nNo spam.",
            "privacy_policy": "We keep little.",
        },
    )
    client.logout()
    terms = client.get("/terms/").content.decode()
    assert "<p>Be kind.</p>" in terms and "<p>No spam.</p>" in terms
    assert "We keep little." in client.get("/privacy/").content.decode()


def test_readers_cannot_open_the_site_settings(client, reader):
    client.force_login(reader)
    assert client.get("/site/settings/").status_code in (302, 403)


def test_closed_sign_up_refuses_new_accounts(client, db):
    site_settings_update(signup_mode="closed")
    assert "Sign-up is closed" in client.get("/signup/").content.decode()
    assert _signup(client, "wren").status_code == 403
    assert not User.objects.filter(username="wren").exists()


def test_invitation_sign_up_needs_a_code_that_works_once(client, author):
    site_settings_update(signup_mode="invitation")
    assert "Join the invitation queue" in client.get("/signup/").content.decode()
    refused = _signup(client, "wren", invitation="made-up")
    assert "not valid" in refused.content.decode()
    (invitation,) = invitations.invitations_grant(user=author, count=1)
    assert _signup(client, "wren", invitation=invitation.code).status_code == 302
    client.logout()
    again = _signup(client, "robin", invitation=invitation.code)
    assert "not valid" in again.content.decode()
    invitation.refresh_from_db()
    assert invitation.used_by.username == "wren"


def test_the_queue_sends_n_invitations_every_m_hours(
    client, db, django_capture_on_commit_callbacks
):
    site_settings_update(
        signup_mode="invitation", invitations_per_batch=2, invitation_interval_hours=6
    )
    for name in ("ash", "birch", "cedar"):
        client.post("/invitations/request/", {"email": f"{name}@example.invalid"})
    page = client.post("/invitations/request/", {"email": "cedar@example.invalid"})
    assert "3 people are waiting for an invitation" in page.content.decode()
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.invitations_send_from_queue(now=now) == 2
        later = now + datetime.timedelta(hours=1)
        assert invitations.invitations_send_from_queue(now=later) == 0
        later = now + datetime.timedelta(hours=7)
        assert invitations.invitations_send_from_queue(now=later) == 1
    sent = sorted(m.to[0] for m in mail.outbox)
    assert sent == ["ash@example.invalid", "birch@example.invalid", "cedar@example.invalid"]
    code = Invitation.objects.get(sent_to="ash@example.invalid").code
    to_ash = next(m for m in mail.outbox if m.to == ["ash@example.invalid"])
    assert f"/signup/?invitation={code}" in to_ash.body


def test_a_user_hands_out_an_invitation_by_e_mail(
    client, author, django_capture_on_commit_callbacks
):
    invitations.invitations_grant(user=author, count=2)
    client.force_login(author)
    invitation = author.invitations.first()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/invitations/", {"invitation": invitation.pk, "email": "friend@example.invalid"}
        )
    assert mail.outbox[-1].to == ["friend@example.invalid"]
    page = client.get("/invitations/").content.decode()
    assert "Sent to friend@example.invalid" in page


def test_the_queue_page_never_tells_whether_an_address_was_invited_before(
    client, db, django_capture_on_commit_callbacks
):
    site_settings_update(signup_mode="invitation", invitations_per_batch=1)
    client.post("/invitations/request/", {"email": "ash@example.invalid"})
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.invitations_send_from_queue(now=timezone.now()) == 1
    client.post("/invitations/request/", {"email": "birch@example.invalid"})

    def page_for(address):
        html = client.post("/invitations/request/", {"email": address}).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    invited, queued = page_for("ash@example.invalid"), page_for("birch@example.invalid")
    assert invited.replace("ash@", "X@") == queued.replace("birch@", "X@")
    assert "1 person is waiting for an invitation" in queued


def test_staff_find_the_site_settings_in_the_site_menu(client, reader, admin_user):
    link = '<a href="/site/settings/">Site settings</a>'
    client.force_login(reader)
    assert link not in client.get("/").content.decode()
    client.force_login(admin_user)
    assert link in client.get("/").content.decode()
