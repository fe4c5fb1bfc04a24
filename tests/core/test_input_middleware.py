"""Issue 8, items 5 and 12: addresses and parameters with control characters, and the headers
every page carries."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address", ["/tags/%00/", "/tags/%00/feed.atom", "/users/%00/", "/tags/a%01b/works"]
)
def test_addresses_with_control_characters_are_not_found(client, address):
    assert client.get(address).status_code == 404


def test_nul_and_controls_are_removed_from_form_input_before_views_see_it(client, author):
    client.force_login(author)
    response = client.post("/pseuds/", {"name": "Night\x00owl\x07"})
    assert response.status_code in (200, 302)
    assert author.pseuds.filter(name="Nightowl").exists()


def test_passwords_are_left_as_typed(client, author):
    typed = "cafe\u0301 au lait, not composed"  # NFC would change it
    author.set_password(typed)
    author.save()
    response = client.post("/login/", {"username": "author", "password": typed})
    assert response.status_code == 302


def test_pages_carry_a_content_security_policy_and_a_permissions_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
