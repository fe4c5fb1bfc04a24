"""Browsing at phone and desktop width: compact blurbs, folded filter groups, removing an active
filter, and a reader's saved filter applied on a tag page."""

import pytest
from django.test import Client

from fanshelf.search.services import index_works
from fanshelf.tags.filters import refresh_work_filters
from fanshelf.tags.models import Tag, Tagging, TagType
from fanshelf.works.services import ChapterInput, work_create

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tag(name, tag_type=TagType.FREEFORM):
    return Tag.objects.get_or_create(name=name, type=tag_type, defaults={"canonical": True})[0]


def _work(author, title, tags, summary="<p>A short summary of the story.</p>"):
    work = work_create(
        pseuds=[author.default_pseud],
        title=title,
        summary=summary,
        chapters=[ChapterInput(text="<p>Tea and a storm at sea.</p>")],
    )
    for tag in tags:
        Tagging.objects.create(work=work, tag=tag)
    refresh_work_filters([work.pk], announce=False)
    index_works(work_ids=[work.pk])
    return work


@pytest.fixture
def library(author):
    who = _tag("Doctor Who", TagType.FANDOM)
    teen = _tag("Teen And Up Audiences", TagType.RATING)
    death = _tag("Major Character Death", TagType.WARNING)
    none_apply = _tag("No Archive Warnings Apply", TagType.WARNING)
    fm = _tag("F/M", TagType.CATEGORY)
    freeforms = [_tag(name) for name in ("Fluff", "Angst", "Hurt/Comfort", "Found Family",
                                         "Slow Burn", "Time Travel", "Pining")]  # fmt: skip
    doctor, clara = _tag("The Doctor", TagType.CHARACTER), _tag("Clara Oswald", TagType.CHARACTER)
    pair = _tag("The Doctor/Clara Oswald", TagType.RELATIONSHIP)
    _work(author, "The Long Goodbye", [who, teen, death, fm, pair, doctor, clara, *freeforms[1:4]])
    for n, title in enumerate(("Tea at the TARDIS", "Rain on Gallifrey", "Souffle Girl")):
        _work(author, title, [who, teen, none_apply, fm, doctor, *freeforms[n : n + 5]])


def _open(chromium, live_server, viewport, *, cookies=()):
    context = chromium.new_context(viewport=viewport)
    context.add_cookies(list(cookies))
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


def test_blurbs_and_folded_filters_at_both_widths(chromium, live_server, library, screenshot):
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context, page = _open(chromium, live_server, viewport)
        page.goto(live_server.url + "/search/?q=tea")
        page.get_by_text("4 works found").wait_for()
        blurb = page.get_by_role("article", name="The Long Goodbye")
        assert blurb.get_by_text("Rating: Teen And Up Audiences").count() == 1
        assert blurb.locator(".blurb-tags .warning").inner_text() == "Major Character Death"
        if name == "phone":
            screenshot(page, "search-results-phone-closed")
            page.get_by_text("Filters", exact=True).click()
        sidebar = page.get_by_role("complementary", name="Filter results")
        group = sidebar.get_by_role("group", name="Additional Tags")
        assert group.get_by_role("checkbox").filter(visible=True).count() == 10  # 5 tags
        group.get_by_text("2 more").click()
        assert group.get_by_role("checkbox").filter(visible=True).count() == 14
        screenshot(page, f"search-results-{name}")
        context.close()


def test_removing_an_active_filter_takes_one_click(chromium, live_server, library, screenshot):
    context, page = _open(chromium, live_server, PHONE)
    page.goto(live_server.url + "/search/?q=tea&include_tag=Fluff")
    page.get_by_text("1 work found").wait_for()
    filters = page.get_by_role("list", name="Your search and filters; remove one")
    screenshot(page, "search-active-filters-phone")
    filters.get_by_role("link", name="Including: Fluff").click()
    page.get_by_text("4 works found").wait_for()
    assert page.get_by_role("link", name="Including: Fluff").count() == 0
    context.close()


def test_a_saved_personal_filter_applies_on_a_tag_page(
    chromium, live_server, library, reader, screenshot
):
    client = Client()
    client.force_login(reader)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    context, page = _open(
        chromium, live_server, DESKTOP, cookies=[cookie | {"url": live_server.url}]
    )
    page.goto(live_server.url + "/search/filters/")
    page.get_by_label("Never show works tagged").fill("Major Character Death")
    page.get_by_role("button", name="Save my filters").click()
    page.get_by_text("Your filters are saved").wait_for()
    page.goto(live_server.url + "/tags/Doctor%20Who/works")
    page.get_by_text("3 works found").wait_for()
    page.get_by_text("1 filter of yours is on").wait_for()
    assert page.get_by_role("link", name="The Long Goodbye").count() == 0
    screenshot(page, "tag-page-personal-filter-desktop")
    page.get_by_role("link", name="Show all works").click()
    page.get_by_text("4 works found").wait_for()
    context.close()
