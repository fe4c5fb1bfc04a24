"""Every format of a multi-chapter work with notes, non-Latin text and every allowed element."""

import io
import re

import pytest
from lxml import etree
from pypdf import PdfReader

from fanshelf.works.sanitize import ALLOWED_TAGS

from .conftest import ELEMENTS_USED, epub_members, epubcheck_messages, pdf_pages, pdf_words

pytestmark = pytest.mark.django_db


def download(client, work, extension):
    response = client.get(f"/works/{work.pk}/download/{extension}")
    assert response.status_code == 200, response.content[:300]
    return response, b"".join(response.streaming_content)


def test_the_test_work_uses_every_element_the_sanitizer_allows():
    assert ELEMENTS_USED == ALLOWED_TAGS


def test_the_epub_passes_epubcheck_with_no_errors_or_warnings(client, rich_work, tmp_path):
    _, data = download(client, rich_work, "epub")
    assert epubcheck_messages(data, tmp_path) == ""


def test_the_epub_has_a_title_page_a_chapter_list_and_dublin_core_metadata(client, rich_work):
    response, data = download(client, rich_work, "epub")
    assert response["Content-Type"] == "application/epub+zip"
    files = epub_members(data)
    assert next(iter(files)) == "mimetype"
    title = files["EPUB/title.xhtml"]
    for shown in ("The Long Way Round: 旅 &amp; Co.", "by author", "Teen And Up Audiences",
                  "No Archive Warnings Apply", "The Doctor/Rose Tyler", "Rose Tyler", "Road Trip",
                  "Doctor Who", "3/4", "絵文字 🌟", "Notes before the work."):  # fmt: skip
        assert shown in title
    published = rich_work.published_on.isoformat()
    for label, value in (("Language", "English"), ("Published", published),
                         ("Words", f"{rich_work.word_count:,}"), ("Chapters", "3/4")):  # fmt: skip
        assert re.search(rf"<dt[^>]*>{label}</dt><dd>(<bdi[^>]*>)?{value}<", title), label
    assert '<dt dir="ltr">Updated</dt>' in title
    nav = files["EPUB/nav.xhtml"]
    assert re.findall(r'<a href="chapter-\d+\.xhtml">([^<]+)</a>', nav) == [
        "Chapter 1: A beginning", "Chapter 2: الفصل الثاني", "Chapter 3"
    ]  # fmt: skip
    first = files["EPUB/chapter-001.xhtml"]
    assert "Where it starts." in first and "Chapter one&#x27;s notes." not in first
    assert "Chapter one's notes." in first and "Chapter one's end notes." in first
    assert "吾輩は猫である" in first and "😂" in first
    assert 'dir="rtl"' in files["EPUB/chapter-002.xhtml"]
    assert "Notes after the work." in files["EPUB/end-notes.xhtml"]
    opf = etree.fromstring(files["EPUB/content.opf"].encode())
    dc = {"dc": "http://purl.org/dc/elements/1.1/", "opf": "http://www.idpf.org/2007/opf"}
    assert opf.findtext(".//dc:identifier", namespaces=dc) == f"urn:fanshelf:work:{rich_work.pk}"
    assert opf.findtext(".//dc:creator", namespaces=dc) == "author"
    subjects = {s.text for s in opf.findall(".//dc:subject", namespaces=dc)}
    assert {"Doctor Who", "Rose Tyler", "Fluff", "Teen And Up Audiences"} <= subjects


def test_the_pdf_has_page_numbers_and_each_chapter_starts_a_page(client, rich_work, tmp_path):
    response, data = download(client, rich_work, "pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(data))
    pages = pdf_pages(data, tmp_path)
    assert len(pages) == len(reader.pages)
    chapter_pages = [i for i, text in enumerate(pages) if "Chapter " in text.split("\n")[0]]
    assert len(chapter_pages) == 3 and chapter_pages[0] > 0
    # (pdftotext marks right-to-left runs with bidi controls)
    numbers = [re.sub("[\u202a-\u202e]", "", text).split()[-1] for text in pages]
    assert numbers == [str(n) for n in range(1, len(pages) + 1)]
    assert [item.title for item in reader.outline] == [
        "Chapter 1: A beginning", "Chapter 2: الفصل الثاني", "Chapter 3"
    ]  # fmt: skip
    assert "吾輩は猫である" in pages[chapter_pages[0]]
    assert "iii. Third\niv. Fourth" in "".join(pages)  # <ol start="3" type="i">
    assert "Notes after the work." in pages[-1]


def test_the_html_file_is_one_self_contained_page(client, rich_work):
    response, data = download(client, rich_work, "html")
    page = data.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "<style>" in page and "<link" not in page and "<script" not in page
    # Phones show it at their width; wide screens keep lines short enough to read.
    assert '<meta name="viewport" content="width=device-width, initial-scale=1"/>' in page
    assert "body { max-width: 38em;" in page
    assert 'style="' not in page  # the author's markup carries no styles of its own
    assert '<h2 class="chapter-heading">Chapter 2: الفصل الثاني</h2>' in page
    assert "Notes before the work." in page and "Notes after the work." in page
    assert "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>" in page


def test_the_text_file_has_headings_notes_and_wrapped_lines(client, rich_work):
    response, data = download(client, rich_work, "txt")
    text = data.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert text.startswith("The Long Way Round: 旅 & Co.\r\nby author\r\n")
    assert "Chapter 1: A beginning\r\n======================" in text
    assert "Chapter notes:\r\n\r\nChapter one's notes." in text
    assert "End notes:\r\n\r\nNotes after the work." in text
    assert "مرحبا بالعالم" in text and "😂" in text
    assert max(len(line) for line in text.split("\r\n")) <= 78
    assert "<p>" not in text and "&amp;" not in text


@pytest.mark.parametrize("extension", ["epub", "pdf", "html", "txt"])
def test_file_names_are_title_and_creator_safe_on_every_system(client, author, extension):
    from fanshelf.works import services

    work = services.work_create(
        pseuds=[author.default_pseud], title='Who? What: "Why" / How*.',
        chapters=[services.ChapterInput(text="<p>Words.</p>")],
    )  # fmt: skip
    response, _ = download(client, work, extension)
    assert f'filename="Who What Why How - author.{extension}"' in response["Content-Disposition"]


def test_an_unknown_format_is_not_found(client, rich_work):
    assert client.get(f"/works/{rich_work.pk}/download/docx").status_code == 404


@pytest.fixture
def arabic_work(author):
    from fanshelf.works import services

    from .conftest import ARABIC, tag

    work = services.work_create(
        pseuds=[author.default_pseud], title="قصة عربية", language="ar",
        summary="<p>ملخص القصة.</p>",
        chapters=[services.ChapterInput(title="البداية", text=ARABIC * 3)], expected_chapters=None,
    )  # fmt: skip
    return tag(work)


def test_a_right_to_left_works_title_page_reads_from_the_right(client, arabic_work, tmp_path):
    _, data = download(client, arabic_work, "pdf")
    words = pdf_words(data, tmp_path, page=0)
    # Labels keep their colon, stand on the right where the lines begin, with the value left of
    # them; a chapter count with no letters keeps its order.
    assert {"Rating:", "Chapters:", "1/?"} <= set(words) and "?/1" not in words
    assert words["Teen"][0] < words["Rating:"][0] and words["1/?"][0] < words["Chapters:"][0]
    _, epub = download(client, arabic_work, "epub")
    assert epubcheck_messages(epub, tmp_path) == ""
    files = epub_members(epub)
    assert 'dir="rtl"' in files["EPUB/title.xhtml"]
    assert '[dir="rtl"] dl.facts dt { float: right;' in files["EPUB/style.css"]


def test_the_text_file_wraps_japanese_by_its_width_on_screen(client, author):
    import unicodedata

    from fanshelf.works import services

    sentence = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。"
    text = f"<p>{sentence * 8}</p><ul><li>{sentence * 4}</li></ul>"
    work = services.work_create(
        pseuds=[author.default_pseud], title="猫", chapters=[services.ChapterInput(text=text)]
    )
    _, data = download(client, work, "txt")
    lines = [line for line in data.decode().split("\r\n") if "猫" in line or "。" in line]

    def columns(line):  # a Chinese or Japanese character takes two columns of a terminal
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    assert len(lines) > 8 and max(columns(line) for line in lines) <= 78
    assert not [line for line in lines if line.lstrip("- ")[:1] in {"。", "、"}]
    assert "".join(line.lstrip("- ") for line in lines).count(sentence) == 12


def test_a_long_japanese_title_makes_a_file_name_every_file_system_takes(client, author):
    from urllib.parse import unquote

    from fanshelf.works import services

    work = services.work_create(
        pseuds=[author.default_pseud], title="吾輩は猫である" * 36,
        chapters=[services.ChapterInput(text="<p>Words.</p>")],
    )  # fmt: skip
    response, _ = download(client, work, "txt")
    name = unquote(response["Content-Disposition"].split("filename*=utf-8''")[1])
    assert name.startswith("吾輩は猫である") and name.endswith(".txt")
    assert len(name.encode()) <= 255 and len(name.encode("utf-16-le")) // 2 <= 255
