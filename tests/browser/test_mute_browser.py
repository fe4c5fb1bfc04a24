"""A reader mutes an author: the author's works leave a tag page and its count goes down."""

import pytest

from fanshelf.accounts.services import user_signup
from fanshelf.search.services import index_works
from fanshelf.tags.filters import refresh_work_filters
from fanshelf.tags.models import Tag, Tagging, TagType
from fanshelf.works.services import ChapterInput, work_create

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _work(author, title, tags):
    work = work_create(
        pseuds=[author.default_pseud], title=title, chapters=[ChapterInput(text="<p>Tea.</p>")]
    )
    for tag in tags:
        Tagging.objects.create(work=work, tag=tag)
    refresh_work_filters([work.pk], announce=False)
    index_works(work_ids=[work.pk])


def test_a_muting_reader_sees_the_tag_page_count_go_down(browser_page, screenshot):
    def tag(name, tag_type):
        return Tag.objects.get_or_create(name=name, type=tag_type, defaults={"canonical": True})[0]

    loud = user_signup(username="loudmouth", email="l@example.invalid", password="drum kit 55 x")
    quiet = user_signup(username="lark", email="k@example.invalid", password="dawn song 55 x")
    user_signup(username="wren", email="w@example.invalid", password="hedge row 55 x")
    who = tag("Doctor Who", TagType.FANDOM)
    rating = tag("General Audiences", TagType.RATING)
    _work(loud, "Shouting at Daleks", [who, rating])
    _work(loud, "More Shouting", [who, rating])
    _work(quiet, "A Quiet Console Room", [who, rating])

    page = browser_page
    page.goto(page.base + "/login/")
    page.get_by_label("Username").fill("wren")
    page.get_by_label("Password").fill("hedge row 55 x")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Log out").wait_for()
    page.goto(page.base + "/tags/Doctor%20Who/works")
    page.get_by_text("3 works found").wait_for()

    page.goto(page.base + "/users/loudmouth/")
    page.get_by_role("button", name="Mute loudmouth").click()
    page.get_by_text("You muted loudmouth.").wait_for()

    page.goto(page.base + "/tags/Doctor%20Who/works")
    page.get_by_text("1 work found").wait_for()
    assert page.get_by_role("link", name="A Quiet Console Room").is_visible()
    assert page.get_by_role("link", name="Shouting at Daleks").count() == 0
    screenshot(page, "mute-tag-page-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "mute-tag-page-phone")
