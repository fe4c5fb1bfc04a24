import html
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from fanshelf.search.services import index_works
from fanshelf.tags import services as tag_services
from fanshelf.tags.filters import refresh_work_filters
from fanshelf.tags.models import Tag, TagType
from fanshelf.works import services

# Every element the sanitizer keeps, with the attributes it allows, in the places HTML lets
# them be; a test below checks that the list keeps up with the sanitizer's.
EVERY_ELEMENT = """
<h1 align="center">Heading one</h1><h2>Two</h2><h3>Three</h3>
<h4>Four</h4><h5>Five</h5><h6>Six</h6>
<p align="right" title="a title" dir="ltr" lang="en">Text with
<a href="https://example.org/" name="here">a link</a>,
<a href="/works/1">an inside link</a>, <a href="mailto:someone@example.org">mail</a>,
<abbr title="abbreviation">abbr</abbr>, <acronym title="acronym">ACR</acronym>, <b>bold</b>,
<big>big</big>, <cite>cite</cite>, <code>code</code>, <del>del</del>, <dfn>dfn</dfn>, <em>em</em>,
<i>italic</i>, <ins>ins</ins>, <kbd>kbd</kbd>, <q cite="https://example.org/q">quote</q>,
<s>s</s>, <samp>samp</samp>, <small>small</small>, <span dir="rtl">span</span>,
<strike>strike</strike>, <strong>strong</strong>, <sub>sub</sub>, <sup>sup</sup>, <tt>tt</tt>,
<u>u</u>, <var>var</var>, <ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>,
<img src="https://example.org/cat.png" alt="a cat" width="20" height="20">, line<br>break.</p>
<address>An address</address>
<blockquote cite="https://example.org/"><p>A quotation.</p></blockquote>
<center>Centred text</center>
<details><summary>More</summary><p>Hidden detail.</p></details>
<div dir="auto">A division</div>
<dl><dt>Term</dt><dd>Definition</dd></dl>
<figure><p>Figure body</p><figcaption>A caption</figcaption></figure>
<hr>
<ol start="3" type="i"><li>Third</li><li>Fourth</li></ol>
<ul><li>Bullet</li></ul>
<pre>  preformatted
    text</pre>
<table><caption>A table</caption><colgroup span="1"><col span="1"></colgroup>
<thead><tr><th scope="col" colspan="1">Head</th></tr></thead>
<tbody><tr><td rowspan="1" align="left">Cell</td></tr></tbody>
<tfoot><tr><td>Foot</td></tr></tfoot></table>
"""
ELEMENTS_USED = {
    "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center",
    "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "tt", "u", "ul", "var",
}  # fmt: skip

JAPANESE = "<p>吾輩は猫である。名前はまだ無い。</p>"
ARABIC = '<p dir="rtl" lang="ar">مرحبا بالعالم، هذه قصة قصيرة.</p>'
EMOJI = "<p>They laughed 😂 and the TARDIS hummed 💙✨.</p>"


@pytest.fixture(autouse=True)
def downloads_folder(settings, tmp_path):
    # FANSHELF_TEST_DOWNLOADS_DIR keeps the made files, to look at them after a run.
    kept = os.environ.get("FANSHELF_TEST_DOWNLOADS_DIR")
    settings.FANSHELF_DOWNLOADS_DIR = Path(kept) if kept else tmp_path / "downloads"
    return settings.FANSHELF_DOWNLOADS_DIR


def tag(work, **names):
    defaults = {
        "rating": "Teen And Up Audiences",
        "warnings": ["No Archive Warnings Apply"],
        "fandoms": ["Doctor Who"],
    }
    tag_services.work_set_tags(work=work, **{**defaults, **names})
    Tag.objects.filter(type=TagType.FANDOM).update(canonical=True)
    refresh_work_filters([work.pk], announce=False)
    index_works(work_ids=[work.pk])
    return work


@pytest.fixture
def rich_work(author):
    """Three chapters with summaries and notes, Japanese, Arabic and emoji, and every element
    the sanitizer allows."""
    chapters = [
        services.ChapterInput(
            title="A beginning", summary="<p>Where it starts.</p>",
            notes_begin="<p>Chapter one's notes.</p>", text=JAPANESE + EMOJI * 3,
            notes_end="<p>Chapter one's end notes.</p>",
        ),
        services.ChapterInput(title="الفصل الثاني", text=ARABIC * 5),
        services.ChapterInput(text=EVERY_ELEMENT),
    ]  # fmt: skip
    work = services.work_create(
        pseuds=[author.default_pseud],
        title="The Long Way Round: 旅 & Co.",
        summary="<p>A <em>summary</em> with 絵文字 🌟.</p>",
        notes_begin="<p>Notes before the work.</p>",
        notes_end="<p>Notes after the work.</p>",
        chapters=chapters,
        expected_chapters=4,
    )
    return tag(
        work,
        characters=["Rose Tyler", "The Doctor"],
        relationships=["The Doctor/Rose Tyler"],
        freeforms=["Road Trip", "Fluff"],
    )


def _missing(reason: str) -> None:
    if os.environ.get("FANSHELF_REQUIRE_FILE_CHECKERS"):
        pytest.fail(reason)
    pytest.skip(reason)


def epubcheck_messages(data: bytes, tmp_path) -> str:
    """epubcheck's report of errors and warnings for an EPUB ("" when clean)."""
    found = shutil.which("epubcheck")
    if found is None:
        _missing("epubcheck is not installed (apt-get install epubcheck; .ci/run does)")
    # Debian's epubcheck is a jar that runs directly only where binfmt_misc knows jars.
    command = ["java", "-jar", found] if Path(found).resolve().suffix == ".jar" else [found]
    path = tmp_path / "checked.epub"
    path.write_bytes(data)
    done = subprocess.run(
        [*command, "--quiet", str(path)], capture_output=True, text=True, timeout=300
    )
    report = (done.stdout + done.stderr).strip()
    return report if done.returncode or report else ""


def epub_members(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}


def pdf_pages(data: bytes, tmp_path) -> list[str]:
    """The text of each page, as poppler's pdftotext reads it (pypdf garbles CID fonts)."""
    if shutil.which("pdftotext") is None:
        _missing("pdftotext is not installed (apt-get install poppler-utils; .ci/run does)")
    path = tmp_path / "read.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode().split("\f")[:-1]


def pdf_words(data: bytes, tmp_path, *, page: int) -> dict[str, tuple[float, float]]:
    """Each word of one page (0 the first) with where it starts (x, y), as poppler reads it."""
    if shutil.which("pdftotext") is None:
        _missing("pdftotext is not installed (apt-get install poppler-utils; .ci/run does)")
    path = tmp_path / "words.pdf"
    path.write_bytes(data)
    number = str(page + 1)
    done = subprocess.run(
        ["pdftotext", "-bbox", "-f", number, "-l", number, str(path), "-"],
        capture_output=True,
        check=True,
    )
    word = r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>'
    found = re.findall(word, done.stdout.decode())
    return {html.unescape(word): (float(x), float(y)) for x, y, word in found}
