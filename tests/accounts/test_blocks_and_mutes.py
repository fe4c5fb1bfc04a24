"""Users block and mute each other from profiles; the lists have limits and spare staff."""

from django.test import override_settings

from fanshelf.accounts.models import Block, Mute
from fanshelf.accounts.selectors import is_blocked, muted_user_ids
from fanshelf.accounts.services import user_signup
from fanshelf.works import services


def test_a_reader_mutes_and_blocks_from_a_profile_and_undoes_it(client, reader, author):
    client.force_login(reader)
    profile = client.get("/users/author/").content.decode()
    assert "Mute author" in profile and "Block author" in profile
    client.post("/users/author/relation/mute/", {"next": "/users/author/"})
    client.post("/users/author/relation/block/", {"next": "/users/author/"})
    assert muted_user_ids(reader) == {author.pk}
    assert is_blocked(blocker_id=reader.pk, user=author)
    listed = client.get("/preferences/blocked-and-muted/").content.decode()
    assert listed.count(">author</a>") == 2
    client.post("/users/author/relation/unmute/")
    client.post("/users/author/relation/unblock/")
    assert not Mute.objects.exists() and not Block.objects.exists()


def test_staff_and_oneself_cannot_be_blocked_or_muted(client, reader, admin_user):
    client.force_login(reader)
    response = client.post(f"/users/{admin_user.username}/relation/block/", follow=True)
    assert "Archive staff cannot be blocked" in response.content.decode()
    response = client.post("/users/reader/relation/mute/", follow=True)
    assert "You cannot mute yourself" in response.content.decode()
    assert not Block.objects.exists() and not Mute.objects.exists()


@override_settings(FANSHELF_MUTES_MAX=1)
def test_the_mute_list_has_a_limit(client, reader, author):
    other = user_signup(username="other", email="o@example.invalid", password="a long pass 44")
    client.force_login(reader)
    client.post("/users/author/relation/mute/")
    refused = client.post("/users/other/relation/mute/", follow=True).content.decode()
    assert "You can mute at most 1 users" in refused
    assert muted_user_ids(reader) == {author.pk}
    assert other.pk not in muted_user_ids(reader)


def test_a_muted_creators_work_says_so_and_opens_when_asked(client, reader, author):
    work = services.work_create(
        pseuds=[author.default_pseud],
        title="Quiet Harbour",
        chapters=[services.ChapterInput(text="The boats came home.")],
        text_format="plain",
    )
    client.force_login(reader)
    client.post("/users/author/relation/mute/")
    notice = client.get(f"/works/{work.pk}/").content.decode()
    assert "You muted author" in notice and "The boats came home." not in notice
    shown = client.get(f"/works/{work.pk}/?show_muted=1").content.decode()
    assert "The boats came home." in shown
    assert "The boats came home." in client.get(f"/works/{work.pk}/").content.decode()


def test_a_muted_creators_profile_keeps_their_works_and_series_out_of_sight(client, reader, author):
    from fanshelf.works.series_services import series_add_work, series_create

    work = services.work_create(
        pseuds=[author.default_pseud],
        title="Quiet Harbour",
        chapters=[services.ChapterInput(text="The boats came home.")],
        text_format="plain",
    )
    saga = series_create(pseuds=[author.default_pseud], editor=author, title="Harbour Tales")
    series_add_work(series=saga, work=work, editor=author)
    client.force_login(reader)
    assert "Quiet Harbour" in client.get("/users/author/").content.decode()
    client.post("/users/author/relation/mute/")
    profile = client.get("/users/author/").content.decode()
    assert "You muted author" in profile and "Unmute author" in profile
    assert "Quiet Harbour" not in profile and "Harbour Tales" not in profile
    shown = client.get("/users/author/", {"show_muted": "1"}).content.decode()
    assert "Quiet Harbour" in shown and "Harbour Tales" in shown


def test_both_lists_are_managed_by_name_from_the_preferences(client, reader, author, admin_user):
    client.force_login(reader)
    page = client.get("/preferences/blocked-and-muted/").content.decode()
    assert "mute up to 2,000 users" in page
    client.post("/preferences/blocked-and-muted/", {"username": "Author", "action": "mute"})
    client.post("/preferences/blocked-and-muted/", {"username": "author", "action": "block"})
    assert muted_user_ids(reader) == {author.pk}
    assert is_blocked(blocker_id=reader.pk, user=author)
    unknown = client.post(
        "/preferences/blocked-and-muted/", {"username": "nobody", "action": "block"}
    )
    assert "No user by that name." in unknown.content.decode()
    staff = client.post(
        "/preferences/blocked-and-muted/", {"username": admin_user.username, "action": "block"}
    )
    assert "Archive staff cannot be blocked" in staff.content.decode()
    assert Block.objects.count() == 1
