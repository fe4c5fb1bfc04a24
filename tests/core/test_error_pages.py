import io
import logging
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _is_site_page(html: str) -> bool:
    """The site's own look: its header, stylesheet and footer around the message."""
    header = re.search(r'<header class="site-header[ "]', html)
    return bool(header) and "fanshelf/site.css" in html and "site-footer" in html


@pytest.fixture
def server_log():
    """What the server prints: the root console handler's stream, filters included."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_an_unknown_address_gets_the_sites_own_404_page(client):
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    html = page.content.decode()
    assert _is_site_page(html)
    assert "Not found" in html
    assert "{&#x27;path&#x27;" not in html  # not the resolver's internals


def test_a_missing_work_says_so_in_the_sites_404_page(client):
    html = client.get(reverse("works:detail", args=[999])).content.decode()
    assert _is_site_page(html)
    assert "No such work, or you can&#x27;t see it." in html


def test_a_refused_page_gets_the_sites_own_403_page(client, reader):
    client.force_login(reader)
    page = client.get(reverse("tags:wrangle"))
    assert page.status_code == 403
    html = page.content.decode()
    assert _is_site_page(html)
    assert "Not allowed" in html
    assert "403 Forbidden" not in html


def test_a_refusal_is_logged_as_one_line_without_a_traceback(client, reader, server_log):
    client.force_login(reader)
    client.get(reverse("tags:wrangle"))
    client.get("/no-such-page/")
    lines = server_log.getvalue().splitlines()
    assert lines == [
        f"Forbidden (Permission denied): {reverse('tags:wrangle')}",
        "Not Found: /no-such-page/",
    ]


@override_settings(ROOT_URLCONF="tests.core.urls")
def test_a_server_error_gets_the_sites_own_500_page_and_logs_its_traceback(server_log):
    page = Client(raise_request_exception=False).get("/test-fails/")
    assert page.status_code == 500
    html = page.content.decode()
    assert _is_site_page(html)
    assert "Something went wrong on our side" in html
    assert "a bug in a view" not in html
    assert "Traceback" in server_log.getvalue()


def test_an_expired_form_gets_the_sites_403_page(reader):
    client = Client(enforce_csrf_checks=True)
    page = client.post(reverse("accounts:login"), {"username": "reader", "password": "x"})
    assert page.status_code == 403
    html = page.content.decode()
    assert _is_site_page(html)
    assert "The form had expired" in html
