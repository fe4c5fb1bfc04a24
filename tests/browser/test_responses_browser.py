import pytest

from fanshelf.accounts.services import user_signup
from fanshelf.responses import services as response_services
from fanshelf.works import services as work_services
from tests.browser.conftest import DESKTOP, PASSWORD, PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_work(*, permission="anyone", moderated=False):
    author = user_signup(username="wren", email="wren@example.invalid", password=PASSWORD)
    work = work_services.work_create(
        pseuds=[author.default_pseud],
        title="The Lighthouse Keeper",
        chapters=[work_services.ChapterInput(text="The storm came at dusk.")],
        text_format="plain",
    )
    response_services.comment_settings_update(work=work, permission=permission, moderated=moderated)
    return work


def deep_thread(work):
    """A second thread six replies deep (the sixth behind "continue this thread"), one edited."""
    readers = [
        user_signup(username=name, email=f"{name}@example.invalid", password=PASSWORD)
        for name in ("ada", "bo", "cy")
    ]
    parent = None
    for level in range(7):
        parent = response_services.comment_post(
            work=work,
            user=readers[level % 3],
            content=f"Level {level} of the lighthouse thread: the beam swept the rocks again.",
            parent=parent,
        )
        if level == 0:
            response_services.comment_edit(
                comment=parent,
                user=readers[0],
                content="Level 0 of the lighthouse thread: the beam swept the rocks (typo fixed).",
            )


def test_a_guest_leaves_kudos_and_a_comment_and_the_author_replies_and_freezes(
    browser_page, screenshot
):
    page = browser_page
    work = make_work()
    page.goto(page.base + work.get_absolute_url())
    page.get_by_role("button", name="Kudos ♥").click()
    page.get_by_text("Thank you for leaving kudos!").wait_for()
    assert "1 guest" in page.locator(".kudos").inner_text()
    page.get_by_label("Comment:", exact=True).fill("The lamp scene made me cry.")
    page.get_by_label("Name:", exact=True).fill("Molly")
    page.get_by_label("E-mail address:", exact=True).fill("molly@example.invalid")
    page.get_by_role("button", name="Comment", exact=True).click()
    page.get_by_text("Comment posted.").wait_for()
    assert page.get_by_text("The lamp scene made me cry.").is_visible()

    log_in(page, "wren")
    page.get_by_role("link", name="Inbox 1 unread").click()
    page.get_by_text("Molly left a comment on “The Lighthouse Keeper”").wait_for()
    screenshot(page, "inbox-desktop")
    page.get_by_text("Reply", exact=True).click()
    page.get_by_label("Your reply").fill("Thank you, Molly!")
    page.get_by_role("button", name="Post reply").click()
    page.get_by_text("Comment posted.").wait_for()
    assert page.url.endswith("/inbox/?show=all")

    page.goto(page.base + work.get_absolute_url() + "?show_comments=1")
    page.get_by_role("button", name="Freeze thread").first.click()
    page.get_by_text("Thread frozen.").wait_for()
    assert page.locator(".comment").first.get_by_text("frozen").first.is_visible()
    assert page.get_by_role("link", name="Reply").count() == 0

    deep_thread(work)
    page.reload()
    page.get_by_role("link", name="Continue this thread →").wait_for()
    assert page.get_by_text("edited", exact=True).is_visible()
    thread = page.locator("#comments")
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        deepest = page.locator(".comment", has_text="Level 4 of the lighthouse thread").last
        width = deepest.locator("article").bounding_box()["width"]
        room = thread.bounding_box()["width"]
        assert width > room * 0.7, f"the fifth level is {width} of {room}px at {name} width"
        thread.scroll_into_view_if_needed()
        thread.screenshot(path=str(screenshot(page, f"comment-thread-{name}")))

    page.goto(page.base + "/users/wren/stats/")
    assert page.get_by_role("row", name="The Lighthouse Keeper").is_visible()
    screenshot(page, "stats-phone")
    page.goto(page.base + "/inbox/?show=read")
    screenshot(page, "inbox-phone")


def test_a_moderated_works_comment_waits_until_the_author_approves(browser_page, screenshot):
    page = browser_page
    work = make_work(permission="registered", moderated=True)
    user_signup(username="reader", email="reader@example.invalid", password=PASSWORD)
    log_in(page, "reader")
    page.goto(page.base + work.get_absolute_url())
    page.get_by_label("Comment:", exact=True).fill("Waiting for the light.")
    page.get_by_role("button", name="Comment", exact=True).click()
    page.get_by_text("Your comment was received and is awaiting approval.").wait_for()
    assert page.get_by_text("Your comment is awaiting approval.").is_visible()

    guest = page.context.browser.new_page()
    guest.goto(page.base + work.get_absolute_url() + "?show_comments=1")
    assert guest.get_by_text("Waiting for the light.").count() == 0

    page.get_by_role("button", name="Log out").click()
    log_in(page, "wren")
    page.goto(page.base + work.get_absolute_url())
    page.get_by_role("link", name="Comments awaiting approval").click()
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("Comment approved.").wait_for()
    screenshot(page, "moderation-queue-desktop")

    guest.reload()
    assert guest.get_by_text("Waiting for the light.").is_visible()
    guest.close()
