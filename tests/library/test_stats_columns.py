import re

from django.urls import reverse

from fanshelf.library import bookmark_services
from fanshelf.library.subscription_services import subscribe


def test_author_statistics_count_public_bookmarks_and_subscriptions(
    client, author, reader, make_user, post_work
):
    work = post_work("Kept")
    bookmark_services.bookmark_create(user=reader, work=work)
    bookmark_services.bookmark_create(user=make_user("shy"), work=work, private=True)
    subscribe(user=reader, work=work)
    subscribe(user=make_user("fan"), work=work)
    client.force_login(author)
    page = client.get(reverse("responses:stats", args=["author"])).content.decode()
    totals = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.split("Totals")[1]))
    assert "Bookmarks 1 Subscriptions 2" in totals
