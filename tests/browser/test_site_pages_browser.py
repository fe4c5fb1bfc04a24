"""The site's frame and shared pages in a browser: the phone menu, error pages, form errors and
previews, with screenshots at phone and desktop width for a person to look at."""

import pytest

from fanshelf.works.models import Work
from tests.browser.conftest import DESKTOP, PASSWORD, PHONE, log_in
from tests.browser.test_works_browser import fill_required_tags, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _both_widths(page, screenshot, name):
    page.set_viewport_size(PHONE)
    screenshot(page, f"{name}-390")
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"{name}-1280")


def test_the_phone_menu_opens_without_javascript(chromium, live_server, screenshot):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    search = page.get_by_role("link", name="Search", exact=True)
    assert not search.is_visible()
    # The name and the menu button share the first line; the search box has the next to itself.
    brand = page.locator(".site-header .brand").bounding_box()
    menu = page.locator(".site-menu summary").bounding_box()
    search_box = page.locator(".header-search").bounding_box()
    assert abs((brand["y"] + brand["height"] / 2) - (menu["y"] + menu["height"] / 2)) < 12
    assert search_box["y"] >= max(brand["y"] + brand["height"], menu["y"] + menu["height"]) - 1
    header_width = page.locator(".site-header").bounding_box()["width"]
    assert search_box["width"] > 0.8 * header_width
    page.get_by_text("Menu", exact=True).click()
    screenshot(page, "menu-open-390")
    search.click()
    page.wait_for_url("**/search/")
    context.close()


def test_the_desktop_navigation_is_one_line_when_logged_in(browser_page):
    page = browser_page
    sign_up(page, "lark")
    page.wait_for_load_state("load")  # the stylesheet too
    assert not page.get_by_text("Menu", exact=True).is_visible()
    tops = {
        round(box["y"]) for box in (li.bounding_box() for li in page.locator(".site-nav li").all())
    }
    assert len(tops) == 1


def _overflows(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_a_long_staff_menu_never_runs_off_the_screen(browser_page, django_user_model, screenshot):
    """A superuser's links (Wrangling, Moderation too) are the longest list: on a mid-width
    screen they sit in the menu, on a wide one in a row that wraps; "Log out" is always on it."""
    page = browser_page
    django_user_model.objects.create_superuser("admin", "admin@example.invalid", PASSWORD)
    log_in(page, "admin")
    page.wait_for_load_state("load")
    page.set_viewport_size({"width": 1024, "height": 700})
    assert not _overflows(page)
    page.get_by_text("Menu", exact=True).click()
    assert page.get_by_role("link", name="Moderation").is_visible()
    screenshot(page, "staff-menu-open-1024")
    page.get_by_text("Menu", exact=True).click()
    for width in (1200, 1280):
        page.set_viewport_size({"width": width, "height": 700})
        assert not _overflows(page), width
        log_out = page.get_by_role("button", name="Log out")
        assert log_out.is_visible()
        box = log_out.bounding_box()
        assert box["x"] + box["width"] <= width
    screenshot(page, "staff-nav-1280")


def test_walkthrough_of_the_changed_pages(browser_page, screenshot):
    page = browser_page
    page.goto(page.base + "/no-such-page/")
    assert page.get_by_role("heading", name="Not found").is_visible()
    _both_widths(page, screenshot, "error-404")

    page.goto(page.base + "/login/")
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_text("Please enter a correct username").count() == 1
    _both_widths(page, screenshot, "login-wrong-password")

    sign_up(page, "heron")
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme="dark")
    page.get_by_text("Menu", exact=True).click()
    assert page.get_by_role("button", name="Log out").is_visible()
    screenshot(page, "menu-open-logged-in-dark-390")
    page.get_by_text("Menu", exact=True).click()
    page.emulate_media(color_scheme="light")
    page.set_viewport_size(DESKTOP)
    page.goto(page.base + "/tags/wrangle/")
    assert page.get_by_role("heading", name="Not allowed").is_visible()
    _both_widths(page, screenshot, "error-403")

    page.goto(page.base + "/works/new/")
    _both_widths(page, screenshot, "post-form")
    page.get_by_role("button", name="Post", exact=True).click()
    summary = page.locator(".error-summary")
    assert summary.count() == 1
    assert summary.get_by_role("link").count() == 5
    summary.get_by_role("link", name="Chapter text: This field is required.").click()
    assert page.evaluate("location.hash") == "#id_chapters-0-text"
    _both_widths(page, screenshot, "post-form-errors")

    page.get_by_label("Title:", exact=True).fill("The Heron's Wait")
    page.get_by_label("Summary:", exact=True).fill("A bird, a river, a long morning.")
    page.get_by_label("Notes at the beginning:", exact=True).fill("Written for a friend.")
    page.get_by_label("Chapter text").fill("<p>The heron stood in the shallows.</p>")
    page.get_by_label("Only show to registered users").check()
    fill_required_tags(page)
    page.get_by_label("Additional tags").fill("Birds, Patience")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".preview")
    assert "Birds" in preview.inner_text() and "General Audiences" in preview.inner_text()
    assert preview.get_by_role("heading", name="Summary").is_visible()
    _both_widths(page, screenshot, "work-preview")
    page.get_by_role("button", name="Post", exact=True).click()
    page.get_by_text("Work posted.").wait_for()
    work = Work.objects.get()

    page.goto(page.base + f"/works/{work.pk}/chapters/new/")
    page.get_by_label("Chapter title").fill("Noon")
    page.get_by_label("Chapter text").fill("<p>The river warmed.</p>")
    page.get_by_role("button", name="Preview").click()
    assert page.locator(".preview").get_by_text("Chapter 2: Noon").is_visible()
    _both_widths(page, screenshot, "chapter-preview")

    page.goto(page.base + "/search/")
    _both_widths(page, screenshot, "search")

    page.get_by_role("button", name="Log out").click()
    page.goto(page.base + work.get_absolute_url())
    assert page.get_by_role("heading", name="This work is only for logged-in users").is_visible()
    _both_widths(page, screenshot, "restricted-guest")


def test_suggestions_after_dismissing_them_all(browser_page, screenshot):
    from django.core.management import call_command

    from fanshelf.accounts.models import User
    from fanshelf.analysis.packfile import BUNDLED_PACKS_DIR, read_pack
    from fanshelf.suggestions.services import forget_knowledge
    from fanshelf.tags.pack_loading import pack_load
    from tests.seeds import SEEDS_DIR, seed_names

    if "000_42a2f226b6b5c9c0.txt" not in seed_names():
        pytest.skip(f"the seed stories are not beside the repository ({SEEDS_DIR})")
    pack_load(pack=read_pack(BUNDLED_PACKS_DIR / "doctor_who.toml"))
    forget_knowledge()
    page = browser_page
    sign_up(page, "plover")
    call_command(
        "import_works", str(SEEDS_DIR / "000_42a2f226b6b5c9c0.txt"), pseud="plover", draft=True
    )
    work = Work.objects.get(pseuds__user=User.objects.get(username="plover"))
    page.goto(page.base + f"/works/{work.pk}/edit/")
    suggestions = page.locator("#suggestions")
    suggestions.get_by_text("Why").first.click()
    _both_widths(page, screenshot, "suggestions")
    for box in suggestions.get_by_role("checkbox").all():
        box.check()
    page.get_by_role("button", name="Dismiss the ticked suggestions").click()
    page.get_by_role("button", name="Read it again").click()
    assert page.get_by_text("stay dismissed and are not offered again").count() >= 1
    assert page.get_by_text("your tags cover").count() == 0
    _both_widths(page, screenshot, "suggestions-read-again")
    forget_knowledge()
