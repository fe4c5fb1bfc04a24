import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fanshelf.works import services
from fanshelf.works.models import Chapter, Work

pytestmark = pytest.mark.django_db


def _form_data(action="post", chapters=("Chapter one text.",), **fields):
    data = {
        "title": "Lanterns",
        "pseuds": [],
        "summary": "",
        "notes_begin": "",
        "notes_end": "",
        "language": "en",
        "expected_chapters": "",
        "published_on": "",
        "text_format": "plain",
        # A posted work needs a fandom, a rating and an archive warning.
        "rating": "General Audiences",
        "warnings": ["No Archive Warnings Apply"],
        "fandoms": "Original Work",
        "action": action,
        "chapters-TOTAL_FORMS": str(len(chapters)),
        "chapters-INITIAL_FORMS": "0",
        "chapters-MIN_NUM_FORMS": "1",
        "chapters-MAX_NUM_FORMS": "500",
    }
    for index, text in enumerate(chapters):
        data[f"chapters-{index}-text"] = text
        data[f"chapters-{index}-title"] = f"Part {index + 1}"
    data.update(fields)
    return data


def test_author_posts_a_two_chapter_work_readers_see(client, author):
    client.force_login(author)
    data = _form_data(
        chapters=("The first night.", "The second night."),
        pseuds=[author.default_pseud.pk],
        expected_chapters="2",
        notes_begin="For my sister.",
        notes_end="Thanks for reading!",
        summary="Two nights.",
    )
    response = client.post(reverse("works:new"), data)
    work = Work.objects.get()
    assert response.status_code == 302 and response["Location"] == work.get_absolute_url()
    assert work.posted and work.complete and work.chapter_count == 2 and work.word_count == 6
    client.logout()
    page = client.get(work.get_absolute_url() + "?view_full_work=1").content.decode()
    for text in (
        "Lanterns",
        "Two nights.",
        "For my sister.",
        "The first night.",
        "The second night.",
        "Thanks for reading!",
        "Chapter 2: Part 2",
        "Complete",
    ):
        assert text in page


def test_preview_shows_the_work_without_saving(client, author):
    client.force_login(author)
    response = client.post(
        reverse("works:new"),
        _form_data(
            action="preview", pseuds=[author.default_pseud.pk], chapters=("Preview me <b>now</b>.",)
        ),
    )
    assert response.status_code == 200
    assert "Preview: Lanterns" in response.content.decode()
    assert "Preview me &lt;b&gt;now&lt;/b&gt;." in response.content.decode()
    assert not Work.objects.exists()


def test_draft_is_private_until_posted(client, author, reader, django_capture_on_commit_callbacks):
    client.force_login(author)
    client.post(reverse("works:new"), _form_data(action="draft", pseuds=[author.default_pseud.pk]))
    work = Work.objects.get()
    assert not work.posted
    assert client.get(work.get_absolute_url()).status_code == 200
    client.force_login(reader)
    assert client.get(work.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(work.get_absolute_url()).status_code == 404
    assert "Lanterns" not in client.get(reverse("works:front")).content.decode()
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):  # the indexing job
        client.post(reverse("works:post", args=[work.pk]))
    client.logout()
    assert client.get(work.get_absolute_url()).status_code == 200
    assert "Lanterns" in client.get(reverse("works:front")).content.decode()


def test_form_errors_are_shown_and_nothing_is_saved(client, author, settings):
    client.force_login(author)
    response = client.post(
        reverse("works:new"), _form_data(pseuds=[author.default_pseud.pk], title="x" * 300)
    )
    assert "Ensure this value has at most 255 characters" in response.content.decode()
    assert not Work.objects.exists()


@pytest.mark.parametrize(
    ("field", "setting", "message"),
    [
        ("title", "FANSHELF_TITLE_MAX_LENGTH", "The title is 21 characters long; the limit is 20."),
        ("summary", "FANSHELF_SUMMARY_MAX_LENGTH", "The summary is 21 characters"),
        ("notes_begin", "FANSHELF_NOTES_MAX_LENGTH", "The notes at the start is 21 characters"),
    ],
)
def test_service_limits_are_named_settings(author, settings, field, setting, message):
    setattr(settings, setting, 20)
    kwargs = {"title": "ok", field: "y" * 21}
    with pytest.raises(ValidationError, match=message):
        services.work_create(
            pseuds=[author.default_pseud], chapters=[services.ChapterInput(text="words")], **kwargs
        )
    assert not Work.objects.exists() and not Chapter.objects.exists()


def test_chapter_limit_and_text_limit(author, settings):
    settings.FANSHELF_CHAPTERS_PER_WORK_MAX = 2
    chapters = [services.ChapterInput(text="a")] * 3
    with pytest.raises(ValidationError, match="at most 2 chapters"):
        services.work_create(pseuds=[author.default_pseud], title="t", chapters=chapters)
    settings.FANSHELF_CHAPTER_MAX_LENGTH = 5
    with pytest.raises(ValidationError, match="Chapter 2's text is 6 characters"):
        services.work_create(
            pseuds=[author.default_pseud],
            title="t",
            chapters=[services.ChapterInput(text="short"), services.ChapterInput(text="longer")],
        )
    assert not Work.objects.exists()


def test_backdated_publication_and_future_refused(post_work):
    work = post_work(published_on=datetime.date(2011, 3, 4))
    assert work.published_on == datetime.date(2011, 3, 4)
    with pytest.raises(ValidationError, match="future"):
        post_work(published_on=datetime.date.today() + datetime.timedelta(days=30))


def test_add_reorder_and_delete_chapters(client, author, post_work):
    work = post_work(chapters=("First.", "Second."), expected_chapters=3)
    client.force_login(author)
    client.post(
        reverse("works:chapter_new", args=[work.pk]),
        {"title": "Third", "text": "Third.", "text_format": "plain", "action": "post"},
    )
    work.refresh_from_db()
    assert work.chapter_count == 3 and work.complete
    first, second, third = work.chapters.order_by("position")
    client.post(
        reverse("works:chapters_reorder", args=[work.pk]),
        {f"chapter_{third.pk}": 1, f"chapter_{first.pk}": 2, f"chapter_{second.pk}": 3},
    )
    assert [c.title for c in work.chapters.order_by("position")] == ["Third", "", ""]
    page = client.get(reverse("works:chapter", args=[work.pk, 1])).content.decode()
    assert "Third." in page and "Next chapter" in page and "Previous chapter" not in page
    client.post(reverse("works:chapter_delete", args=[work.pk, third.pk]))
    work.refresh_from_db()
    assert [c.position for c in work.chapters.order_by("position")] == [1, 2]
    assert work.chapter_count == 2 and not work.complete


def test_reorder_refuses_duplicate_positions(client, author, post_work):
    work = post_work(chapters=("First.", "Second."))
    first, second = work.chapters.order_by("position")
    client.force_login(author)
    response = client.post(
        reverse("works:chapters_reorder", args=[work.pk]),
        {f"chapter_{first.pk}": 1, f"chapter_{second.pk}": 1},
    )
    assert "Give each chapter a different position." in response.content.decode()


def test_the_last_chapter_cannot_be_deleted(author, post_work):
    work = post_work()
    with pytest.raises(ValidationError, match="delete the work instead"):
        services.chapter_delete(chapter=work.chapters.get())


def test_delete_work_after_confirmation(client, author, post_work):
    work = post_work()
    client.force_login(author)
    assert (
        "This can't be undone."
        in client.get(reverse("works:delete", args=[work.pk])).content.decode()
    )
    assert Work.objects.exists()
    client.post(reverse("works:delete", args=[work.pk]))
    assert not Work.objects.exists()


def test_only_creators_can_edit(client, reader, post_work):
    work = post_work()
    client.force_login(reader)
    assert client.get(reverse("works:edit", args=[work.pk])).status_code == 404
    assert client.post(reverse("works:delete", args=[work.pk])).status_code == 404
    assert Work.objects.exists()


def test_edit_work_and_chapter(client, author, post_work):
    work = post_work(title="Old")
    client.force_login(author)
    client.post(
        reverse("works:edit", args=[work.pk]),
        {
            "title": "New",
            "pseuds": [author.default_pseud.pk],
            "language": "fr",
            "text_format": "markdown",
            "summary": "A *new* summary",
            "restricted": "on",
            "rating": "General Audiences",
            "warnings": ["No Archive Warnings Apply"],
            "fandoms": "Original Work",
        },
    )
    work.refresh_from_db()
    assert (work.title, work.language, work.restricted) == ("New", "fr", True)
    assert work.summary == "<p>A <em>new</em> summary</p>"
    chapter = work.chapters.get()
    client.post(
        reverse("works:chapter_edit", args=[work.pk, chapter.pk]),
        {"text": "<p>Rewritten <em>text</em> here</p>", "text_format": "html"},
    )
    work.refresh_from_db()
    assert work.word_count == 3


def test_csrf_is_enforced(author):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(author)
    response = client.post(reverse("works:new"), _form_data(pseuds=[author.default_pseud.pk]))
    assert response.status_code == 403


def test_a_co_creator_editing_keeps_the_other_creators_pseud(client, author, reader, post_work):
    work = post_work(title="Together", pseuds=[author.default_pseud, reader.default_pseud])
    client.force_login(reader)
    response = client.post(
        reverse("works:edit", args=[work.pk]),
        _form_data(title="Together, revised", pseuds=[reader.default_pseud.pk]),
    )
    assert response.status_code == 302
    work.refresh_from_db()
    assert work.title == "Together, revised"
    assert {p.user.username for p in work.pseuds.all()} == {"author", "reader"}


def test_the_last_posted_chapter_of_a_posted_work_cannot_be_deleted(author, post_work):
    work = post_work(chapters=("Posted.",))
    draft = services.chapter_add(
        work=work, chapter=services.ChapterInput(text="Draft."), post=False
    )
    with pytest.raises(ValidationError, match="at least one posted chapter"):
        services.chapter_delete(chapter=work.chapters.get(posted=True))
    services.chapter_delete(chapter=draft)
    assert list(work.chapters.values_list("text", flat=True)) == ["<p>Posted.</p>"]
