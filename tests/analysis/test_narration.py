from dataclasses import replace

from fanshelf.analysis.analyzer import analyze

THIRD_PAST = (
    "Clara walked into the console room. She was tired, and she wanted tea. The Doctor looked up "
    'from the console and frowned at her. "I am fine," he said. "You are not," she told him. '
    "He sighed and went back to his levers."
)
FIRST_PRESENT = (
    "I wake before the alarm and lie there listening to the rain. My flat is cold. I pull the "
    "duvet up to my chin and think about the blue box in the park, and the man who waved at me "
    'from its door. "Come with me," he said yesterday. I still have not answered him.'
)
SECOND_READER = (
    "You open the door and Y/N, the Doctor grins at you. You laugh, because you cannot help it. "
    "Your coat is still wet from the rain and your hands are cold, but you step inside anyway. "
    '"Ready?" she asks. You nod. You have never been more ready in your life.'
)


def test_third_person_past_is_read_from_narration(knowledge):
    analysis = analyze(THIRD_PAST, knowledge=knowledge)
    assert (analysis.pov.value, analysis.tense.value) == ("third", "past")


def test_first_person_present(knowledge):
    analysis = analyze(FIRST_PRESENT, knowledge=knowledge)
    assert (analysis.pov.value, analysis.tense.value) == ("first", "present")


def test_second_person_with_y_n_is_a_reader_insert(knowledge):
    analysis = analyze(SECOND_READER, knowledge=knowledge)
    assert analysis.pov.value == "second"
    reader_insert = next(s for s in analysis.suggestions if s.tag == "Reader-Insert")
    assert any("you" in e.text.lower() for e in reader_insert.evidence)


def test_second_person_about_a_named_character_is_not_a_reader_insert(knowledge):
    text = (
        "You wait by the box for a very long time. You count the stars, you mend your sandals, "
        "you tell the soldiers your name is Rory and that you are only passing through. Rory, "
        "you tell yourself, you have done harder things than waiting. You lean on the box and "
        "you listen to the quiet inside it, and you keep your sword close, and you wait."
    )
    analysis = analyze(text, knowledge=knowledge)
    assert analysis.pov.value == "second"
    assert "Reader-Insert" not in analysis.tags("freeform")
    assert "Reader-Insert" in analyze(SECOND_READER, knowledge=knowledge).tags("freeform")


def test_first_person_dialogue_does_not_make_a_third_person_story_first_person(knowledge):
    text = (
        '"I know, I know, I said I would, and I meant it, and I will," Amy said. She turned '
        "away from him and looked at the stars. He watched her for a long time and then he "
        "walked back to the TARDIS, and she followed him."
    )
    assert analyze(text, knowledge=knowledge).pov.value == "third"


def test_pov_and_tense_carry_evidence_pointing_into_the_text(knowledge):
    analysis = analyze(THIRD_PAST, knowledge=knowledge)
    for evidence in analysis.pov.evidence + analysis.tense.evidence:
        assert THIRD_PAST[evidence.start : evidence.end] == evidence.text


# A Conan Doyle pastiche whose "I" is never named: the canon's convention says who tells it.
UNNAMED_CHRONICLER = (
    "Sherlock Holmes was standing at the window of our sitting-room in Baker Street when I came "
    "down to "
    "breakfast, his violin beneath his chin and the fire long dead in the grate.\n"
    '"You have been walking in the park before breakfast," said he, without turning round. '
    '"There is mud of a particular colour upon your left boot."\n'
    "I confessed that I had, and asked him how he came to know it.\n"
    '"Elementary," said he. "Come, my dear fellow, we have a client. Lestrade has sent a '
    'telegram from Scotland Yard, and the game is afoot."\n'
    "I put down my cup. Holmes threw on his coat, and I followed him down the stairs and into "
    "the hansom that waited by the kerb."
)


def test_the_unnamed_first_person_of_conan_doyle_is_watson_by_the_canons_convention(
    pack_knowledge,
):
    analysis = analyze(UNNAMED_CHRONICLER, knowledge=pack_knowledge)
    assert analysis.pov.value == "first"
    assert "John Watson" in analysis.tags("character")
    assert "John Watson & Sherlock Holmes" in analysis.tags("relationship")


def test_without_a_narrator_convention_the_unnamed_first_person_stays_unnamed(pack_knowledge):
    fandoms = tuple(replace(f, narrator="") for f in pack_knowledge.fandoms)
    plain = replace(pack_knowledge, fandoms=fandoms)
    analysis = analyze(UNNAMED_CHRONICLER, knowledge=plain)
    assert "John Watson" not in analysis.tags("character")
