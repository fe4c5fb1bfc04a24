from fanshelf.analysis.analyzer import analyze

EXCHANGE = """The Doctor stood at the console, not looking up. Missy leaned against the doors.
"You're late," she said.
"I'm always late."
"Not for me."
He looked up at last. "What do you want?"
Missy sighs. "Company. Clara is busy, apparently."
"""


def _character(analysis, name):
    return next(c for c in analysis.characters if c.name == name)


def test_the_doctor_is_the_one_whose_companions_are_present(knowledge):
    with_clara_and_missy = analyze(EXCHANGE, knowledge=knowledge)
    assert "Twelfth Doctor" in with_clara_and_missy.tags("character")
    assert with_clara_and_missy.era == "twelfth-doctor"
    with_rose = analyze(
        "Rose ran after the Doctor through the market. The Doctor laughed and grabbed her hand, "
        "and Rose laughed too. Martha was waiting for them at the TARDIS.",
        knowledge=knowledge,
    )
    assert "Tenth Doctor" in with_rose.tags("character")
    assert "Twelfth Doctor" not in with_rose.tags("character")


def test_an_ambiguous_name_without_context_falls_back_to_the_meta_tag(knowledge):
    analysis = analyze(
        "The Doctor walked along the beach. The Doctor was alone, and the Doctor did not mind. "
        "He picked up a shell and the Doctor put it in his pocket.",
        knowledge=knowledge,
    )
    assert "The Doctor (Doctor Who)" in analysis.tags("character")
    assert not any(name.endswith(" Doctor") for name in analysis.tags("character"))


def test_quotes_are_attributed_by_speech_tags_narration_and_alternation(knowledge):
    analysis = analyze(EXCHANGE, knowledge=knowledge)
    assert _character(analysis, "Missy (Doctor Who)").dialogue_lines == 3
    assert _character(analysis, "Twelfth Doctor").dialogue_lines == 2


def test_pronouns_used_for_each_character_are_counted(knowledge):
    analysis = analyze(EXCHANGE, knowledge=knowledge)
    assert set(_character(analysis, "Missy (Doctor Who)").pronouns) <= {"she", "her", "hers"}
    assert "he" in _character(analysis, "Twelfth Doctor").pronouns


def test_a_name_dropped_once_in_dialogue_is_not_a_present_character(knowledge):
    analysis = analyze(EXCHANGE, knowledge=knowledge)
    clara = _character(analysis, "Clara Oswald")
    assert clara.mentions == 1
    assert clara.confidence < 0.5
    assert "Clara Oswald" not in analysis.tags("character")
    assert "Clara Oswald" in [s.tag for s in analysis.near_misses]


def test_characters_are_ranked_by_salience(knowledge):
    analysis = analyze(EXCHANGE, knowledge=knowledge)
    top = max(analysis.characters, key=lambda c: c.salience)
    assert top.salience == 1.0
    assert all(0.0 <= c.salience <= 1.0 for c in analysis.characters)


def test_a_shared_surname_means_the_central_character(pack_knowledge):
    analysis = analyze(
        "Holmes stood at the window. Holmes was thinking, and I knew better than to speak. "
        '"Watson," said Holmes at last, "my brother has written." Mycroft Holmes rarely wrote. '
        "Holmes read the letter twice and laughed.",
        knowledge=pack_knowledge,
    )
    assert "Sherlock Holmes" in analysis.tags("character")
    assert "Mycroft Holmes" not in analysis.tags("character")


ORIGINAL = """Marisol sold clockwork birds at the end of the market. Every morning Marisol wound
them one by one. On Monday the Doctor came to her stall.
"How much?" the Doctor asked.
"More than you have," Marisol said, and laughed. Okay, she thought, this one is strange.
Yaz watched Marisol wrap a bird in paper. Then Marisol handed it over. Still, it was a good day.
"""


def test_recurring_unknown_names_that_act_are_possible_original_characters(knowledge):
    analysis = analyze(ORIGINAL, knowledge=knowledge)
    names = [c.name for c in analysis.original_characters]
    assert names == ["Marisol"]
    assert "Original Female Character(s)" in analysis.tags("character")


def test_evidence_offsets_index_the_analysed_text(knowledge):
    text = "Author's note: for my sister.\n\n\n" + EXCHANGE
    analysis = analyze(text, knowledge=knowledge)
    for character in analysis.characters:
        for evidence in character.evidence:
            assert text[evidence.start : evidence.end] == evidence.text


def test_a_shared_name_that_is_a_common_word_needs_to_be_used_as_a_name(pack_knowledge):
    text = (
        '"Me? You want me to fly it?" Clara stared at the Doctor. "Ten minutes ago you said '
        'never." The Doctor shrugged. "Ten minutes ago I had both hands."'
    )
    names = {c.name for c in analyze(text, knowledge=pack_knowledge).characters}
    assert "Ashildr (Doctor Who)" not in names
    assert "Tenth Doctor" not in names


def test_a_series_named_in_the_notes_decides_which_doctor(pack_knowledge):
    story = (
        "Clara had a pile of essays to mark. The Doctor hovered behind her chair and read over "
        'her shoulder. "You\'re looming," Clara said. "I never loom," the Doctor said, and went '
        "back to the console, where he pretended to be busy for an hour."
    )
    analysis = analyze(
        chapters=[story], notes_begin="Set somewhere in series 8. Enjoy!", knowledge=pack_knowledge
    )
    assert "Twelfth Doctor" in analysis.tags("character")
    assert "Eleventh Doctor" not in analysis.tags("character")
