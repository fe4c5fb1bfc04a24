import pytest
from django.urls import reverse

from fanshelf.works.models import Work

pytestmark = pytest.mark.django_db


def test_a_guest_opening_a_restricted_work_is_offered_to_log_in(client, post_work):
    work = post_work(title="Members Only", restricted=True)
    page = client.get(work.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 403
    assert "This work is only for logged-in users" in html
    assert f'href="{reverse("accounts:login")}?next=/works/{work.pk}/"' in html
    assert "Members Only" not in html


def test_a_restricted_chapter_link_brings_the_guest_back_to_that_chapter(client, post_work):
    work = post_work(title="Members Only", restricted=True, chapters=("One.", "Two."))
    html = client.get(reverse("works:chapter", args=[work.pk, 2])).content.decode()
    assert f"?next=/works/{work.pk}/chapters/2/" in html


def test_logging_in_from_that_page_opens_the_work(client, reader, post_work):
    work = post_work(title="Members Only", restricted=True)
    response = client.post(
        f"{reverse('accounts:login')}?next={work.get_absolute_url()}",
        {"username": "reader", "password": "a long passphrase 2", "next": work.get_absolute_url()},
    )
    assert response.status_code == 302 and response.url == work.get_absolute_url()
    assert "Members Only" in client.get(response.url).content.decode()


def test_drafts_and_hidden_works_stay_not_found_for_guests(client, post_work):
    draft = post_work(title="Draft", restricted=True, post=False)
    hidden = post_work(title="Hidden", restricted=True)
    Work.objects.filter(pk=hidden.pk).update(hidden_by_admin=True)
    for work in (draft, hidden):
        page = client.get(work.get_absolute_url())
        assert page.status_code == 404
        assert "logged-in users" not in page.content.decode()
