import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse

from fanshelf.library import bookmark_services as services
from fanshelf.library.bookmark_selectors import bookmarks_of_work, visible_bookmarks
from fanshelf.search.services import index_works, refresh_counters
from fanshelf.works.models import Work


def test_a_reader_bookmarks_a_work_with_notes_tags_and_rec(client, reader, post_work):
    work = post_work()
    client.force_login(reader)
    response = client.post(
        reverse("library:bookmark_work", args=[work.pk]),
        {"notes": "Loved the <b>ending</b>.", "tags": "comfort read, reread", "rec": "on",
         "text_format": "plain"},
        follow=True,
    )  # fmt: skip
    page = response.content.decode()
    assert "Bookmark saved." in page and "comfort read" in page and "Rec" in page
    bookmark = reader.bookmarks.get()
    assert bookmark.rec and not bookmark.private
    assert "<b>" not in bookmark.notes and "&lt;b&gt;" in bookmark.notes  # plain text stays text
    work.refresh_from_db()
    assert work.bookmark_count == 1


def test_html_notes_pass_the_sanitizer(reader, post_work):
    bookmark = services.bookmark_create(
        user=reader, work=post_work(), notes='<p onclick="x()">Yes<script>1</script></p>',
        text_format="html",
    )  # fmt: skip
    assert "onclick" not in bookmark.notes and "<script>" not in bookmark.notes
    assert "Yes" in bookmark.notes


def test_one_bookmark_per_reader_per_work(reader, post_work):
    work = post_work()
    services.bookmark_create(user=reader, work=work)
    with pytest.raises(ValidationError, match="already bookmarked"):
        services.bookmark_create(user=reader, work=work)


def test_a_second_bookmark_visit_opens_the_first_for_editing(client, reader, post_work):
    work = post_work()
    bookmark = services.bookmark_create(user=reader, work=work)
    client.force_login(reader)
    response = client.get(reverse("library:bookmark_work", args=[work.pk]))
    assert response.url == reverse("library:bookmark_edit", args=[bookmark.pk])


def test_notes_longer_than_the_limit_are_refused_and_nothing_is_saved(reader, post_work, settings):
    settings.FANSHELF_BOOKMARK_NOTES_MAX_LENGTH = 10
    with pytest.raises(ValidationError, match="limit is 10"):
        services.bookmark_create(user=reader, work=post_work(), notes="x" * 11)
    assert not reader.bookmarks.exists()


def test_a_private_bookmark_is_seen_only_by_its_owner(client, reader, author, post_work):
    work = post_work()
    bookmark = services.bookmark_create(user=reader, work=work, notes="secret note", private=True)
    work.refresh_from_db()
    assert work.bookmark_count == 0  # counts are of public bookmarks
    assert list(bookmarks_of_work(work=work, viewer=reader)) == [bookmark]
    assert not bookmarks_of_work(work=work, viewer=author).exists()
    assert not bookmarks_of_work(work=work, viewer=AnonymousUser()).exists()
    for viewer in (None, author):
        client.logout()
        if viewer:
            client.force_login(viewer)
        for url in (
            reverse("library:work_bookmarks", args=[work.pk]),
            reverse("library:user_bookmarks", args=[reader.username]),
            reverse("library:bookmarks") + "?notes=secret",
        ):
            assert "secret note" not in client.get(url).content.decode()
        assert client.get(bookmark.get_absolute_url()).status_code == 404
    client.force_login(reader)
    assert "secret note" in client.get(bookmark.get_absolute_url()).content.decode()


def test_making_a_bookmark_private_takes_it_out_of_the_count(reader, post_work):
    work = post_work()
    bookmark = services.bookmark_create(user=reader, work=work)
    services.bookmark_update(bookmark=bookmark, user=reader, private=True)
    work.refresh_from_db()
    assert work.bookmark_count == 0
    services.bookmark_delete(bookmark=bookmark, user=reader)
    assert not reader.bookmarks.exists()


def test_only_the_owner_changes_a_bookmark(reader, author, post_work):
    bookmark = services.bookmark_create(user=reader, work=post_work())
    with pytest.raises(ValidationError):
        services.bookmark_update(bookmark=bookmark, user=author, notes="mine now")
    with pytest.raises(ValidationError):
        services.bookmark_delete(bookmark=bookmark, user=author)


def test_a_draft_cannot_be_bookmarked_by_someone_else(reader, post_work):
    draft = post_work(post=False)
    with pytest.raises(ValidationError, match="can't see it"):
        services.bookmark_create(user=reader, work=draft)


def test_bookmarks_of_a_restricted_work_are_hidden_from_guests(reader, post_work):
    work = post_work(restricted=True)
    services.bookmark_create(user=reader, work=work, notes="members only")
    assert visible_bookmarks(viewer=reader).count() == 1
    assert not visible_bookmarks(viewer=AnonymousUser()).exists()


def test_bookmarks_of_a_work_hidden_by_an_admin_disappear(reader, make_user, post_work):
    work = post_work()
    services.bookmark_create(user=reader, work=work)
    Work.objects.filter(pk=work.pk).update(hidden_by_admin=True)
    assert not visible_bookmarks(viewer=make_user("third")).exists()
    assert not visible_bookmarks(viewer=AnonymousUser()).exists()


def test_the_bookmark_count_shows_in_blurbs_and_on_the_work(client, reader, post_work):
    work = post_work("Counted")
    services.bookmark_create(user=reader, work=work)
    index_works(work_ids=[work.pk])  # the jobs that run once the post and bookmark commit
    refresh_counters()
    front = client.get(reverse("works:front")).content.decode()
    assert "<dt>Bookmarks</dt>" in front
    page = client.get(work.get_absolute_url()).content.decode()
    assert "Bookmarks (1)" in page


def test_an_external_work_is_bookmarked_with_its_tags(client, reader):
    client.force_login(reader)
    response = client.post(
        reverse("library:bookmark_external"),
        {"url": "https://example.org/story/1", "title": "Elsewhere", "creator": "Someone",
         "summary": "A story hosted elsewhere.", "fandoms": "Sherlock Holmes",
         "rating": "General Audiences", "characters": "John Watson", "relationships": "",
         "freeforms": "Fluff", "notes": "Worth it", "tags": "", "text_format": "plain"},
        follow=True,
    )  # fmt: skip
    assert "Bookmark saved." in response.content.decode()
    bookmark = reader.bookmarks.get()
    assert bookmark.external.title == "Elsewhere"
    assert {t.name for t in bookmark.external.tags.all()} >= {"Sherlock Holmes", "Fluff"}


def test_an_external_work_needs_a_fandom(reader):
    data = services.ExternalInput(url="https://example.org/2", title="T", creator="C")
    with pytest.raises(ValidationError, match="fandom"):
        services.external_work_for(data=data)


def test_a_series_is_bookmarked_and_counted(reader, author, post_work):
    from fanshelf.works.series_services import series_add_work, series_create

    series = series_create(pseuds=[author.default_pseud], editor=author, title="Saga")
    series_add_work(series=series, work=post_work(), editor=author)
    services.bookmark_create(user=reader, series=series, rec=True)
    series.refresh_from_db()
    assert series.bookmark_count == 1


def test_bookmarks_by_a_muted_user_vanish_for_the_muter(reader, make_user, post_work):
    from fanshelf.accounts.models import Mute

    muter = make_user("muter")
    services.bookmark_create(user=reader, work=post_work(), notes="loud")
    Mute.objects.create(muter=muter, muted=reader)
    assert not visible_bookmarks(viewer=muter).exists()
    assert visible_bookmarks(viewer=AnonymousUser()).exists()


def test_others_bookmarks_of_a_muted_creators_works_and_series_vanish_for_the_muter(
    client, reader, author, make_user, post_work
):
    from fanshelf.accounts.models import Mute
    from fanshelf.works.series_services import series_add_work, series_create

    loud, friend = make_user("loud"), make_user("friend")
    loud_work = post_work("Shouted Story", by=loud)
    saga = series_create(pseuds=[loud.default_pseud], editor=loud, title="Shouted Saga")
    series_add_work(series=saga, work=loud_work, editor=loud)
    services.bookmark_create(user=friend, work=loud_work, notes="friend on loud")
    services.bookmark_create(user=friend, series=saga, notes="friend on the saga")
    services.bookmark_create(user=friend, work=post_work("Calm Story"), notes="friend on calm")
    services.bookmark_create(user=reader, work=loud_work, notes="my own")
    Mute.objects.create(muter=reader, muted=loud)
    client.force_login(reader)
    for url in (reverse("library:bookmarks"), reverse("library:user_bookmarks", args=["friend"])):
        page = client.get(url).content.decode()
        assert "friend on calm" in page, url
        assert "friend on loud" not in page and "friend on the saga" not in page, url
    friends = client.get(reverse("library:user_bookmarks", args=["friend"])).content.decode()
    assert "1 bookmark found" in friends and "Shouted" not in friends
    own = client.get(reverse("library:user_bookmarks", args=["reader"])).content.decode()
    assert "my own" in own  # one's own shelf stays whole
    client.logout()
    assert "friend on loud" in client.get(reverse("library:bookmarks")).content.decode()
