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
