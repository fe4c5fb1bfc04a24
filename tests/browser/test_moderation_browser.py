"""A reader reports, a moderator acts from the queue, and the creator sees why."""

import pytest
from django.contrib.auth.models import Group

from fanshelf.accounts.services import user_signup
from fanshelf.works import services

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username, password):
    page.goto(page.base + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Log out").wait_for()


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").wait_for()


def test_a_report_goes_through_the_queue_and_the_creator_sees_the_reason(browser_page, screenshot):
    author = user_signup(username="quill", email="q@example.invalid", password="ink well 55 x")
    user_signup(username="finch", email="f@example.invalid", password="seed tray 55 x")
    moderator = user_signup(username="warden", email="w@example.invalid", password="keys 55 xyz")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    work = services.work_create(
        pseuds=[author.default_pseud],
        title="The Borrowed Tale",
        chapters=[services.ChapterInput(text="Every word of this came from somewhere else.")],
        text_format="plain",
    )
    page = browser_page
    log_in(page, "finch", "seed tray 55 x")
    page.goto(f"{page.base}/works/{work.pk}/")
    page.get_by_role("link", name="Report", exact=True).click()
    page.get_by_label("Plagiarism").check()
    page.get_by_label("Description").fill("The first paragraph is from another archive.")
    page.get_by_role("button", name="Send the report").click()
    page.get_by_text("your report reached the moderators").wait_for()
    log_out(page)

    log_in(page, "warden", "keys 55 xyz")
    page.get_by_role("link", name="Moderation").click()
    screenshot(page, "moderation-queue-desktop")
    page.get_by_role("link", name="the work “The Borrowed Tale”").click()
    assert page.get_by_text("The first paragraph is from another archive.").is_visible()
    screenshot(page, "moderation-report-desktop")
    page.get_by_label("Hide the content").check()
    page.get_by_label("Reason").fill("Copied from another archive without credit.")
    page.get_by_role("button", name="Do it").click()
    page.get_by_text("Nothing waits for a moderator").wait_for()
    page.get_by_role("link", name="Moderation log").click()
    assert page.get_by_text("Copied from another archive without credit.").is_visible()
    screenshot(page, "moderation-log-desktop")
    log_out(page)

    log_in(page, "quill", "ink well 55 x")
    page.goto(f"{page.base}/works/{work.pk}/")
    notice = page.get_by_role("alert")
    assert "Copied from another archive without credit." in notice.inner_text()
    page.set_viewport_size(PHONE)
    screenshot(page, "moderation-hidden-work-phone")
    page.get_by_role("link", name="Appeal").click()
    page.get_by_label("Why should the moderators look again?").fill("I wrote it myself.")
    page.get_by_role("button", name="Appeal").click()
    page.get_by_text("Your appeal reached the moderators.").wait_for()
