"""Warnings set on one chapter: authors set them, readers see them before the chapter or behind
a "Show chapter warnings" toggle, as they prefer."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fanshelf.works import services

pytestmark = pytest.mark.django_db


def _set_chapter_warnings(client, author, work, chapter, warnings):
    client.force_login(author)
    return client.post(
        reverse("works:chapter_edit", args=[work.pk, chapter.pk]),
        {"title": "", "text": "The second part.", "text_format": "plain", "warnings": warnings},
    )


def test_an_author_sets_warnings_on_a_chapter_and_readers_see_them_before_it(
    client, author, post_work
):
    work = post_work(chapters=("The first part.", "The second part."))
    second = work.chapters.order_by("position")[1]
    _set_chapter_warnings(client, author, work, second, ["Major Character Death"])
    second.refresh_from_db()
    assert second.warnings == ["Major Character Death"]
    client.logout()
    page = client.get(reverse("works:chapter", args=[work.pk, 2])).content.decode()
    assert "Chapter warnings:" in page
    assert page.index("Major Character Death") < page.index("The second part.")
    assert (
        "Chapter warnings:"
        not in client.get(reverse("works:chapter", args=[work.pk, 1])).content.decode()
    )


def test_a_reader_who_hides_chapter_warnings_opens_them_with_a_toggle(
    client, author, reader, post_work
):
    work = post_work(chapters=("The first part.", "The second part."))
    second = work.chapters.order_by("position")[1]
    _set_chapter_warnings(client, author, work, second, ["Graphic Depictions Of Violence"])
    client.force_login(reader)
    client.post(
        reverse("accounts:preferences"),
        {"theme": "system", "chapter_warnings": "hide"},
    )
    reader.refresh_from_db()
    assert reader.chapter_warnings == "hide"
    page = client.get(reverse("works:chapter", args=[work.pk, 2])).content.decode()
    assert "<details" in page and "Show chapter warnings" in page
    assert "Chapter warnings:" not in page


def test_a_chapter_warning_that_is_not_an_archive_warning_is_refused(author, post_work):
    chapter = post_work().chapters.get()
    with pytest.raises(ValidationError, match="not an archive warning"):
        services.chapter_update(
            chapter=chapter,
            data=services.ChapterInput(text="Text.", warnings=("Fluff",)),
            text_format="plain",
        )
    chapter.refresh_from_db()
    assert chapter.warnings == []


def test_the_chapter_form_offers_the_four_archive_warnings(client, author, post_work):
    work = post_work()
    client.force_login(author)
    page = client.get(
        reverse("works:chapter_edit", args=[work.pk, work.chapters.get().pk])
    ).content.decode()
    assert "Warnings for this chapter" in page
    for warning in ("Major Character Death", "Rape/Non-Con", "Underage Sex"):
        assert warning in page
    assert 'value="No Archive Warnings Apply"' not in page
