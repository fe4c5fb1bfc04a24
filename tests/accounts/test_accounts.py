import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from fanshelf.accounts.models import User

pytestmark = pytest.mark.django_db


def emailed_link(message) -> str:
    return re.search(r"http://testserver(/\S+/)", message.body).group(1)


def test_signup_makes_a_default_pseud_and_logs_in(client):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "wren", "email": "wren@example.invalid", "accept_terms": "on"},
    )
    assert "Check your e-mail" in response.content.decode()
    assert not User.objects.exists()
    link = emailed_link(mail.outbox[0])
    response = client.post(
        link, {"password1": "sea glass lantern", "password2": "sea glass lantern"}
    )
    assert response.status_code == 302
    user = User.objects.get(username="wren")
    assert user.password.startswith("argon2")
    assert [(p.name, p.is_default) for p in user.pseuds.all()] == [("wren", True)]
    assert "wren" in client.get(reverse("works:front")).content.decode()


def test_signup_errors_are_labelled(client):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "", "email": "not-an-address"},
    )
    page = response.content.decode()
    assert "Enter a valid email address." in page
    assert '<label for="id_username">' in page
    assert not User.objects.exists()


def test_login_and_logout(client, author):
    response = client.post(
        reverse("accounts:login"), {"username": "author", "password": "a long passphrase 1"}
    )
    assert response.status_code == 302
    assert "Log out" in client.get(reverse("works:front")).content.decode()
    client.post(reverse("accounts:logout"))
    assert "Log in" in client.get(reverse("works:front")).content.decode()


def test_password_reset_by_email(client, author):
    client.post(reverse("accounts:password_reset"), {"email": "author@example.invalid"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(
        form_url, {"new_password1": "brand new secret 9", "new_password2": "brand new secret 9"}
    )
    author.refresh_from_db()
    assert author.check_password("brand new secret 9")


def test_more_pseuds(client, author):
    client.force_login(author)
    client.post(reverse("accounts:pseuds"), {"name": "Second Name", "description": ""})
    response = client.post(reverse("accounts:pseuds"), {"name": "second name", "description": ""})
    assert "already have a pseud" in response.content.decode()
    assert sorted(p.name for p in author.pseuds.all()) == ["Second Name", "author"]


def test_theme_and_notes_preferences(client, author):
    from fanshelf.works.services import ChapterInput, work_create

    work = work_create(
        pseuds=[author.default_pseud],
        title="Noted",
        notes_begin="Hello readers",
        chapters=[ChapterInput(text="Story text.")],
    )
    client.force_login(author)
    client.post(reverse("accounts:preferences"), {"theme": "dark", "hide_notes": "on"})
    page = client.get(reverse("works:front")).content.decode()
    assert 'data-theme="dark"' in page
    reading = client.get(work.get_absolute_url()).content.decode()
    assert "Story text." in reading and "Hello readers" not in reading
    assert "Hello readers" in client.get(work.get_absolute_url() + "?hide_notes=0").content.decode()


def test_signup_never_tells_whether_an_address_or_a_name_has_an_account(client, author):
    pages = [
        client.post(
            reverse("accounts:signup"), {"username": name, "email": email, "accept_terms": "on"}
        )
        .content.decode()
        .replace(email, "ADDRESS")
        for name, email in [
            ("newname", "author@example.invalid"),  # the address has an account
            ("author", "new@example.invalid"),  # the name is taken
            ("newname", "other@example.invalid"),  # both free
        ]
    ]
    assert pages[0] == pages[1] == pages[2]
    known, taken, free = mail.outbox
    assert known.to == ["author@example.invalid"]
    assert "someone tried to sign up with your address" in known.body.lower()
    assert "already taken" in taken.body and "/signup/" in taken.body
    assert "Choose your password" in free.body
    assert User.objects.count() == 1


def test_a_sign_up_link_cannot_be_forged_or_used_twice(client):
    client.post(
        reverse("accounts:signup"),
        {"username": "wren", "email": "wren@example.invalid", "accept_terms": "on"},
    )
    link = emailed_link(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    _, rest = token.split(":", 1)
    other = signing.dumps({"username": "wrex", "email": "wren@example.invalid"}, salt="x")
    forged = client.get(f"/signup/{other.split(':', 1)[0]}:{rest}/").content.decode()
    assert "This sign-up link has expired or is not complete" in forged
    passwords = {"password1": "sea glass lantern", "password2": "sea glass lantern"}
    assert client.post(link, passwords).status_code == 302
    client.logout()
    again = client.post(link, passwords).content.decode()
    assert "already has an account" in again
    assert User.objects.count() == 1
