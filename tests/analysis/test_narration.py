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
