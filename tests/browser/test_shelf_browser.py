"""Keep and follow in the browser: bookmarks and their search, a series walked, a creator
followed, and a reading position carried from a phone to a desktop."""

import pytest

from tests.browser.conftest import ARTIFACTS, DESKTOP, PASSWORD, PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(db):
    from fanshelf.accounts.services import user_signup

    return {
        name: user_signup(username=name, email=f"{name}@example.invalid", password=PASSWORD)
        for name in ("wren", "robin")
    }


def post(author, title, *, paragraphs=3, chapters=1, freeforms=()):
    from fanshelf.tags.services import work_set_tags
    from fanshelf.works.services import ChapterInput, work_create

    text = "\n\n".join(
        f"Paragraph {n}: the lamp burned on while the sea kept its own counsel." * 3
        for n in range(1, paragraphs + 1)
    )
    work = work_create(
        pseuds=[author.default_pseud],
        title=title,
        chapters=[ChapterInput(text=text, title=f"Part {n}") for n in range(1, chapters + 1)],
        text_format="plain",
    )
    work_set_tags(
        work=work,
        rating="General Audiences",
        warnings=["No Archive Warnings Apply"],
        fandoms=["Original Work"],
        freeforms=list(freeforms),
    )
    return work


def test_bookmark_a_work_with_tags_and_notes_then_find_it(browser_page, people, screenshot):
    page = browser_page
    work = post(people["wren"], "The Lighthouse Keeper", freeforms=["Storms"])
    post(people["wren"], "A Different Story")
    log_in(page, "robin")
    page.goto(page.base + work.get_absolute_url())
    page.get_by_role("link", name="Bookmark", exact=True).click()
    page.get_by_label("Notes").fill("The storm chapter is perfect.")
    page.get_by_label("Your tags").fill("comfort read, rainy day")
    page.get_by_label("Rec (recommend it to others)").check()
    page.get_by_role("button", name="Save bookmark").click()
    page.get_by_text("Bookmark saved.").wait_for()

    page.goto(page.base + "/bookmarks/")
    page.get_by_text("Search options").click()
    page.get_by_role("textbox", name="Bookmarker's tags").fill("rainy day")
    page.get_by_role("textbox", name="Notes").fill("storm")
    page.get_by_label("Recs only").check()
    page.get_by_role("button", name="Search bookmarks").click()
    page.get_by_text("1 bookmark found").wait_for()
    assert page.get_by_role("link", name="The Lighthouse Keeper").is_visible()
    assert page.get_by_text("The storm chapter is perfect.").is_visible()
    assert not page.get_by_role("link", name="A Different Story").count()
    screenshot(page, "bookmark-search-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "bookmark-search-phone")


def test_create_a_series_of_two_works_and_walk_it(browser_page, people, screenshot):
    page = browser_page
    first = post(people["wren"], "Landfall")
    second = post(people["wren"], "Low Tide")
    log_in(page, "wren")
    for work, choice in ((first, "new"), (second, "existing")):
        page.goto(page.base + work.get_absolute_url())
        page.get_by_role("link", name="Edit work").click()
        if choice == "new":
            page.get_by_label("Or start a new series called").fill("Tides")
        else:
            page.get_by_label("Add to series").select_option(label="Tides")
        page.get_by_role("button", name="Save").first.click()
        page.get_by_text("Work updated.").wait_for()

    page.goto(page.base + first.get_absolute_url())
    assert page.locator(".series-nav").first.inner_text().count("Part 1 of Tides") == 1
    page.get_by_role("link", name="Next work →").first.click()
    page.get_by_role("heading", name="Low Tide").wait_for()
    assert "Part 2 of Tides" in page.locator(".series-nav").first.inner_text()
    screenshot(page, "series-part-two-desktop")
    page.get_by_role("link", name="← Previous work").first.click()
    page.get_by_role("heading", name="Landfall").wait_for()
    page.get_by_role("link", name="Tides").first.click()
    page.get_by_role("heading", name="Tides").wait_for()
    assert page.locator(".series-works .blurb-title").all_inner_texts()[0].startswith("Landfall")
    page.set_viewport_size(PHONE)
    screenshot(page, "series-page-phone")


def test_subscribe_to_a_creator_and_hear_of_a_new_work(browser_page, people, screenshot):
    page = browser_page
    log_in(page, "robin")
    page.goto(page.base + "/users/wren/")
    page.get_by_role("button", name="Subscribe to wren").click()
    page.get_by_text("Subscribed.").wait_for()

    post(people["wren"], "News From the Cape")  # as wren; its announcement job runs at commit
    page.goto(page.base + "/inbox/")
    page.get_by_text("New work: “News From the Cape”").wait_for()
    screenshot(page, "subscription-inbox-desktop")
    page.goto(page.base + "/subscriptions/")
    assert page.get_by_role("link", name="wren").is_visible()
    page.set_viewport_size(PHONE)
    screenshot(page, "subscriptions-phone")


def test_a_reading_position_follows_the_reader_from_phone_to_desktop(chromium, live_server, people):
    from fanshelf.library.models import Reading
    from fanshelf.library.reading_services import flush_reading

    work = post(people["wren"], "The Long Watch", paragraphs=40, chapters=3)
    phone = chromium.new_context(viewport=PHONE)
    page = phone.new_page()
    page.base = live_server.url
    log_in(page, "robin")
    page.goto(page.base + f"/works/{work.pk}/chapters/3/")
    middle = page.locator("#chapter-3 .userstuff > p").nth(19)
    with page.expect_response(lambda r: "/reading/position/" in r.url) as answer:
        middle.evaluate("p => p.scrollIntoView({block: 'start'})")
    assert answer.value.status == 204
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reading-middle-of-chapter-3-phone.png"))
    phone.close()
    flush_reading()  # the periodic job

    desktop = chromium.new_context(viewport=DESKTOP)
    page = desktop.new_page()
    page.base = live_server.url
    log_in(page, "robin")
    page.goto(page.base + work.get_absolute_url())
    page.screenshot(path=str(ARTIFACTS / "work-page-continue-reading-desktop.png"))
    sent = []
    page.on("request", lambda r: "/reading/position/" in r.url and sent.append(r.url))
    page.evaluate("""() => {
        Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }""")  # the reader switches away from a page they only opened
    page.wait_for_timeout(500)
    flush_reading()  # the work page's own view is applied too
    reading = Reading.objects.get(user=people["robin"], work=work)
    assert sent == [] and (reading.chapter_position, reading.paragraph) == (3, 20)
    page.get_by_role("link", name="Continue reading at chapter 3, paragraph 20").click()
    target = page.locator("#chapter-3 .userstuff > p").nth(19)
    page.wait_for_function(
        "el => Math.abs(el.getBoundingClientRect().top) < 40", arg=target.element_handle()
    )
    assert "Paragraph 20:" in target.inner_text()
    page.screenshot(path=str(ARTIFACTS / "continue-reading-desktop.png"))  # the window only
    page.goto(page.base + "/")
    assert page.get_by_role("heading", name="Continue reading").is_visible()
    page.goto(page.base + "/history/")
    assert page.get_by_text("last chapter read: 3").is_visible()
    page.screenshot(path=str(ARTIFACTS / "history-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.goto(page.base + work.get_absolute_url())
    page.screenshot(path=str(ARTIFACTS / "work-page-shelf-phone.png"))
    desktop.close()
