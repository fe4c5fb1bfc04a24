import pytest

from tests.browser.conftest import PHONE
from tests.seeds import SEEDS_DIR, seed_labels

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_up(page, username):
    page.goto(page.base + "/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("E-mail address").fill(f"{username}@example.invalid")
    page.get_by_label("Password:", exact=True).fill("paper lantern river 7")
    page.get_by_label("Password confirmation").fill("paper lantern river 7")
    page.get_by_label("I have read and accept").check()
    page.get_by_role("button", name="Sign up").click()
    page.get_by_text(f"Welcome, {username}!").wait_for()


def fill_required_tags(page):
    """A posted work needs a rating, an archive warning and a fandom."""
    page.get_by_label("Rating").select_option("General Audiences")
    page.get_by_label("No Archive Warnings Apply").check()
    page.get_by_label("Fandoms").fill("Original Work")


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").wait_for()


def test_author_posts_two_chapters_and_a_guest_reads_them(browser_page, screenshot):
    page = browser_page
    sign_up(page, "wren")
    page.get_by_role("link", name="Post a work").click()
    page.get_by_label("Title:", exact=True).fill("The Lighthouse Keeper")
    page.get_by_label("Summary:", exact=True).fill("A keeper, a storm, a visitor.")
    page.get_by_label("Expected number of chapters").fill("2")
    page.get_by_label("I am typing").select_option("plain")
    page.get_by_label("Chapter title").fill("Storm")
    page.get_by_label("Chapter text").fill("The storm came at dusk.\n\nShe lit the lamp.")
    fill_required_tags(page)
    page.get_by_role("button", name="Post").click()
    page.get_by_text("Work posted.").wait_for()
    page.get_by_role("link", name="Add chapter").click()
    page.get_by_label("Chapter title").fill("Visitor")
    page.get_by_label("Chapter text").fill("Someone knocked at midnight.")
    page.get_by_label("I am typing").select_option("plain")
    page.get_by_role("button", name="Post chapter").click()
    page.get_by_text("Chapter 2: Visitor added.").wait_for()
    log_out(page)

    page.get_by_role("link", name="The Lighthouse Keeper").click()
    assert page.get_by_role("heading", name="The Lighthouse Keeper").is_visible()
    assert page.get_by_text("The storm came at dusk.").is_visible()
    page.get_by_role("link", name="Next chapter").click()
    assert page.get_by_text("Someone knocked at midnight.").is_visible()
    page.get_by_role("link", name="Entire work").click()
    assert page.get_by_text("She lit the lamp.").is_visible()
    assert page.locator(".stats").first.inner_text().count("2/2") == 1
    screenshot(page, "work-page-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "work-page-phone")
    page.emulate_media(color_scheme="dark")
    screenshot(page, "work-page-phone-dark")


def test_restricted_work_is_hidden_when_logged_out(browser_page):
    page = browser_page
    sign_up(page, "moth")
    page.get_by_role("link", name="Post a work").click()
    page.get_by_label("Title:", exact=True).fill("Members Only Tale")
    page.get_by_label("Only show to registered users").check()
    page.get_by_label("Chapter text").fill("<p>Secret words.</p>")
    fill_required_tags(page)
    page.get_by_role("button", name="Post").click()
    page.get_by_text("Work posted.").wait_for()
    work_url = page.url
    log_out(page)
    assert page.get_by_text("Members Only Tale").count() == 0
    response = page.goto(work_url)
    assert response.status == 404


def test_uploading_a_seed_shows_the_notes_split_in_the_preview(browser_page):
    name = "000_42a2f226b6b5c9c0.txt"
    label = seed_labels()[name]
    page = browser_page
    sign_up(page, "mayfly")
    page.get_by_role("link", name="Import").click()
    page.get_by_label("Story file").set_input_files(str(SEEDS_DIR / name))
    page.get_by_role("button", name="Read the file").click()
    page.get_by_role("heading", name="Import a work: check the split").wait_for()
    assert (
        page.get_by_label("Notes at the beginning:", exact=True).input_value()
        == label["notes_begin"]
    )
    assert page.get_by_label("Notes at the end:", exact=True).input_value() == label["notes_end"]
    story = page.get_by_label("Chapter text").input_value()
    assert story.startswith(label["body_starts_with"]) and story.endswith(label["body_ends_with"])
    # The author moves the sign-off from the notes into the story, then previews and posts.
    page.get_by_label("Title:", exact=True).fill("After Skaro")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".preview")
    assert label["body_starts_with"] in preview.inner_text()
    fill_required_tags(page)
    page.get_by_role("button", name="Post", exact=True).click()
    page.get_by_text("Work posted.").wait_for()
    assert page.get_by_role("heading", name="Notes", exact=True).is_visible()
    page.get_by_role("link", name="Hide author's notes").click()
    assert page.get_by_role("heading", name="Notes", exact=True).count() == 0
