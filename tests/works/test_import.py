import pytest
from django.core.management import CommandError, call_command

from fanshelf.works.models import Work
from fanshelf.works.text_formats import html_to_text
from fanshelf.works.text_import import UnreadableUpload, parse_upload
from tests.seeds import SEEDS_DIR, seed_labels, seed_names


@pytest.mark.parametrize("name", seed_names())
def test_seed_splits_into_notes_and_story_as_labelled(name):
    label = seed_labels()[name]
    imported = parse_upload((SEEDS_DIR / name).read_bytes(), name)
    assert imported.notes_begin == label["notes_begin"]
    assert imported.notes_end == label["notes_end"]
    assert len(imported.chapters) == 1
    body = imported.chapters[0].text
    assert body.startswith(label["body_starts_with"])
    assert body.endswith(label["body_ends_with"])


@pytest.mark.django_db
@pytest.mark.parametrize("name", seed_names())
def test_imported_seed_reads_back_with_its_notes_and_story(author, name):
    label = seed_labels()[name]
    call_command(
        "import_works",
        str(SEEDS_DIR / name),
        pseud="author",
        fandom=["Doctor Who"],
        rating="Teen And Up Audiences",
    )
    work = Work.objects.get()
    assert set(work.taggings.values_list("tag__name", flat=True)) == {
        "Doctor Who",
        "Teen And Up Audiences",
        "Creator Chose Not To Use Archive Warnings",
    }
    chapter = work.chapters.get()
    assert html_to_text(work.notes_begin) == label["notes_begin"].replace("\n\n", "\n")
    assert html_to_text(work.notes_end) == label["notes_end"].replace("\n\n", "\n")
    story = html_to_text(chapter.text)
    assert story.startswith(label["body_starts_with"])
    assert story.endswith(label["body_ends_with"])
    assert work.posted and work.word_count > 1000


def test_one_paragraph_per_line_without_blank_lines():
    imported = parse_upload(b"First line.\nSecond line.\nThird line.", "lines.txt")
    from fanshelf.works.text_formats import plain_to_html

    assert plain_to_html(imported.chapters[0].text).count("<p>") == 3


def test_chapter_headings_become_chapters_with_titles():
    text = (
        "Chapter 1: The Beginning\n\nIt began on a Tuesday.\n\n"
        "Chapter 2\n\nIt went on.\n\nPart Three - The End\n\nIt ended."
    )
    imported = parse_upload(text.encode(), "three-parts.txt")
    assert [c.title for c in imported.chapters] == ["The Beginning", "", "The End"]
    assert [c.text for c in imported.chapters] == [
        "It began on a Tuesday.",
        "It went on.",
        "It ended.",
    ]


def test_marked_authors_note_without_wide_gap_is_a_note():
    text = (
        "A/N: written for a friend.\n\nThe rain fell all night.\n\nBy morning the river had risen."
    )
    imported = parse_upload(text.encode(), "rain.txt")
    assert imported.notes_begin == "A/N: written for a friend."
    assert imported.chapters[0].text.startswith("The rain fell")


def test_markdown_title_and_html_chapters():
    md = parse_upload(b"# Lanterns\n\nThe *lanterns* were lit.\n", "lanterns.md")
    assert md.title == "Lanterns" and md.text_format == "markdown"
    html = parse_upload(
        b"<html><head><title>Two Rooms</title></head><body><h2>Chapter 1</h2><p>One.</p>"
        b"<h2>Chapter 2: Upstairs</h2><p>Two <em>rooms</em>.</p></body></html>",
        "rooms.html",
    )
    assert html.title == "Two Rooms"
    assert [c.title for c in html.chapters] == ["", "Upstairs"]
    assert html.chapters[1].text == "<p>Two <em>rooms</em>.</p>"


def test_other_encodings_are_detected():
    text = "Señora Núñez regardait la forêt en été, où l'on entendait les oiseaux chanter. " * 5
    imported = parse_upload(text.encode("latin-1"), "foret.txt")
    assert "forêt" in imported.chapters[0].text


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"hello", "story.docx", "story.docx: files of type"),
        (b"\x00\x01\x02binary", "story.txt", "binary"),
        (b"   \n  ", "empty.txt", "empty"),
    ],
)
def test_bad_files_are_refused_with_a_message_naming_them(data, filename, message):
    with pytest.raises(UnreadableUpload, match=message):
        parse_upload(data, filename)


def test_oversized_upload_is_refused(settings):
    settings.FANSHELF_UPLOAD_MAX_BYTES = 100
    with pytest.raises(
        UnreadableUpload, match=r"big\.txt: the file is 200 bytes; the limit is 100"
    ):
        parse_upload(b"x" * 200, "big.txt")


@pytest.mark.django_db
def test_cli_import_is_all_or_nothing_per_file(author, tmp_path, settings, capsys):
    settings.FANSHELF_CHAPTER_MAX_LENGTH = 50
    good = tmp_path / "short.txt"
    good.write_text("A short story.")
    too_long = tmp_path / "long.txt"
    too_long.write_text("Chapter 1\n\nfine\n\nChapter 2\n\n" + "word " * 40)
    with pytest.raises(CommandError, match=r"1 of 2 file\(s\)"):
        call_command(
            "import_works", str(good), str(too_long), pseud="author", fandom=["Original Work"]
        )
    err = capsys.readouterr().err
    assert "long.txt: Chapter 2's text is 199 characters long; the limit is 50." in err
    assert list(Work.objects.values_list("title", flat=True)) == ["Short"]


def test_cyrillic_legacy_encoding_is_detected():
    text = "Это пример текста на русском языке, который был сохранён в старой кодировке. " * 3
    imported = parse_upload(text.encode("cp1251"), "rus.txt")
    assert "русском" in imported.chapters[0].text


@pytest.mark.django_db
def test_cli_import_needs_a_fandom_to_post(author, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("A short story.")
    with pytest.raises(CommandError, match="Posting needs a fandom"):
        call_command("import_works", str(story), pseud="author")
    call_command("import_works", str(story), pseud="author", draft=True)
    assert Work.objects.get().posted is False


@pytest.mark.django_db
def test_cli_import_with_a_bad_tag_stores_nothing(author, tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("A short story.")
    with pytest.raises(CommandError):
        call_command("import_works", str(story), pseud="author", fandom=["Bad {name}"])
    assert "story.txt:" in capsys.readouterr().err
    assert not Work.objects.exists()


@pytest.mark.django_db
def test_web_upload_of_a_bad_file_names_it_and_stores_nothing(client, author):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(author)
    upload = SimpleUploadedFile(
        "story.pdf", b"%PDF-1.4 not a story", content_type="application/pdf"
    )
    response = client.post("/works/import/", {"file": upload})
    assert "story.pdf: files of type “.pdf” can&#x27;t be imported" in response.content.decode()
    assert not Work.objects.exists()


@pytest.mark.django_db
def test_web_upload_prefills_the_split_for_review(client, author):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(author)
    story = "The rain fell on the lighthouse all night, and the keeper kept the lamp lit. " * 4
    text = (
        f"I wrote this for a prompt. Hope you enjoy!\n\n\n{story.strip()}\n\n\nThanks for reading!"
    )
    upload = SimpleUploadedFile("rain.txt", text.encode(), content_type="text/plain")
    page = client.post("/works/import/", {"file": upload}).content.decode()
    assert "check the split" in page
    # Django writes a newline after <textarea>; browsers drop it.
    assert ">\nI wrote this for a prompt. Hope you enjoy!</textarea>" in page
    assert f">\n{story.strip()}</textarea>" in page
    assert ">\nThanks for reading!</textarea>" in page
    assert not Work.objects.exists()
