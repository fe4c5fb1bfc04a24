"""An author may post anonymously: others see "Anonymous" as the creator and don't find the work
on the author's profile; the author sees their own name, marked, and may reveal it later."""

import pytest
from django.urls import reverse

from fanshelf.accounts.models import Mute
from fanshelf.works.models import Work


@pytest.fixture
def masked(post_work):
    return post_work(title="Masked Story", anonymous=True)


def test_others_see_anonymous_and_the_author_sees_their_name_marked(client, masked, author, reader):
    url = masked.get_absolute_url()
    for viewer in (None, reader):
        if viewer:
            client.force_login(viewer)
        page = client.get(url).content.decode()
        assert '<p class="byline">by Anonymous</p>' in page
        assert reverse("accounts:profile", args=["author"]) not in page
    client.force_login(author)
    page = client.get(url).content.decode()
    assert '>author</a> <span class="anonymous-mark">(anonymous)</span>' in page


def test_the_profile_lists_it_only_for_its_author(client, masked, post_work, author, reader):
    post_work(title="Signed Story")
    profile = reverse("accounts:profile", args=["author"])
    for viewer in (None, reader):
        if viewer:
            client.force_login(viewer)
        page = client.get(profile).content.decode()
        assert "Signed Story" in page and "Masked Story" not in page
    client.force_login(author)
    page = client.get(profile).content.decode()
    assert "Masked Story" in page and "(anonymous)" in page


def test_ticking_and_unticking_the_box_on_the_form_hides_and_reveals(client, post_work, author):
    work = post_work(title="Open Story")
    client.force_login(author)
    form = {
        "title": "Open Story",
        "pseuds": [author.default_pseud.pk],
        "language": "en",
        "text_format": "html",
        "rating": "Not Rated",
        "warnings": ["Creator Chose Not To Use Archive Warnings"],
        "fandoms": "Original Work",
    }
    edit = reverse("works:edit", args=[work.pk])
    assert client.post(edit, {**form, "anonymous": "on"}).status_code == 302
    assert Work.objects.get(pk=work.pk).anonymous
    client.logout()
    assert "by Anonymous" in client.get(work.get_absolute_url()).content.decode()
    client.force_login(author)
    assert client.post(edit, form).status_code == 302
    client.logout()
    assert "by Anonymous" not in client.get(work.get_absolute_url()).content.decode()


def test_a_reader_who_muted_the_author_is_not_told_who_wrote_it(client, masked, author, reader):
    Mute.objects.create(muter=reader, muted=author)
    client.force_login(reader)
    page = client.get(masked.get_absolute_url()).content.decode()
    assert "Masked Story" in page and "You muted" not in page and "by Anonymous" in page
