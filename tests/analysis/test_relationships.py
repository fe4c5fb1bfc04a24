from fanshelf.analysis.analyzer import analyze

QUARREL = """Missy stood by the console with her arms folded. The Doctor watched her.
"You left me alone," she said.
"I came back," he said. "I always come back."
Missy looked at him for a long moment. Then she kissed him, hard, and the Doctor kissed her back.
"""


def test_a_kiss_on_the_page_makes_the_pair_romantic_with_the_canonical_tag(knowledge):
    analysis = analyze(QUARREL, knowledge=knowledge)
    assert "Missy/Twelfth Doctor" in analysis.tags("relationship")
    assert "Missy & Twelfth Doctor" not in analysis.tags("relationship")
    assert "Kissing" in analysis.tags("freeform")


def test_a_ship_name_in_the_notes_names_the_pairing(knowledge):
    text = (
        "I wrote some Twissy for a friend. Enjoy!\n\n\n"
        "Missy found the Doctor in the library. She sat down beside him and said nothing. He "
        "turned a page. She turned it back. He sighed, and Missy smiled, and neither of them "
        "moved for a long time.\n\n\nThanks for reading!"
    )
    analysis = analyze(text, knowledge=knowledge)
    relationship = next(s for s in analysis.suggestions if s.tag == "Missy/Twelfth Doctor")
    assert any(e.part == "notes_begin" and "Twissy" in e.text for e in relationship.evidence)


def test_friends_who_talk_are_a_platonic_pair(knowledge):
    text = """Bill handed the Doctor a mug of tea. He took it without looking.
"You're brooding," she said.
"I don't brood."
"You're my best friend and you are brooding."
The Doctor smiled at her then, a small and tired smile. Bill sat down next to him.
"Thank you," he said. Bill bumped his shoulder with hers, and they watched the stars together.
"""
    analysis = analyze(text, knowledge=knowledge)
    assert analysis.tags("relationship") == ["Bill Potts & Twelfth Doctor"]


def test_pairs_unknown_to_the_knowledge_are_named_like_ao3_tags(knowledge):
    text = """Nardole and Bill sat on the steps of the TARDIS and shared a bag of chips.
"Best friends?" Bill asked.
"Best friends," said Nardole, and Bill laughed. Nardole passed her the last chip.
"You're all right, you know," Bill said. Nardole beamed at her.
"""
    analysis = analyze(text, knowledge=knowledge)
    assert "Bill Potts & Nardole" in analysis.tags("relationship")


def test_relationship_suggestions_carry_evidence_sentences(knowledge):
    analysis = analyze(QUARREL, knowledge=knowledge)
    relationship = next(s for s in analysis.suggestions if s.tag_type == "relationship")
    assert any("kissed" in e.text for e in relationship.evidence)
    for evidence in relationship.evidence:
        assert QUARREL[evidence.start : evidence.end] == evidence.text


# Rules a careful reader of any fandom states: endearments said to someone, a plural that
# stands for the two just named, a shared bed and hands that keep finding each other.
ENDEARMENTS = """Rose came in from the rain and found Donna asleep on the sofa, the telly still on.
"You waited up, love," Rose said softly.
Donna opened one eye. "Course I did. Where've you been?"
"Walking. Thinking." Rose sat on the arm of the sofa. "Budge up, darling."
Donna budged up. Rose pulled the blanket over both of them and Donna yawned.
"""


def test_endearments_said_from_one_to_the_other_make_a_couple(knowledge):
    tags = analyze(ENDEARMENTS, knowledge=knowledge).tags("relationship")
    assert "Donna Noble/Rose Tyler" in tags
    assert "Donna Noble & Rose Tyler" not in tags


def test_oh_dear_and_my_dear_fellow_are_not_endearments(knowledge):
    text = """Nardole peered into the engine. "Oh dear," he said. "Oh dear, oh dear."
"What is it?" Bill asked.
"My dear girl, it's the flux regulator. Dear me. Dear me, dear me."
Bill laughed at him. "You sound like my nan, Nardole."
"Your nan sounds very sensible," said Nardole, and Bill handed him the spanner.
"""
    tags = analyze(text, knowledge=knowledge).tags("relationship")
    assert tags == ["Bill Potts & Nardole"]


THE_TWO_OF_THEM = """Nardole set out the cups while Rose and Donna argued about the map.
"It's left," said Donna. "It's right," said Rose. Nardole poured the tea.
Rose and Donna always argued, and everyone on the ship knew it.
Then one evening the two of them kissed in the corridor, and nobody knew what to say.
"Well," said Nardole to nobody at all. "Tea, anyone?"
"""


def test_a_kiss_told_with_the_two_of_them_belongs_to_the_two_just_named(knowledge):
    tags = analyze(THE_TWO_OF_THEM, knowledge=knowledge).tags("relationship")
    assert "Donna Noble/Rose Tyler" in tags
    assert not [t for t in tags if "Nardole" in t and "/" in t]


def test_a_shared_bed_and_joined_hands_are_a_couple(knowledge):
    text = """Nardole had gone to bed hours ago, and the TARDIS hummed in the dark.
Rose and Donna had been sharing a bed since the planet with the two moons.
They lay facing each other, holding each other's hands, talking until the lights dimmed.
"Nardole snores," said Donna. "Through two walls."
"Go to sleep," said Rose, and Donna did.
"""
    tags = analyze(text, knowledge=knowledge).tags("relationship")
    assert "Donna Noble/Rose Tyler" in tags
