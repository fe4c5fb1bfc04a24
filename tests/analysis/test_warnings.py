import pytest

from fanshelf.analysis.analyzer import analyze

MCD = "Major Character Death"
GRAPHIC = "Graphic Depictions Of Violence"
NONE = "No Archive Warnings Apply"

ON_PAGE_DEATH = "\n".join(
    [
        "Rory fell. Amy dropped to her knees beside him and pressed her hands to his chest.",
        '"Rory. Rory, look at me."',
        (
            "He did not look at her. He was not breathing. There was no pulse under her fingers. "
            "Rory was dead, and Amy held him and screamed for the Doctor until her voice broke."
        ),
        (
            "They buried him on a hill above the village. At the funeral Amy did not cry. She had"
            " no tears left. The Doctor stood beside her and grieved in silence, and in the weeks"
            " after she mourned alone in the TARDIS library, and would not speak."
        ),
    ]
)

FEARED_DEATH = "\n".join(
    [
        "Rory fell and did not move. Amy dropped to her knees beside him.",
        ('"Rory!" She thought he was dead. For one terrible moment she was sure she had lost him.'),
        "Then he coughed. The Doctor knelt and checked his pulse and let out a long breath.",
        '"He\'s alive," the Doctor said. "He\'s not dead, Pond. Knocked out, that\'s all."',
        "Amy laughed through her tears and held Rory tight until he woke.",
    ]
)

EXTRA_DIES = "\n".join(
    [
        (
            "Bill and the Doctor found the guard in the tunnel. The guard was dead; a young man "
            "with a thin moustache, his eyes open and empty. Bill looked away."
        ),
        '"Who did this?" she asked.',
        (
            '"Someone who knew what they were doing," said the Doctor. He closed the man\'s eyes '
            "gently."
        ),
        (
            "They followed the footprints to the cargo bay and the Doctor talked the smugglers "
            "into giving up."
        ),
    ]
)

BACKSTORY = "\n".join(
    [
        (
            "Martha sat with the Doctor in the library. He told her about the war, about his "
            "people, who had all died a long time ago, years and years ago, in the fire. Martha's"
            ' grandad had died years ago too. She held his hand. "You don\'t get over it," she '
            'said. "You grow around it."'
        ),
        "The Doctor smiled at her, and they sat together until morning.",
    ]
)

FIGHT = "\n".join(
    [
        (
            "The first man swung a knife at Watson. Watson caught his wrist and punched him, and "
            "blood poured from the man's broken nose. Holmes was grappling with the second, who "
            "fired his revolver twice into the ceiling. A bullet grazed Holmes's arm and his "
            "sleeve turned red with blood. Watson struck the third man with his stick and felt "
            "the bone break; the man screamed. Then a blade slid into Watson's side, and he "
            "gasped at the wound as his blood soaked his waistcoat."
        ),
        (
            "Holmes pressed both hands to the wound, shouting for the police, as more blood "
            "welled up."
        ),
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ON_PAGE_DEATH, MCD),
        (FEARED_DEATH, NONE),
        (EXTRA_DIES, NONE),
        (BACKSTORY, NONE),
    ],
    ids=["on-page death", "feared death", "unnamed extra", "backstory"],
)
def test_major_character_death_only_when_a_present_character_dies(knowledge, text, expected):
    warnings = analyze(text, knowledge=knowledge).tags("warning")
    assert expected in warnings
    if expected == NONE:
        assert MCD not in warnings


def test_a_death_brings_character_death_grief_and_angst(knowledge):
    freeform = analyze(ON_PAGE_DEATH, knowledge=knowledge).tags("freeform")
    assert {"Character Death", "Grief/Mourning", "Angst"} <= set(freeform)


def test_violence_shown_on_the_page_is_graphic(knowledge):
    analysis = analyze(FIGHT, knowledge=knowledge)
    assert GRAPHIC in analysis.tags("warning")
    assert analysis.tags("rating") == ["Teen And Up Audiences"]


def test_a_gentle_story_is_general_audiences_with_no_warnings(knowledge):
    text = (
        "Clara and the Doctor sat on the roof of the TARDIS and watched the snow fall over the "
        "little town. She had brought cocoa. He complained that it was too sweet and drank all "
        "of it. They talked about nothing much until the stars came out, and then they went in."
    )
    analysis = analyze(text, knowledge=knowledge)
    assert analysis.tags("warning") == [NONE]
    assert analysis.tags("rating") == ["General Audiences"]


def test_kissing_makes_a_story_teen_and_up(knowledge):
    text = (
        "Rose looked up at the Doctor, and the Doctor looked at Rose, and then he kissed her, "
        "there on the beach, while the waves came in. Rose kissed him back and laughed."
    )
    assert analyze(text, knowledge=knowledge).tags("rating") == ["Teen And Up Audiences"]


def test_one_rating_is_suggested_with_a_warning_evidence(knowledge):
    analysis = analyze(ON_PAGE_DEATH, knowledge=knowledge)
    ratings = analysis.tags("rating")
    assert len(ratings) == 1
    death = next(s for s in analysis.suggestions if s.tag == MCD)
    assert any("dead" in e.text or "no pulse" in e.text for e in death.evidence)
