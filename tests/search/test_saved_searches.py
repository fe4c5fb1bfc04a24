"""A reader saves a search; new works it finds reach their inbox once."""

from django.urls import reverse

from fanshelf.inbox.models import Notification
from fanshelf.search.models import SavedSearch
from fanshelf.search.saved_searches import saved_searches_check
from fanshelf.tags.models import TagType


def test_new_matches_of_a_saved_search_reach_the_inbox_once(client, reader, make_work, tag):
    who = tag("Doctor Who", TagType.FANDOM)
    make_work("Old Dragon", tags=[who], text="A dragon sleeps.")
    client.force_login(reader)
    response = client.post(
        reverse("search:saved"), {"name": "Dragons in Who", "params": "q=dragon&fandoms=Doctor+Who"}
    )
    assert response.status_code == 302
    assert "Dragons in Who" in client.get(reverse("search:saved")).content.decode()
    assert saved_searches_check() == 0  # nothing new since it was saved
    make_work("New Dragon", tags=[who], text="A dragon wakes.")
    make_work("New Sheep", tags=[who], text="A sheep wakes.")
    assert saved_searches_check() == 1
    notice = Notification.objects.get(recipient=reader)
    assert notice.subject == "1 new work for “Dragons in Who”"
    assert "New Dragon" in notice.body_html and "Old Dragon" not in notice.body_html
    assert saved_searches_check() == 0  # told once


def test_a_broken_search_is_not_saved(client, reader, db):
    client.force_login(reader)
    client.post(reverse("search:saved"), {"name": "Bad", "params": "q=sort:fastest"})
    assert not SavedSearch.objects.exists()


def test_new_matches_leave_out_what_the_readers_own_filters_hide(client, reader, make_work, tag):
    from fanshelf.search.personal import reader_filters_save

    who, angst = tag("Doctor Who", TagType.FANDOM), tag("Angst")
    client.force_login(reader)
    client.post(reverse("search:saved"), {"name": "Dragons", "params": "q=dragon"})
    reader_filters_save(user=reader, excluded=[angst], max_fandoms=None, hide_anonymous=True)
    make_work("Plain Dragon", tags=[who], text="A dragon wakes.")
    make_work("Sad Dragon", tags=[who, angst], text="A dragon weeps.")
    make_work("Masked Dragon", tags=[who], text="A dragon hides.", anonymous=True)
    assert saved_searches_check() == 1
    notice = Notification.objects.get(recipient=reader)
    assert notice.subject == "1 new work for “Dragons”" and "Plain Dragon" in notice.body_html
