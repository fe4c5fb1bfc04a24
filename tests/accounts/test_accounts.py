import re

import pytest
from django.core import mail
from django.urls import reverse

from fanshelf.accounts.models import User

pytestmark = pytest.mark.django_db


def test_signup_makes_a_default_pseud_and_logs_in(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "wren",
            "email": "wren@example.invalid",
            "password1": "sea glass lantern",
            "password2": "sea glass lantern",
            "accept_terms": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="wren")
    assert user.password.startswith("argon2")
    assert [(p.name, p.is_default) for p in user.pseuds.all()] == [("wren", True)]
    assert "wren" in client.get(reverse("works:front")).content.decode()


def test_signup_errors_are_labelled(client):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "", "email": "not-an-address", "password1": "a", "password2": "b"},
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
