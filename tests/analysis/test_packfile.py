"""Fandom packs: the bundled data and the checks that keep a hand-edited pack honest.

Plain pytest, no database: packfile is importable without Django settings.
"""

import pytest

from fanshelf.analysis.knowledge import Knowledge
from fanshelf.analysis.packfile import (
    BUNDLED_PACKS_DIR,
    FandomPack,
    PackError,
    bundled_pack_paths,
    knowledge_from_pack,
    load_knowledge,
    parse_pack,
    read_pack,
    relationship_parts,
)

DOCTOR_WHO = BUNDLED_PACKS_DIR / "doctor_who.toml"
SHERLOCK = BUNDLED_PACKS_DIR / "sherlock_holmes.toml"

# A small, valid pack; each bad-pack test breaks exactly one line of it.
MINI = """\
format = 1

[fandom]
name = "Mini Who"
terms = ["TARDIS"]

[[eras]]
key = "twelfth-doctor"
name = "Twelfth Doctor era"
main_characters = ["Twelfth Doctor", "Clara Oswald"]

[[characters]]
name = "The Doctor (Mini Who)"
ambiguous_aliases = ["the Doctor"]

[[characters]]
name = "Twelfth Doctor"
aliases = ["12th Doctor"]
ambiguous_aliases = ["the Doctor"]
pronoun = "he"
metas = ["The Doctor (Mini Who)"]

[[characters]]
name = "Missy (Mini Who)"
aliases = ["Missy"]
pronoun = "she"
eras = ["twelfth-doctor"]

[[characters]]
name = "Clara Oswald"
aliases = ["Clara"]
pronoun = "she"

[[relationships]]
name = "Missy/Twelfth Doctor"
ship_names = ["Twissy"]

[[relationships]]
name = "Clara Oswald & Missy & Twelfth Doctor"

[[canon]]
title = "The Magician's Apprentice"
abbreviations = ["TMA"]
era = "twelfth-doctor"

[[canon]]
title = "The Witch's Familiar"
abbreviations = ["TWF"]
era = "twelfth-doctor"
keywords = ["Skaro"]
"""


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing fragment."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return hits[occurrence - 1]


def broken(old: str, new: str) -> str:
    assert MINI.count(old) == 1, old
    return MINI.replace(old, new)


@pytest.fixture(scope="module")
def doctor_who() -> FandomPack:
    return read_pack(DOCTOR_WHO)


@pytest.fixture(scope="module")
def sherlock() -> FandomPack:
    return read_pack(SHERLOCK)


# -- the bundled packs -------------------------------------------------------------------------
def test_bundled_packs_are_found_and_load_into_one_knowledge():
    assert set(bundled_pack_paths()) >= {DOCTOR_WHO, SHERLOCK}
    knowledge = load_knowledge(*bundled_pack_paths())
    assert isinstance(knowledge, Knowledge)
    fandoms = {f.name for f in knowledge.fandoms}
    assert {"Doctor Who", "Sherlock Holmes - Arthur Conan Doyle"} <= fandoms
    fandoms_of = {}
    for character in knowledge.characters:
        fandoms_of.setdefault(character.name, set()).add(character.fandom)
    assert fandoms_of["Missy (Doctor Who)"] == {"Doctor Who"}
    # Adaptations share their canon's character tags.
    assert fandoms_of["Sherlock Holmes"] == {
        "Sherlock Holmes - Arthur Conan Doyle",
        "Sherlock (TV)",
    }


def test_every_dev_set_fandom_has_a_bundled_pack():
    fandoms = {f.name for f in load_knowledge(*bundled_pack_paths()).fandoms}
    assert {
        "Sherlock (TV)",
        "Pride and Prejudice - Jane Austen",
        "Harry Potter - J. K. Rowling",
        "Marvel Cinematic Universe",
        "Supernatural (TV 2005)",
        "Good Omens (TV)",
        "Star Wars - All Media Types",
        "Les Misérables - Victor Hugo",
        "The Lord of the Rings - J. R. R. Tolkien",
        "The Hunger Games - Suzanne Collins",
    } <= fandoms


def test_doctor_who_has_every_doctor_from_nine_to_thirteen_under_the_meta_tag(doctor_who):
    characters = {c.name: c for c in doctor_who.characters}
    for ordinal in ("Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth"):
        doctor = characters[f"{ordinal} Doctor"]
        assert doctor.metas == ("The Doctor (Doctor Who)",)
        assert "the Doctor" in doctor.ambiguous_aliases
        assert f"{ordinal.lower()}-doctor" in {e.key for e in doctor_who.eras}
    assert "The Doctor (Doctor Who)" in characters
    assert characters["Thirteenth Doctor"].pronoun == "she"


def test_doctor_who_ship_names_and_the_twelfth_doctor_era(doctor_who):
    knowledge = knowledge_from_pack(doctor_who)
    ships = {ship: r for r in knowledge.relationships for ship in r.ship_names}
    twissy = ships["Twissy"]
    assert twissy.name == "Missy/Twelfth Doctor"
    assert twissy.characters == ("Missy (Doctor Who)", "Twelfth Doctor")
    assert twissy.romantic
    assert ships["Whouffaldi"].name == "Clara Oswald/Twelfth Doctor"
    assert not {r.name: r for r in knowledge.relationships}["Donna Noble & Tenth Doctor"].romantic
    # Clara and Missy together point at the Twelfth Doctor, not the Eleventh.
    eras = {e.key: set(e.main_characters) for e in knowledge.eras}
    assert {"Twelfth Doctor", "Clara Oswald", "Missy (Doctor Who)"} <= eras["twelfth-doctor"]
    assert "Missy (Doctor Who)" not in eras["eleventh-doctor"]


def test_doctor_who_canon_is_in_broadcast_order(doctor_who):
    works = {w.title: w for w in doctor_who.canon}
    assert [w.order for w in doctor_who.canon] == list(range(1, len(doctor_who.canon) + 1))
    assert doctor_who.canon[0].title == "Rose"
    twf = next(w for w in doctor_who.canon if "TWF" in w.abbreviations)
    assert twf.title == "The Witch's Familiar"
    assert twf.group == "Series 9" and twf.era == "twelfth-doctor"
    assert works["The Magician's Apprentice"].order + 1 == twf.order
    assert "TMA" in works["The Magician's Apprentice"].abbreviations
    assert {"Skaro", "Davros"} <= set(twf.keywords)
    assert works["Doomsday"].order < works["The Runaway Bride"].order
    assert works["The Day of the Doctor"].order + 1 == works["The Time of the Doctor"].order
    assert works["The Power of the Doctor"].era == "thirteenth-doctor"


def test_sherlock_holmes_has_all_sixty_stories_with_their_codes(sherlock):
    assert len(sherlock.canon) == 60
    codes = [w.abbreviations[0] for w in sherlock.canon]
    assert len(set(codes)) == 60
    assert codes[:3] == ["STUD", "SIGN", "SCAN"]
    assert codes[-1] == "RETI"
    assert codes.index("FINA") + 1 == codes.index("HOUN")
    works = {w.title: w for w in sherlock.canon}
    assert "Reichenbach" in works["The Final Problem"].keywords
    holmes = {c.name: c for c in sherlock.characters}
    assert "Holmes" in holmes["Sherlock Holmes"].ambiguous_aliases
    assert "Holmes" in holmes["Mycroft Holmes"].ambiguous_aliases


def test_conan_doyle_names_watson_as_its_narrator_and_the_knowledge_carries_it(sherlock):
    assert sherlock.fandom.narrator == "John Watson"
    (fandom,) = knowledge_from_pack(sherlock).fandoms
    assert fandom.narrator == "John Watson"
    assert knowledge_from_pack(read_pack(DOCTOR_WHO)).fandoms[0].narrator == ""


def test_a_narrator_of_the_pack_is_accepted():
    pack = parse_pack(broken('terms = ["TARDIS"]', 'terms = ["TARDIS"]\nnarrator = "Clara Oswald"'))
    assert pack.fandom.narrator == "Clara Oswald"


@pytest.mark.parametrize("path", [DOCTOR_WHO, SHERLOCK], ids=["doctor_who", "sherlock"])
def test_unambiguous_aliases_mean_one_character(path):
    pack = read_pack(path)
    owners: dict[str, set[str]] = {}
    for character in pack.characters:
        for name in (character.name, *character.aliases):
            owners.setdefault(name.casefold(), set()).add(character.name)
    shared = {name: names for name, names in owners.items() if len(names) > 1}
    assert shared == {}
    ambiguous = {a.casefold() for c in pack.characters for a in c.ambiguous_aliases}
    assert ambiguous.isdisjoint(owners)


def test_knowledge_joins_eras_listed_on_either_side():
    knowledge = knowledge_from_pack(parse_pack(MINI))
    era = knowledge.eras[0]
    # Missy names the era herself; the era names the Twelfth Doctor and Clara.
    assert set(era.main_characters) == {"Twelfth Doctor", "Clara Oswald", "Missy (Mini Who)"}
    clara = next(c for c in knowledge.characters if c.name == "Clara Oswald")
    assert clara.eras == ("twelfth-doctor",)
    assert [w.order for w in knowledge.canon_works] == [1, 2]


# -- bad packs name the right line -------------------------------------------------------------
def assert_error_at(text: str, line: int, *words: str) -> PackError:
    with pytest.raises(PackError) as caught:
        parse_pack(text, source="packs/mini.toml")
    error = caught.value
    assert error.line == line, str(error)
    assert str(error).startswith(f"mini.toml line {line}: ")
    for word in words:
        assert word in error.reason
    return error


def test_toml_syntax_error_gives_tomllib_line():
    text = broken('pronoun = "he"', 'pronoun = "he')
    assert_error_at(text, line_of(text, 'pronoun = "he'), "invalid TOML")


def test_relationship_naming_an_unknown_character():
    text = broken('name = "Missy/Twelfth Doctor"', 'name = "Missy/Twelf Doctor"')
    error = assert_error_at(text, line_of(text, "Twelf Doctor"), '"Twelf Doctor"')
    assert error.reason == (
        'relationship "Missy/Twelf Doctor" names unknown character "Twelf Doctor"'
    )


def test_unknown_key_is_a_typo():
    text = broken('pronoun = "she"\neras', 'pronoun = "she"\nera = ["twelfth-doctor"]\neras')
    assert_error_at(text, line_of(text, 'era = ["twelfth-doctor"]'), '"era"')


def test_forbidden_character_in_a_tag_name():
    text = broken('aliases = ["Clara"]', 'aliases = ["Clara", "Oswald, Clara"]')
    assert_error_at(text, line_of(text, "Oswald, Clara"), '"Oswald, Clara"', "tag names")


def test_relationship_names_out_of_alphabetical_order():
    text = broken('name = "Missy/Twelfth Doctor"', 'name = "Twelfth Doctor/Missy"')
    assert_error_at(text, line_of(text, "Twelfth Doctor/Missy"), '"Missy/Twelfth Doctor"')


def test_alias_shared_by_two_characters_must_be_ambiguous():
    text = broken('aliases = ["Clara"]', 'aliases = ["Clara", "Missy"]')
    # Reported on the second character to claim it.
    assert_error_at(text, line_of(text, '"Clara", "Missy"'), '"Missy"', "ambiguous_aliases")


# (old text, new text, a fragment of the line at fault, its occurrence, a word of the reason)
SEMANTIC_ERRORS = {
    "unknown-era": (
        'era = "twelfth-doctor"\nkeywords',
        'era = "eleventh-doctor"\nkeywords',
        "eleventh",
        1,
        "era",
    ),
    "shared-abbreviation": (
        'abbreviations = ["TWF"]',
        'abbreviations = ["TMA"]',
        '["TMA"]',
        2,
        "already means",
    ),
    "duplicate-title": (
        'title = "The Witch\'s Familiar"',
        'title = "The Magician\'s Apprentice"',
        "Magician",
        2,
        "twice",
    ),
    "unknown-meta": (
        'metas = ["The Doctor (Mini Who)"]',
        'metas = ["The Doctor"]',
        "metas",
        1,
        "meta tag",
    ),
    "era-names-unknown-character": (
        '"Twelfth Doctor", "Clara Oswald"]',
        '"Twelfth Doctor", "Clare"]',
        "Clare",
        1,
        "Clare",
    ),
    "narrator-not-in-the-pack": (
        'terms = ["TARDIS"]',
        'terms = ["TARDIS"]\nnarrator = "Clare"',
        "narrator",
        1,
        "narrator",
    ),
    "bad-pronoun": ('pronoun = "he"', 'pronoun = "him"', "him", 1, "pronoun"),
    "wrong-type": (
        'aliases = ["12th Doctor"]',
        'aliases = "12th Doctor"',
        "12th",
        1,
        "list of strings",
    ),
    "mixed-separators": (
        'name = "Clara Oswald & Missy',
        'name = "Clara Oswald & Missy/',
        "Missy/ &",
        1,
        "mixes",
    ),
    "ship-name-twice": (
        'ship_names = ["Twissy"]',
        'ship_names = ["Twissy", "twissy"]',
        "twissy",
        1,
        "twissy",
    ),
    "same-characters-twice": (
        'name = "Clara Oswald & Missy & Twelfth Doctor"',
        'name = "Missy (Mini Who)/Twelfth Doctor"',
        "(Mini Who)/",
        1,
        "same characters",
    ),
}


@pytest.mark.parametrize("case", SEMANTIC_ERRORS.values(), ids=SEMANTIC_ERRORS.keys())
def test_other_semantic_errors_name_their_line(case):
    old, new, fragment, occurrence, word = case
    text = broken(old, new)
    assert_error_at(text, line_of(text, fragment, occurrence), word)


def test_short_name_shared_by_two_characters_is_refused_in_relationships():
    text = broken(
        '[[characters]]\nname = "Clara Oswald"',
        '[[characters]]\nname = "Missy (Other)"\n\n[[characters]]\nname = "Clara Oswald"',
    )
    error = assert_error_at(text, line_of(text, "Missy/Twelfth Doctor"), "several characters")
    assert '"Missy"' in error.reason


def test_missing_format_and_wrong_format():
    with pytest.raises(PackError, match="format"):
        parse_pack(MINI.replace("format = 1\n", ""))
    assert_error_at(MINI.replace("format = 1", "format = 2"), 1, "format")


def test_read_pack_and_load_knowledge_report_the_file(tmp_path):
    with pytest.raises(PackError) as caught:
        read_pack(tmp_path / "absent.toml")
    assert str(caught.value).startswith("absent.toml: cannot read")
    first, second = tmp_path / "one.toml", tmp_path / "two.toml"
    first.write_text(MINI, encoding="utf-8")
    second.write_text(MINI, encoding="utf-8")
    assert len(load_knowledge(first, str(first)).characters) == 4
    with pytest.raises(PackError) as caught:
        load_knowledge(first, second)
    assert caught.value.path == str(second)
    assert caught.value.line == line_of(MINI, 'name = "Mini Who"')


# -- relationship_parts ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("A/B", (True, ("A", "B"))),
        ("A & B", (False, ("A", "B"))),
        ("A/B/C", (True, ("A", "B", "C"))),
        ("  Missy /  Twelfth   Doctor ", (True, ("Missy", "Twelfth Doctor"))),
        ("Jenny Flint & Strax & Vastra", (False, ("Jenny Flint", "Strax", "Vastra"))),
    ],
)
def test_relationship_parts_splits_names(name, expected):
    assert relationship_parts(name) == expected


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("A/", "empty"),
        ("/B", "empty"),
        ("A & ", "empty"),
        ("A & B/C", "mixes"),
        ("Just A", "needs"),
        ("A/a", "twice"),
    ],
)
def test_relationship_parts_rejects_malformed_names(name, message):
    with pytest.raises(ValueError, match=message):
        relationship_parts(name)
