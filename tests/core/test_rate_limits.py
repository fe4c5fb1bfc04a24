"""Guessing and flooding are limited per address and per account, and answered with a readable
429 page (the limits are counted in the shared cache)."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture(autouse=True)
def rate_limits_on(settings):
    settings.RATELIMIT_ENABLE = True
    # Windows are fixed: a long one keeps a slow test run inside a single window.
    settings.FANSHELF_RATE_LOGIN = "5/2h"
    cache.clear()


def try_login(client, username, address, url=None):
    return client.post(
        url or reverse("accounts:login"),
        {"username": username, "password": "not the password"},
        REMOTE_ADDR=address,
    )


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_the_sixth_log_in_in_a_window_from_one_address_is_refused(client, author, url):
    url = reverse("accounts:login") if url.startswith("/accounts") else url
    for n in range(5):
        assert try_login(client, f"someone{n}", "203.0.113.7", url).status_code == 200
    refused = try_login(client, "author", "203.0.113.7", url)
    assert refused.status_code == 429
    assert "too many log-in attempts" in refused.content.decode()
    assert "5 every 2 hours" in refused.content.decode()
    assert 1 <= int(refused["Retry-After"]) <= 7200
    assert try_login(client, "author", "198.51.100.1", url).status_code == 200


def test_the_sixth_log_in_to_one_account_is_refused_from_any_address(client, author):
    for n in range(5):
        assert try_login(client, "Author", f"203.0.113.{n}").status_code == 200
    assert try_login(client, "author", "198.51.100.9").status_code == 429
    assert try_login(client, "reader", "198.51.100.9").status_code == 200


def test_an_account_name_written_in_full_width_letters_counts_as_the_same_account(client, author):
    """The log-in form reads "ａｕｔｈｏｒ" as "author" (NFKC): its tries count for that account."""
    for n in range(5):
        assert try_login(client, "author", f"203.0.113.{n}").status_code == 200
    for variant in ("ａｕｔｈｏｒ", "aｕthor", "AUTHOR\u200b"):
        assert try_login(client, variant, "198.51.100.9").status_code == 429


def test_only_three_reset_emails_go_to_one_account_in_twelve_hours(client, author):
    answers = [
        client.post(
            reverse("accounts:password_reset"),
            {"email": "author@example.invalid"},
            REMOTE_ADDR=f"203.0.113.{n}",
        ).status_code
        for n in range(5)
    ]
    assert answers == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3


def test_sign_ups_from_one_address_are_limited_per_hour(client, settings):
    settings.FANSHELF_RATE_SIGNUP = "2/h"
    answers = [
        client.post(
            reverse("accounts:signup"),
            {"username": f"new{n}", "email": f"new{n}@example.invalid",
             "password1": "sea glass lantern", "password2": "sea glass lantern"},
            REMOTE_ADDR="203.0.113.50",
        ).status_code
        for n in range(3)
    ]  # fmt: skip
    assert answers[2] == 429
    assert (
        "2 every 1 hour"
        in client.post(reverse("accounts:signup"), {}, REMOTE_ADDR="203.0.113.50").content.decode()
    )


def test_one_address_gets_a_fixed_number_of_requests_per_window(client, settings):
    settings.FANSHELF_RATE_REQUESTS = "8/300s"
    codes = [client.get("/", REMOTE_ADDR="203.0.113.80").status_code for _ in range(10)]
    assert codes == [200] * 8 + [429] * 2
    assert client.get("/", REMOTE_ADDR="203.0.113.81").status_code == 200


def test_the_slow_down_page_carries_the_policies_of_every_page(client, settings):
    settings.FANSHELF_RATE_REQUESTS = "1/300s"
    client.get("/", REMOTE_ADDR="203.0.113.90")
    refused = client.get("/", REMOTE_ADDR="203.0.113.90")
    assert refused.status_code == 429
    assert "Slow down" in refused.content.decode()
    assert "script-src 'self'" in refused.get("Content-Security-Policy", "")
    assert "camera=()" in refused.get("Permissions-Policy", "")


def test_behind_a_proxy_the_forwarded_address_is_counted(client, settings):
    settings.FANSHELF_RATE_REQUESTS = "2/300s"
    settings.FANSHELF_CLIENT_IP_HEADER = "X-Forwarded-For"
    for reader in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        for _ in range(2):
            response = client.get("/", HTTP_X_FORWARDED_FOR=f"10.0.0.1, {reader}")
            assert response.status_code == 200
    assert client.get("/", HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 429
