import pytest

from fanshelf.search.services import index_works
from fanshelf.tags.filters import refresh_work_filters
from fanshelf.tags.models import Tag, Tagging, TagType
from fanshelf.works.services import ChapterInput, work_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _work(author, title, tags):
    work = work_create(
        pseuds=[author.default_pseud], title=title, chapters=[ChapterInput(text="<p>Tea.</p>")]
    )
    for tag in tags:
        Tagging.objects.create(work=work, tag=tag)
    refresh_work_filters([work.pk], announce=False)
    index_works(work_ids=[work.pk])


def test_guest_excludes_a_warning_from_a_tags_works(browser_page, author, screenshot):
    def tag(name, tag_type):
        return Tag.objects.get_or_create(name=name, type=tag_type, defaults={"canonical": True})[0]

    who = tag("Doctor Who", TagType.FANDOM)
    rating = tag("General Audiences", TagType.RATING)
    death = tag("Major Character Death", TagType.WARNING)
    none_apply = tag("No Archive Warnings Apply", TagType.WARNING)
    _work(author, "The Long Goodbye", [who, rating, death])
    _work(author, "Tea at the TARDIS", [who, rating, none_apply])
    page = browser_page
    page.goto(page.base + "/search/?tag=Doctor+Who")
    page.get_by_role("heading", name="Works in Doctor Who").wait_for()
    assert page.get_by_role("link", name="The Long Goodbye").is_visible()
    sidebar = page.get_by_role("complementary", name="Filter results")
    warnings = sidebar.get_by_role("group", name="Archive Warning")
    warnings.get_by_role("checkbox", name="Exclude Major Character Death").check()
    sidebar.get_by_role("button", name="Filter").first.click()
    page.get_by_text("1 work found").wait_for()
    assert page.get_by_role("link", name="Tea at the TARDIS").is_visible()
    assert page.get_by_role("link", name="The Long Goodbye").count() == 0
    screenshot(page, "search-exclude-warning")
