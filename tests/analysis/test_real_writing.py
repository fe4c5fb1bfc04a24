"""The rules that let the analyser read real fan writing, each on a short story written for it."""

from __future__ import annotations

import pytest

from fanshelf.analysis.analyzer import analyze
from fanshelf.analysis.knowledge import Knowledge


def _tags(text: str, knowledge: Knowledge, tag_type: str) -> list[str]:
    return analyze(text, knowledge=knowledge).tags(tag_type)


# -- fandoms --------------------------------------------------------------------------------------


def test_adaptations_of_one_canon_are_told_apart_by_their_own_cues(pack_knowledge):
    modern = (
        "Sherlock texted John from the roof of Barts. John read it on his phone in the taxi and "
        "swore. He updated his blog that night while Sherlock played the violin."
    )
    victorian = (
        "Holmes hailed a hansom in Baker Street, and I followed him with my revolver. Watson, "
        "he said, the game is afoot. A telegram waited for us at the station."
    )
    assert _tags(modern, pack_knowledge, "fandom") == ["Sherlock (TV)"]
    assert _tags(victorian, pack_knowledge, "fandom") == ["Sherlock Holmes - Arthur Conan Doyle"]


def test_one_shared_first_name_is_no_evidence_of_a_fandom(pack_knowledge):
    story = "Harry came home late. Harry put the kettle on and watched the rain for an hour."
    assert _tags(story, pack_knowledge, "fandom") == []


def test_a_fandom_needs_its_characters_not_only_its_words(pack_knowledge):
    story = "The arena was quiet. The tribute sat by the fire and counted her arrows twice."
    assert _tags(story, pack_knowledge, "fandom") == []


# -- an unknown fandom's cast ---------------------------------------------------------------------

UNKNOWN = """Mr. Halloran kept the lighthouse alone. Every evening Halloran climbed the stairs and
lit the lamp, and every morning he wrote the weather in his book.
"You'll freeze up there," said Agnes Pike, who brought the post.
"Then I'll freeze," Tobias Halloran answered. Agnes laughed at him and left the letters.
"""


def test_an_unknown_fandoms_cast_is_found_in_its_fullest_form():
    analysis = analyze(UNKNOWN, knowledge=Knowledge())
    names = analysis.tags("character")
    assert "Tobias Halloran" in names and "Agnes Pike" in names
    assert "Halloran" not in names and "Mr. Halloran" not in names
    assert not any(name.startswith("Original") for name in names)


def test_canon_characters_are_never_called_original_characters(pack_knowledge):
    story = (
        "Elizabeth walked to Netherfield through the mud. Jane was ill, and Elizabeth sat by "
        'her bed all night. "You should sleep, Lizzy," Jane whispered. Elizabeth did not.'
    )
    names = _tags(story, pack_knowledge, "character")
    assert "Elizabeth Bennet" in names and "Jane Bennet" in names
    assert not any(name.startswith("Original") for name in names)


# -- deaths ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ending",
    [
        "Jane's heart stopped beating before the apothecary came.",
        "Jane Bennet succumbed to the fever before dawn.",
        "Jane passed away in the night. Elizabeth sat by her body until morning.",
        "Jane slipped away in the night, and Elizabeth held her hand until it went limp.",
    ],
)
def test_a_named_characters_death_on_the_page_is_major_character_death(pack_knowledge, ending):
    story = "Elizabeth sat with Jane at Netherfield. The fever rose all day. " + ending
    assert "Major Character Death" in _tags(story, pack_knowledge, "warning")


@pytest.mark.parametrize(
    "ending",
    [
        "Elizabeth feared Jane would die, but by morning the fever broke and Jane sat up.",
        "A soldier on the road died of the cold. Jane slept, and Elizabeth watched her.",
    ],
)
def test_feared_deaths_and_deaths_of_unnamed_extras_are_not_warned(pack_knowledge, ending):
    story = "Elizabeth sat with Jane at Netherfield. The fever rose all day. " + ending
    warnings = analyze(story, knowledge=pack_knowledge).suggestions
    assert "Major Character Death" not in [s.tag for s in warnings]


def test_no_warnings_is_unsure_when_a_death_is_in_the_words(pack_knowledge):
    story = (
        "Elizabeth feared Jane would die. She sat by the bed and did not sleep. By morning the "
        "fever broke, and Jane asked for tea."
    )
    analysis = analyze(story, knowledge=pack_knowledge)
    nawa = next(s for s in analysis.suggestions if s.tag == "No Archive Warnings Apply")
    assert nawa.confidence <= 0.6


def test_a_spirit_over_its_own_body_is_a_death(pack_knowledge):
    story = (
        "Rue's Perspective\n\nYou feel the spear and then nothing. You float above the grass "
        "and look down at your own lifeless body. Katniss kneels beside it and sings."
    )
    assert "Major Character Death" in _tags(story, pack_knowledge, "warning")


def test_the_authors_own_warning_of_a_death_counts(pack_knowledge):
    analysis = analyze(
        chapters=["Snape watched the snake. Harry knelt beside him in the dust of the shack."],
        notes_begin="Warning: character death.",
        knowledge=pack_knowledge,
    )
    assert "Major Character Death" in analysis.tags("warning")


def test_torn_flesh_is_graphic_violence_and_makes_a_story_mature(pack_knowledge):
    story = (
        "The mutts reached Cato first. Their teeth tore into his arm and ripped his flesh open; "
        "blood sprayed across the Cornucopia. Katniss watched them shred his body to pieces, "
        "and the bloodbath went on until the cannon fired."
    )
    analysis = analyze(story, knowledge=pack_knowledge)
    assert "Graphic Depictions Of Violence" in analysis.tags("warning")
    assert analysis.tags("rating") == ["Mature"]


def test_a_death_in_one_chapter_warns_that_chapter_only(pack_knowledge):
    analysis = analyze(
        chapters=[
            "Elizabeth and Jane walked to Meryton and bought ribbons. Jane laughed all the way.",
            "Jane Bennet died in the night. Elizabeth sat by her body until the morning came.",
        ],
        knowledge=pack_knowledge,
    )
    first, second = analysis.chapter_warnings
    assert first == ()
    assert [s.tag for s in second] == ["Major Character Death"]


# -- narrators and "you" --------------------------------------------------------------------------


def test_a_pov_line_names_the_first_person_narrator(pack_knowledge):
    story = (
        "Darcy POV\n\nI cannot sleep. I walk the length of the gallery at Pemberley and think "
        "of her, and of what I said at Hunsford. I was wrong, and I know it now."
    )
    analysis = analyze(story, knowledge=pack_knowledge)
    assert analysis.pov.value == "first"
    assert "Fitzwilliam Darcy" in analysis.tags("character")


def test_the_reader_as_you_gives_reader_and_a_pair_with_reader(pack_knowledge):
    story = (
        "You sit by the lake at Hogwarts with your book. Draco Malfoy drops onto the grass "
        "beside you. "
        '"Reading again?" he asks. You roll your eyes at him, and he laughs, and you laugh '
        "too. You spend the whole afternoon arguing with him about the book."
    )
    analysis = analyze(story, knowledge=pack_knowledge)
    assert "Reader" in analysis.tags("character")
    assert "Draco Malfoy & Reader" in analysis.tags("relationship")
    assert "Reader-Insert" in analysis.tags("freeform")


def test_a_named_you_is_that_character_not_the_reader(pack_knowledge):
    story = (
        "Han's Perspective\n\nYou lean on the Falcon's ramp and watch her walk away across the "
        "hangar. You tell yourself you don't care. You always were a terrible liar."
    )
    analysis = analyze(story, knowledge=pack_knowledge)
    assert "Han Solo" in analysis.tags("character")
    assert "Reader" not in analysis.tags("character")


def test_first_person_thoughts_in_a_third_person_story_keep_it_third_person(pack_knowledge):
    story = (
        "Lydia frowned at the window. Lydia counted the trees. I will make him buy me a new "
        "bonnet, she thought. Lydia smiled at Wickham, who slept beside her. I shall be married "
        "before any of them. Lydia giggled and looked out again."
    )
    analysis = analyze(story, knowledge=pack_knowledge)
    assert analysis.pov.value == "third"
    assert analysis.tense.value == "past"


# -- pairs ----------------------------------------------------------------------------------------


def test_a_narrated_kiss_settles_a_romance_without_a_friendship_beside_it(pack_knowledge):
    story = (
        "Crowley stood in the ruins of the bookshop. Aziraphale found him there. Crowley "
        "turned, and Aziraphale kissed him, and neither of them said anything for a while."
    )
    relationships = _tags(story, pack_knowledge, "relationship")
    assert "Aziraphale/Crowley (Good Omens)" in relationships
    assert "Aziraphale & Crowley (Good Omens)" not in relationships


def test_sisters_are_not_shipped_for_sharing_a_bed_and_endearments(pack_knowledge):
    story = (
        'Elizabeth climbed into Jane\'s bed, as they had done as girls. "Goodnight, darling," '
        'Jane said. "Goodnight, sweetheart," Elizabeth answered, and they talked until dawn '
        "about the men they would marry."
    )
    relationships = _tags(story, pack_knowledge, "relationship")
    assert "Elizabeth Bennet/Jane Bennet" not in relationships


def test_lines_spoken_between_a_pair_in_a_group_count_for_that_pair(pack_knowledge):
    story = (
        "Sam, Dean and Bobby sat around the table in the bunker. Bobby read a book and said "
        'nothing.\n\n"Dean, pass the salt," Sam said.\n\n"Get it yourself, Sammy," Dean said.'
        '\n\n"Dean, come on."\n\n"Fine." Dean slid the salt across to Sam, and Bobby turned '
        "a page."
    )
    assert "Dean Winchester & Sam Winchester" in _tags(story, pack_knowledge, "relationship")


# -- ambiguous names ------------------------------------------------------------------------------


def test_the_doctor_called_she_is_the_thirteenth(pack_knowledge):
    story = (
        "The Doctor ran into the TARDIS and she threw the lever. Yaz followed. The Doctor "
        "grinned as she set the coordinates, and the TARDIS groaned into the vortex."
    )
    assert "Thirteenth Doctor" in _tags(story, pack_knowledge, "character")


def test_a_name_used_only_in_a_comparison_is_weak_evidence(pack_knowledge):
    story = (
        "Clara watched the Doctor fuss with the console. He was nothing like the Tenth Doctor "
        "she had read about in the files, all grins and trainers. Clara sighed and sat down."
    )
    assert "Tenth Doctor" not in _tags(story, pack_knowledge, "character")


def test_a_letters_signature_names_the_first_person_narrator(pack_knowledge):
    story = (
        "I sit at the desk until the candle gutters, and I write.\n\n"
        "Dear Miss Bennet,\n\n"
        "I ask nothing of you but that you read this. I was wrong about your sister, and I am "
        "sorry for it.\n\n"
        "Fitzwilliam Darcy\n\n"
        "I seal it before I can think better of it, and I ride to Longbourn at first light."
    )
    analysis = analyze(story, knowledge=pack_knowledge)
    assert analysis.pov.value == "first"
    assert "Fitzwilliam Darcy" in analysis.tags("character")
