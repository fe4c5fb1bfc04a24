"""A reader reports, a moderator acts from the queue, and the creator sees why."""

import pytest
from django.contrib.auth.models import Group, Permission

from fanshelf.accounts.services import user_signup
from fanshelf.works import services
from tests.browser.conftest import log_in

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_moderator(user):
    # Transactional tests flush the database, and with it the group the migration made.
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(Permission.objects.get(codename="moderate"))
    user.groups.add(group)


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").wait_for()


def test_a_report_goes_through_the_queue_and_the_creator_sees_the_reason(browser_page, screenshot):
    author = user_signup(username="quill", email="q@example.invalid", password="ink well 55 x")
    user_signup(username="finch", email="f@example.invalid", password="seed tray 55 x")
    moderator = user_signup(username="warden", email="w@example.invalid", password="keys 55 xyz")
    make_moderator(moderator)
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
    page.set_viewport_size(DESKTOP)
    log_out(page)

    log_in(page, "warden", "keys 55 xyz")
    page.goto(f"{page.base}/moderation/appeals/")
    assert page.get_by_text("I wrote it myself.").is_visible()
    screenshot(page, "moderation-appeals-desktop")
    page.get_by_role("link", name="Invitations").click()
    screenshot(page, "moderation-invitations-desktop")


def test_a_reported_comment_is_hidden_from_the_queue_and_its_writer_sees_why(
    browser_page, screenshot
):
    import datetime

    from django.utils import timezone

    from fanshelf.responses.services import comment_post

    author = user_signup(username="heron", email="h@example.invalid", password="reed bed 55 x")
    writer = user_signup(username="jackdaw", email="j@example.invalid", password="tin roof 55 x")
    writer.date_joined = timezone.now() - datetime.timedelta(days=90)
    writer.save(update_fields=["date_joined"])
    moderator = user_signup(username="keeper", email="k@example.invalid", password="gate 55 xyzw")
    make_moderator(moderator)
    work = services.work_create(
        pseuds=[author.default_pseud],
        title="Low Tide",
        chapters=[services.ChapterInput(text="The water went out past the pier.")],
        text_format="plain",
    )
    comment_post(work=work, user=writer, content="Nobody wants to read your stories, heron.")
    page = browser_page
    log_in(page, "heron", "reed bed 55 x")
    page.goto(f"{page.base}/works/{work.pk}/?show_comments=1")
    page.locator(".comment").get_by_role("link", name="Report").click()
    page.get_by_label("Harassment or threats").check()
    page.get_by_role("button", name="Send the report").click()
    page.get_by_text("your report reached the moderators").wait_for()
    log_out(page)

    log_in(page, "keeper", "gate 55 xyzw")
    page.get_by_role("link", name="Moderation").click()
    page.get_by_role("link", name="a comment by jackdaw on “Low Tide”").click()
    page.get_by_label("Hide the content").check()
    page.get_by_label("Reason").fill("A personal attack on the author.")
    page.get_by_role("button", name="Do it").click()
    page.get_by_text("Nothing waits for a moderator").wait_for()
    log_out(page)

    log_in(page, "jackdaw", "tin roof 55 x")
    page.goto(f"{page.base}/works/{work.pk}/?show_comments=1")
    notice = page.locator(".comment").get_by_role("alert")
    assert "A personal attack on the author." in notice.inner_text()
    screenshot(page, "moderation-hidden-comment-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "moderation-hidden-comment-phone")
