"""The one text normalisation (core.text): what it removes, what it keeps, and that applying it
twice changes nothing."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from fanshelf.core.text import clean_name, clean_text, fold, lookalike_words

ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


@settings(max_examples=300, database=None)
@given(text=ANY_TEXT)
def test_clean_text_leaves_no_control_characters_and_is_stable(text):
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert all(c in "\n\r\t" or unicodedata.category(c) != "Cc" for c in cleaned)
    assert "\ufffe" not in cleaned and "\U0010ffff" not in cleaned


@settings(max_examples=300, database=None)
@given(text=ANY_TEXT)
def test_clean_name_leaves_no_invisible_characters_and_is_stable(text):
    name = clean_name(text)
    assert clean_name(name) == name
    assert unicodedata.is_normalized("NFKC", name)
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in name)
    assert "  " not in name and name == name.strip()


@settings(max_examples=300, database=None)
@given(text=ANY_TEXT)
def test_fold_is_stable_and_ignores_case(text):
    assert fold(fold(text)) == fold(text)
    assert fold(text.upper()) == fold(text.lower()) or not text.isascii()


def test_story_text_keeps_its_line_breaks_tabs_and_joiners():
    text = "Line one\r\n\tLine two 👩\u200d👩\u200d👧"
    assert clean_text(text) == text


def test_names_lose_zero_width_and_direction_characters():
    assert clean_name("  Ro\u200bse\u202e  Ty\u2066ler\u00ad ") == "Rose Tyler"
    assert clean_name("Ｒｏｓｅ\u3000Ｔｙｌｅｒ") == "Rose Tyler"


def test_lookalike_words_mix_latin_greek_or_cyrillic():
    assert lookalike_words("Sherl\u043eck Holmes") == ["Sherl\u043eck"]
    assert lookalike_words("\u0391lpha") == ["\u0391lpha"]
    assert lookalike_words("Шерлок Holmes, 東方Project, Ἀχιλλεύς, naïve") == []
