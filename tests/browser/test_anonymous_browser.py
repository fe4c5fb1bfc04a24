"""An anonymous work in a listing at phone and desktop width, and a reader hiding anonymous
works with their own filters: the banner says so and one click shows everything again."""

import pytest
from django.test import Client

from fanshelf.tags.models import TagType
from fanshelf.works.models import Work

from .conftest import DESKTOP, PHONE
from .test_browse_browser import _open, _tag, _work

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def listing(author):
    who = _tag("Doctor Who", TagType.FANDOM)
    teen = _tag("Teen And Up Audiences", TagType.RATING)
    for title in ("Tea at the TARDIS", "Rain on Gallifrey"):
        _work(author, title, [who, teen])
    masked = _work(author, "The Masked Regeneration", [who, teen])
    Work.objects.filter(pk=masked.pk).update(anonymous=True)
    from fanshelf.search.services import index_works

    index_works(work_ids=[masked.pk])


@pytest.mark.parametrize("name, viewport", [("phone", PHONE), ("desktop", DESKTOP)])
def test_a_reader_hides_anonymous_works_and_sees_the_banner(
    chromium, live_server, listing, reader, screenshot, name, viewport
):
    client = Client()
    client.force_login(reader)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    context, page = _open(
        chromium, live_server, viewport, cookies=[cookie | {"url": live_server.url}]
    )
    page.goto(live_server.url + "/tags/Doctor%20Who/works")
    page.get_by_text("3 works found").wait_for()
    blurb = page.get_by_role("article", name="The Masked Regeneration")
    assert "by Anonymous" in blurb.inner_text()
    screenshot(page, f"anonymous-blurb-{name}")
    page.goto(live_server.url + "/search/filters/")
    page.get_by_label("Hide anonymous works").check()
    page.get_by_role("button", name="Save my filters").click()
    page.get_by_text("Your filters are saved").wait_for()
    assert page.get_by_label("Hide anonymous works").is_checked()
    page.goto(live_server.url + "/tags/Doctor%20Who/works")
    page.get_by_text("2 works found").wait_for()
    page.get_by_text("1 filter of yours is on (no anonymous works)").wait_for()
    assert page.get_by_role("link", name="The Masked Regeneration").count() == 0
    screenshot(page, f"anonymous-hidden-{name}")
    page.get_by_role("link", name="Show all works").click()
    page.get_by_text("3 works found").wait_for()
    context.close()
