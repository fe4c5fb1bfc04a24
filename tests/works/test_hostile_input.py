"""Issue 8, items 1, 2, 7 and 12: hostile text through posting and import."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from fanshelf.works import sanitize, text_formats
from fanshelf.works.models import Work
from fanshelf.works.text_import import ImportedWork, UnreadableUpload, parse_upload
from tests.bounds import assert_linear
from tests.works.test_posting import _form_data

pytestmark = pytest.mark.django_db

HOSTILE_HTML_FILES = {
    "repeated body tags": b"<body>" * 40000,
    "repeated title tags": b"<title>" * 20000,
    "unclosed angle brackets": b"< " * 300000,
    "unclosed comments": b"<!--" * 100000,
    "unclosed end tags": b"</" * 200000,
    "repeated doctype openers": b"<!" * 200000,
}


@pytest.mark.parametrize("name", HOSTILE_HTML_FILES)
def test_hostile_html_files_import_in_linear_time(name):
    data = HOSTILE_HTML_FILES[name]
    result = assert_linear(parse_upload, len(data), data, "hostile.html")
    assert isinstance(result, ImportedWork | UnreadableUpload), result  # a work or a message


def test_a_web_import_of_repeated_body_tags_answers_quickly(client, author):
    client.force_login(author)
    data = b"<body>" * 40000
    upload = SimpleUploadedFile("bodies.html", data, content_type="text/html")
    response = assert_linear(client.post, len(data), "/works/import/", {"file": upload})
    assert response.status_code == 200


def test_deeply_nested_chapter_text_is_refused_with_a_clear_message(client, author):
    client.force_login(author)
    nested = "<div>" * 100000 + "deep"  # under the chapter length limit
    data = _form_data(chapters=(nested,), pseuds=[author.default_pseud.pk], text_format="html")
    response = assert_linear(client.post, len(nested), reverse("works:new"), data)
    assert response.status_code == 200
    assert "nests elements 100,000 deep; the limit is 200" in response.content.decode()
    assert not Work.objects.exists()


def test_ordinary_nesting_is_kept_by_the_sanitizer():
    html = "<blockquote><div><ul><li><p><em><strong>kept</strong></em></p></li></ul></div>"
    assert "<strong>kept</strong>" in sanitize.sanitize_html(html + "</blockquote>")
    assert sanitize.nesting_depth("<p>one<p>two<p>three<br><hr>") == 0
    assert sanitize.nesting_depth("<div><div></div><div><span>x</span></div></div>") == 3


def test_the_command_line_import_stops_a_file_that_runs_out_of_time(tmp_path, author, settings):
    settings.FANSHELF_TEXT_BUDGET_SECONDS = 0
    story = tmp_path / "slow.html"
    story.write_text("<p>" + "A line of the story. " * 200 + "</p>")
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_works", str(story), pseud="author", draft=True, stderr=errors)
    assert "took too long to process" in errors.getvalue()
    assert not Work.objects.exists()


def test_a_nul_in_an_html_title_does_not_stop_the_batch(tmp_path, author):
    first = tmp_path / "first.html"
    first.write_bytes(b"<html><head><title>nul\x00title</title></head><body><p>One.</p></body>")
    second = tmp_path / "second.txt"
    second.write_text("Two.")
    call_command("import_works", str(first), str(second), pseud="author", draft=True)
    assert sorted(Work.objects.values_list("title", flat=True)) == ["Second", "nultitle"]


@pytest.mark.django_db(transaction=True)
def test_text_is_sanitized_outside_the_write_transaction(client, author, monkeypatch):
    seen = []
    real = text_formats.sanitize_html

    def watching(html):
        seen.append(connection.in_atomic_block)
        return real(html)

    monkeypatch.setattr(text_formats, "sanitize_html", watching)
    client.force_login(author)
    data = _form_data(
        chapters=("<p>One.</p>", "<p>Two.</p>"),
        pseuds=[author.default_pseud.pk],
        summary="<b>Short.</b>",
        text_format="html",
    )
    response = client.post(reverse("works:new"), data)
    assert response.status_code == 302
    assert seen and not any(seen)


@pytest.mark.parametrize("address", ["/works/new/", "/works/import/"])
def test_a_work_with_the_most_chapters_allowed_can_be_posted_from_the_web(
    client, author, settings, address
):
    """The posting form and the import's review form post every chapter's five fields."""
    client.force_login(author)
    count = settings.FANSHELF_CHAPTERS_PER_WORK_MAX
    data = _form_data(
        chapters=[f"Night {n}." for n in range(count)],
        pseuds=[author.default_pseud.pk],
        summary="Many nights.",
        notes_begin="Begin.",
        notes_end="End.",
    )
    for index in range(count):
        data[f"chapters-{index}-summary"] = ""
        data[f"chapters-{index}-notes_begin"] = ""
        data[f"chapters-{index}-notes_end"] = ""
    response = client.post(address, data)
    assert response.status_code == 302
    assert Work.objects.get().chapter_count == count


def test_a_forged_chapter_count_is_refused_before_any_chapter_is_read(client, author):
    client.force_login(author)
    data = _form_data(pseuds=[author.default_pseud.pk])
    data["chapters-TOTAL_FORMS"] = "1000000"
    response = client.post(reverse("works:new"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "This post has 1,000,000 chapters; a work can have at most 500" in page
    assert page.count('name="chapters-') < 10
    assert not Work.objects.exists()


def test_invisible_and_disguising_characters_leave_titles(client, author):
    client.force_login(author)
    data = _form_data(
        title="Sher\u200block\u202e \uff28olmes\u2066", pseuds=[author.default_pseud.pk]
    )
    assert client.post(reverse("works:new"), data).status_code == 302
    assert Work.objects.get().title == "Sherlock Holmes"


def test_a_title_disguised_with_another_alphabet_is_refused(client, author):
    client.force_login(author)
    data = _form_data(title="Sherl\u043eck", pseuds=[author.default_pseud.pk])
    response = client.post(reverse("works:new"), data)
    assert response.status_code == 200
    assert "mixes letters of different alphabets" in response.content.decode()
    assert not Work.objects.exists()


class _UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anyone reads more than a little of it."""

    def __init__(self):
        self.read_bytes = 0

    def read(self, size=-1):
        self.read_bytes += size if size and size > 0 else 1
        assert self.read_bytes < 1024 * 1024, "the upload was read"
        return b"x" * (size if size and size > 0 else 1)


def test_a_50_mb_upload_is_refused_before_it_is_read(client, author):
    client.force_login(author)
    body = _UnreadableBody()
    response = client.generic(
        "POST",
        "/works/import/",
        data=b"-",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": body},
    )
    assert response.status_code == 413
    assert "at most 2,097,152 bytes" in response.content.decode()
    assert body.read_bytes == 0
