"""Property tests (hypothesis) for the import and the sanitizer: any input gives a correct answer
(a work, or a message naming the file) in time proportional to its length."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fanshelf.core.text import clean_text
from fanshelf.works.sanitize import sanitize_html
from fanshelf.works.text_formats import to_clean_html
from fanshelf.works.text_import import ImportedWork, UnreadableUpload, parse_upload
from tests.bounds import assert_linear

# Pieces of markup, well-formed or not: a hostile file is some of them repeated many times.
FRAGMENTS = [
    "<p>", "</p>", "<div>", "</div>", "<body>", "</body>", "<title>", "</title>", "<head>",
    "<!--", "-->", "<!", "<![CDATA[", "]]>", "<?", "</", "<", ">", "< ", "&", "&#", "&amp;",
    "&#x41;", "'", '"', "=", "<a href='", "<a href=\"javascript:alert(1)\">", "</a>",
    "<script>", "</script>", "<style>", "<img src=x onerror=alert(1)>", "<svg onload=x>",
    "<b>", "<i>", "<table>", "<td>", "<li>", "<hr>", "\n", "\n\n", "\n\n\n", "Chapter 1\n\n",
    "A/N: ", "word ", "x" * 20, "\x00", "\u202e", "\ufeff", "é",
]  # fmt: skip

hostile = st.tuples(
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12),
    st.integers(min_value=1, max_value=4000),
).map(lambda pair: "".join(pair[0]) * pair[1])

SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@SLOW
@given(markup=hostile)
def test_any_html_file_imports_or_is_refused_in_linear_time(markup):
    data = markup.encode()
    result = assert_linear(parse_upload, len(data), data, "story.html")
    assert isinstance(result, ImportedWork | UnreadableUpload), result
    if isinstance(result, ImportedWork):
        for chapter in result.chapters:
            assert "<script" not in chapter.text.lower()
            assert "\x00" not in chapter.text and "\x00" not in result.title


@SLOW
@given(markup=hostile)
def test_any_text_file_imports_or_is_refused_in_linear_time(markup):
    data = markup.encode()
    result = assert_linear(parse_upload, len(data), data, "story.txt")
    assert isinstance(result, ImportedWork | UnreadableUpload), result


@settings(max_examples=60, deadline=None, database=None)
@given(words=st.lists(st.from_regex(r"[A-Za-z]{3,12}", fullmatch=True), min_size=1, max_size=40))
def test_every_word_of_a_plain_html_story_is_imported(words):
    markup = "<html><head><title>T</title></head><body>"
    markup += "".join(f"<p>{w} and more</p>" for w in words) + "</body></html>"
    imported = parse_upload(markup.encode(), "story.html")
    text = " ".join(c.text for c in imported.chapters)
    for word in words:
        assert word in text


_EVENT_ATTRIBUTE = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
# Inside a tag: the same letters escaped as text ("&lt;a href=...") are harmless words.
_SCRIPT_URL = re.compile(r"<[^>]*\s(href|src)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)


@SLOW
@given(markup=hostile)
def test_sanitized_html_never_carries_script_and_takes_linear_time(markup):
    markup = clean_text(markup)  # as every text input is, before anything else
    result = assert_linear(sanitize_html, len(markup.encode()), markup)
    if isinstance(result, str):
        lowered = result.lower()
        assert "<script" not in lowered and not _SCRIPT_URL.search(result)
        assert "<svg" not in lowered and not _EVENT_ATTRIBUTE.search(result)
        assert sanitize_html(result) == result  # cleaning again changes nothing
    else:
        assert "nests elements" in str(result) or "took too long" in str(result)


MARKDOWN = st.sampled_from(
    ["*", "_", "**", "[", "](", "![", "`", "```\n", "> ", "|", "- ", "1. ", "# ", "~~", "\\",
     "[a]: b\n", "<div>", "javascript:", "\n", "\n\n", "word "]
)  # fmt: skip
typed_text = st.tuples(st.lists(MARKDOWN, min_size=1, max_size=10), st.integers(1, 4000)).map(
    lambda pair: "".join(pair[0]) * pair[1]
)


@settings(max_examples=25, deadline=None, database=None)
@given(text=typed_text, text_format=st.sampled_from(["markdown", "plain"]))
def test_markdown_and_plain_text_convert_in_linear_time(text, text_format):
    result = assert_linear(to_clean_html, len(text.encode()), clean_text(text), text_format)
    if isinstance(result, str):
        assert "<script" not in result.lower() and not _SCRIPT_URL.search(result)
