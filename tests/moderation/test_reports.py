"""Readers report what is wrong; the limits keep reports from becoming a weapon."""

import pytest
from django.core import mail
from django.test import override_settings

from fanshelf.moderation.models import Report
from fanshelf.works import services


def test_a_reader_reports_a_work_and_is_thanked_by_e_mail(
    client, reader, post_work, django_capture_on_commit_callbacks
):
    work = post_work("Copied Homework")
    client.force_login(reader)
    form = client.get(f"/moderation/report/work/{work.pk}/")
    assert "Report the work “Copied Homework”" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/moderation/report/work/{work.pk}/",
            {"reason": "plagiarism", "description": "Chapter one is lifted from another story."},
            follow=True,
        )
    assert "your report reached the moderators" in response.content.decode()
    report = Report.objects.get()
    assert (report.reporter, report.target_user, report.reason) == (
        reader,
        work.pseuds.first().user,
        "plagiarism",
    )
    assert [m.to for m in mail.outbox] == [["reader@example.invalid"]]
    assert "We received your report" in mail.outbox[0].subject


def test_the_snapshot_keeps_the_work_as_it_was_reported(client, reader, post_work):
    work = post_work("Before", text="The words that were reported.")
    client.force_login(reader)
    client.post(f"/moderation/report/work/{work.pk}/", {"reason": "other", "description": ""})
    services.work_update(work=work, title="After", summary="all changed")
    snapshot = Report.objects.get().snapshot
    assert snapshot["title"] == "Before"
    assert "The words that were reported." in snapshot["text"]


@override_settings(FANSHELF_REPORTS_PER_ITEM_MAX=2)
def test_one_reader_reports_one_item_a_limited_number_of_times(client, reader, post_work):
    work = post_work()
    client.force_login(reader)
    for _ in range(2):
        client.post(f"/moderation/report/work/{work.pk}/", {"reason": "spam"})
    third = client.post(f"/moderation/report/work/{work.pk}/", {"reason": "spam"})
    assert "You have reported this 2 times in the last 31 days" in third.content.decode()
    assert Report.objects.count() == 2


@override_settings(FANSHELF_REPORTS_PER_DAY_MAX=2)
def test_one_reader_files_a_limited_number_of_reports_a_day(client, reader, post_work):
    works = [post_work(f"Work {n}") for n in range(3)]
    client.force_login(reader)
    for work in works[:2]:
        client.post(f"/moderation/report/work/{work.pk}/", {"reason": "spam"})
    refused = client.post(f"/moderation/report/work/{works[2].pk}/", {"reason": "spam"})
    assert "at most 2 reports a day" in refused.content.decode()
    assert Report.objects.count() == 2


@pytest.mark.parametrize("post", [False])
def test_nobody_reports_or_learns_of_a_draft_they_cannot_open(client, reader, post_work, post):
    draft = post_work("Secret draft", post=post)
    client.force_login(reader)
    assert client.get(f"/moderation/report/work/{draft.pk}/").status_code == 404
    assert (
        client.post(f"/moderation/report/work/{draft.pk}/", {"reason": "spam"}).status_code == 404
    )
    assert not Report.objects.exists()


def test_guests_log_in_before_reporting(client, post_work):
    work = post_work()
    response = client.get(f"/moderation/report/work/{work.pk}/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_report_needs_a_reason_from_the_list(client, reader, post_work):
    work = post_work()
    client.force_login(reader)
    response = client.post(f"/moderation/report/work/{work.pk}/", {"reason": "because"})
    assert "Select a valid choice" in response.content.decode()
    assert not Report.objects.exists()


def test_a_profile_and_a_chapter_can_be_reported(client, reader, post_work, old_author):
    work = post_work()
    chapter = work.chapters.get()
    client.force_login(reader)
    client.post(f"/moderation/report/profile/{old_author.pk}/", {"reason": "harassment"})
    client.post(f"/moderation/report/chapter/{chapter.pk}/", {"reason": "tagging"})
    kinds = sorted(Report.objects.values_list("target_kind", flat=True))
    assert kinds == ["chapter", "profile"]
