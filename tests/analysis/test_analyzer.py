import json

import pytest

from fanshelf.analysis.analyzer import analyze
from fanshelf.analysis.report import render, to_json
from fanshelf.analysis.results import TAG_TYPES

CHAPTERED = (
    "Author's note: my first fic, be kind! Thanks for reading.\n\n\n"
    "Chapter 1: Tea\n\n"
    "Clara made the tea. The Doctor drank it and complained, and Clara laughed at him.\n\n"
    "* * *\n\n"
    "Later, Missy arrived, uninvited, and drank the rest.\n\n"
    "Chapter 2: Biscuits\n\n"
    '"There are no biscuits," said Missy. Clara hid the biscuits. The Doctor pretended not to '
    "see.\n"
)


def test_structure_notes_chapters_scene_breaks_and_words(knowledge):
    analysis = analyze(CHAPTERED, knowledge=knowledge)
    assert analysis.notes_begin.startswith("Author's note")
    assert [c.title for c in analysis.chapters] == ["Tea", "Biscuits"]
    assert len(analysis.scene_breaks) >= 1
    assert analysis.word_count == sum(c.word_count for c in analysis.chapters) == 39
    assert 0 < analysis.dialogue_share < 1


def test_chapters_and_notes_can_be_given_apart(knowledge):
    analysis = analyze(
        chapters=[("Tea", "Clara made the tea. The Doctor drank it."), "Missy arrived."],
        notes_begin="Some Twissy, enjoy!",
        knowledge=knowledge,
    )
    assert [c.title for c in analysis.chapters] == ["Tea", ""]
    assert analysis.word_count == 10
    assert analysis.notes_begin == "Some Twissy, enjoy!"


def test_text_and_chapters_are_exclusive(knowledge):
    with pytest.raises(ValueError):
        analyze("text", chapters=["text"], knowledge=knowledge)
    with pytest.raises(ValueError):
        analyze(knowledge=knowledge)


def test_every_evidence_points_into_the_text_it_quotes(knowledge):
    analysis = analyze(CHAPTERED, knowledge=knowledge)
    evidences = [e for s in analysis.suggestions + analysis.near_misses for e in s.evidence]
    evidences += [e for c in analysis.characters for e in c.evidence]
    assert evidences
    for evidence in evidences:
        assert CHAPTERED[evidence.start : evidence.end] == evidence.text


def test_suggestions_group_by_type_and_serialise(knowledge):
    analysis = analyze(CHAPTERED, knowledge=knowledge)
    grouped = analysis.suggestions_by_type()
    assert set(grouped) == set(TAG_TYPES)
    assert grouped["rating"] and grouped["warning"] and grouped["fandom"]
    data = json.loads(to_json(analysis))
    assert data["pov"]["value"] == analysis.pov.value
    assert {s["tag"] for s in data["suggestions"]} == {s.tag for s in analysis.suggestions}
    assert all(0.0 <= s["confidence"] <= 1.0 for s in data["suggestions"])


def test_the_readable_report_lists_suggestions_with_evidence(knowledge):
    report = render(analyze(CHAPTERED, knowledge=knowledge))
    assert "Point of view: third" in report
    assert "Characters" in report and "Clara Oswald" in report
    assert "Rating:" in report


def test_an_empty_story_gives_an_empty_analysis(knowledge):
    analysis = analyze("", knowledge=knowledge)
    assert analysis.word_count == 0
    assert analysis.characters == ()
    assert analysis.tags("warning") == ["No Archive Warnings Apply"]


def test_a_story_with_no_known_fandom_suggests_none(knowledge):
    analysis = analyze(
        "Maria walked to the bakery every morning. Maria bought bread. The baker smiled.",
        knowledge=knowledge,
    )
    assert analysis.tags("fandom") == []
    assert analysis.tags("character") == []


def test_chapter_notes_are_read_as_notes_not_as_story(knowledge):
    text = (
        "Chapter 1: Tea\n\n"
        "A/N: pure fluff, I promise! I wrote it for my sister, thanks for all the kudos.\n\n"
        "Clara made the tea. The Doctor drank it and complained, and Clara laughed at him. "
        "He said it was too hot, then too cold, then too sweet, and she told him that he was "
        "impossible, and he agreed that he was, and drank a second cup to prove a point that "
        "neither of them could remember by the time the pot was empty.\n\n"
        "Chapter 2: Biscuits\n\n"
        "Clara hid the biscuits. The Doctor pretended not to see, and she smiled at him.\n"
    )
    analysis = analyze(text, knowledge=knowledge)
    assert analysis.pov.value == "third"
    fluff = next(s for s in analysis.suggestions if s.tag == "Fluff")
    assert fluff.evidence[0].part == "chapter_notes"
    assert text[fluff.evidence[0].start : fluff.evidence[0].end] == fluff.evidence[0].text
