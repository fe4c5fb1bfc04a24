from fanshelf.analysis.analyzer import analyze

TWF_STORY = (
    "Some post-TWF hurt/comfort because I needed it. Enjoy!\n\n\n"
    "After Skaro, Clara stays on the TARDIS for a while. The Doctor makes her tea and she lets "
    "him. Missy is not mentioned, and neither of them mentions Davros. Clara smiles at him "
    "over her mug and the Doctor pretends not to notice.\n\n\n"
    "Thanks for reading!"
)


def test_an_abbreviation_in_the_notes_places_the_story_after_that_episode(knowledge):
    analysis = analyze(TWF_STORY, knowledge=knowledge)
    placement = next(s for s in analysis.suggestions if s.tag_type == "canon_placement")
    assert placement.tag == "Post-Episode: The Witch's Familiar"
    assert placement.applies_as == "freeform"
    assert any(e.part == "notes_begin" for e in placement.evidence)


def test_after_a_place_shared_by_several_episodes_means_after_the_latest_of_its_era(knowledge):
    text = (
        "After Skaro, Clara and the Doctor went to the seaside. Clara ate chips and the Doctor "
        "complained about the gulls, and Missy sent them a postcard that neither of them read."
    )
    analysis = analyze(text, knowledge=knowledge)
    assert analysis.tags("canon_placement") == ["Post-Episode: The Witch's Familiar"]


def test_a_missing_scene_named_in_the_notes(knowledge):
    text = (
        "A/N: a missing scene from Face the Raven.\n\n"
        "Clara sat on the steps of the TARDIS and the Doctor sat beside her. Neither of them "
        "spoke. Then Clara laughed, and the Doctor looked at her, and it was almost all right."
    )
    assert "Missing Scene" in analyze(text, knowledge=knowledge).tags("canon_placement")


def test_a_title_that_is_an_ordinary_word_does_not_place_a_story(knowledge):
    text = (
        "Clara did not want to face the raven on the wall of the flat. The Doctor said it was "
        "only a bird. Heaven sent them a storm that night and they stayed in."
    )
    assert analyze(text, knowledge=knowledge).tags("canon_placement") == []


def test_tags_the_author_names_in_the_notes_are_suggested(knowledge):
    analysis = analyze(TWF_STORY, knowledge=knowledge)
    hurt_comfort = next(s for s in analysis.suggestions if s.tag == "Hurt/Comfort")
    assert hurt_comfort.evidence[0].part == "notes_begin"


def test_a_negated_tag_in_the_notes_is_not_suggested(knowledge):
    text = (
        "No fluff here, I promise. Thanks for reading!\n\n\n"
        "Clara sat alone in the dark. The Doctor had gone and he was not coming back, and she "
        "knew it. She did not cry. She sat until morning and then she went to work."
    )
    assert "Fluff" not in analyze(text, knowledge=knowledge).tags("freeform")


FLUFF = (
    "Clara woke to the smell of pancakes. The Doctor was in the TARDIS kitchen, humming, with "
    "flour on his nose and a spatula held like a sonic screwdriver. She laughed, and he grinned "
    "at her, delighted with himself. They ate on the floor of the console room wrapped in a "
    "blanket, warm and happy, and she teased him about the flour until he smiled back, soft "
    "and fond. It was, she thought, the nicest morning she had had in months, and she was "
    "content to let it go on and on, giggling as he tried to flip the last pancake and missed."
)


def test_a_warm_happy_story_is_fluff_and_not_angst(knowledge):
    freeform = analyze(FLUFF, knowledge=knowledge).tags("freeform")
    assert "Fluff" in freeform
    assert "Angst" not in freeform


def test_time_travel_needs_more_than_the_word_future(knowledge):
    plain = analyze(
        "Clara thought about the future while the Doctor fixed the kettle.", knowledge=knowledge
    )
    assert "Time Travel" not in plain.tags("freeform")
    travel = analyze(
        "The Doctor warned her: if she changed history, the paradox would unravel her own "
        "past. Clara stood in the playground of her own past and did not move, afraid to break "
        "time itself by so much as a breath.",
        knowledge=knowledge,
    )
    assert "Time Travel" in travel.tags("freeform")


def test_summary_is_two_or_three_sentences_from_the_story(knowledge):
    analysis = analyze(FLUFF, knowledge=knowledge)
    assert analysis.summary
    assert 1 <= len(analysis.summary_evidence) <= 3
    for evidence in analysis.summary_evidence:
        assert evidence.text in FLUFF
