"""A small Knowledge written by hand, so the analyser's tests do not depend on the fandom packs."""

from __future__ import annotations

from fanshelf.analysis.knowledge import (
    CanonWorkInfo,
    CharacterInfo,
    EraInfo,
    FandomInfo,
    Knowledge,
    RelationshipInfo,
)

DW = "Doctor Who"
SH = "Sherlock Holmes - Arthur Conan Doyle"
DOCTOR_META = "The Doctor (Doctor Who)"
MASTER_META = "The Master (Doctor Who)"


def _doctor(name: str, era: str, *aliases: str) -> CharacterInfo:
    return CharacterInfo(
        name,
        DW,
        aliases=aliases,
        ambiguous_aliases=("the Doctor", "Doctor", "Theta"),
        pronoun="she" if name == "Thirteenth Doctor" else "he",
        eras=(era,),
        metas=(DOCTOR_META,),
    )


def build() -> Knowledge:
    characters = (
        CharacterInfo(DOCTOR_META, DW, pronoun="he"),
        CharacterInfo(MASTER_META, DW),
        _doctor("Tenth Doctor", "tenth-doctor"),
        _doctor("Eleventh Doctor", "eleventh-doctor"),
        _doctor("Twelfth Doctor", "twelfth-doctor", "Thete"),
        _doctor("Thirteenth Doctor", "thirteenth-doctor"),
        CharacterInfo(
            "Missy (Doctor Who)",
            DW,
            aliases=("Missy", "the Mistress"),
            ambiguous_aliases=("the Master", "Master", "Koschei"),
            pronoun="she",
            eras=("twelfth-doctor",),
            metas=(MASTER_META,),
        ),
        CharacterInfo(
            "Harold Saxon",
            DW,
            aliases=("Saxon",),
            ambiguous_aliases=("the Master", "Master", "Koschei"),
            pronoun="he",
            eras=("tenth-doctor",),
            metas=(MASTER_META,),
        ),
        CharacterInfo(
            "Clara Oswald",
            DW,
            aliases=("Clara", "Oswin", "Miss Oswald"),
            pronoun="she",
            eras=("eleventh-doctor", "twelfth-doctor"),
        ),
        CharacterInfo("Rose Tyler", DW, aliases=("Rose",), pronoun="she", eras=("tenth-doctor",)),
        CharacterInfo(
            "Martha Jones", DW, aliases=("Martha",), pronoun="she", eras=("tenth-doctor",)
        ),
        CharacterInfo("Donna Noble", DW, aliases=("Donna",), pronoun="she", eras=("tenth-doctor",)),
        CharacterInfo(
            "Amy Pond", DW, aliases=("Amy", "Amelia"), pronoun="she", eras=("eleventh-doctor",)
        ),
        CharacterInfo(
            "Rory Williams", DW, aliases=("Rory",), pronoun="he", eras=("eleventh-doctor",)
        ),
        CharacterInfo("Bill Potts", DW, aliases=("Bill",), pronoun="she", eras=("twelfth-doctor",)),
        CharacterInfo("Nardole", DW, pronoun="he", eras=("twelfth-doctor",)),
        CharacterInfo(
            "Yasmin Khan", DW, aliases=("Yaz", "Yasmin"), pronoun="she", eras=("thirteenth-doctor",)
        ),
        CharacterInfo(
            "Vastra (Doctor Who)", DW, aliases=("Vastra", "Madame Vastra"), pronoun="she"
        ),
        CharacterInfo("Jenny Flint", DW, aliases=("Jenny",), pronoun="she"),
        CharacterInfo("Strax (Doctor Who)", DW, aliases=("Strax",), pronoun="he"),
        CharacterInfo("Daleks (Doctor Who)", DW, aliases=("Dalek", "Daleks"), pronoun="they"),
        CharacterInfo("Davros", DW, pronoun="he"),
        CharacterInfo(
            "Sherlock Holmes", SH, aliases=("Holmes", "Sherlock", "Mr. Holmes"), pronoun="he"
        ),
        CharacterInfo(
            "John Watson",
            SH,
            aliases=("Watson", "Dr. Watson", "Doctor Watson"),
            ambiguous_aliases=("John",),
            pronoun="he",
        ),
        CharacterInfo("Mrs. Hudson", SH, aliases=("Mrs Hudson",), pronoun="she"),
        CharacterInfo("Mycroft Holmes", SH, aliases=("Mycroft",), pronoun="he"),
        CharacterInfo("Inspector Lestrade", SH, aliases=("Lestrade",), pronoun="he"),
        CharacterInfo("Irene Adler", SH, aliases=("Irene", "Miss Adler"), pronoun="she"),
        CharacterInfo(
            "James Moriarty", SH, aliases=("Moriarty", "Professor Moriarty"), pronoun="he"
        ),
    )
    eras = (
        EraInfo(
            "tenth-doctor",
            "Tenth Doctor era",
            DW,
            ("Tenth Doctor", "Rose Tyler", "Martha Jones", "Donna Noble"),
        ),
        EraInfo(
            "eleventh-doctor",
            "Eleventh Doctor era",
            DW,
            ("Eleventh Doctor", "Amy Pond", "Rory Williams", "Clara Oswald"),
        ),
        EraInfo(
            "twelfth-doctor",
            "Twelfth Doctor era",
            DW,
            ("Twelfth Doctor", "Clara Oswald", "Missy (Doctor Who)", "Bill Potts", "Nardole"),
        ),
        EraInfo(
            "thirteenth-doctor", "Thirteenth Doctor era", DW, ("Thirteenth Doctor", "Yasmin Khan")
        ),
    )
    relationships = (
        RelationshipInfo(
            "Missy/Twelfth Doctor", DW, ("Missy (Doctor Who)", "Twelfth Doctor"), True, ("Twissy",)
        ),
        RelationshipInfo(
            "Clara Oswald/Twelfth Doctor",
            DW,
            ("Clara Oswald", "Twelfth Doctor"),
            True,
            ("Whouffaldi",),
        ),
        RelationshipInfo(
            "Rose Tyler/Tenth Doctor", DW, ("Rose Tyler", "Tenth Doctor"), True, ("Tenrose",)
        ),
        RelationshipInfo(
            "John Watson/Sherlock Holmes",
            SH,
            ("John Watson", "Sherlock Holmes"),
            True,
            ("Johnlock",),
        ),
    )
    works = (
        CanonWorkInfo(
            "Genesis of the Daleks", DW, 1, ("GotD",), "Season 12", "", ("Skaro", "Davros")
        ),
        CanonWorkInfo(
            "Doomsday", DW, 2, (), "Series 2", "tenth-doctor", ("Bad Wolf Bay", "Canary Wharf")
        ),
        CanonWorkInfo(
            "The Magician's Apprentice",
            DW,
            3,
            ("TMA",),
            "Series 9",
            "twelfth-doctor",
            ("Skaro", "Davros", "Colony Sarff"),
        ),
        CanonWorkInfo(
            "The Witch's Familiar",
            DW,
            4,
            ("TWF",),
            "Series 9",
            "twelfth-doctor",
            ("Skaro", "Davros"),
        ),
        CanonWorkInfo(
            "Face the Raven",
            DW,
            5,
            ("FtR",),
            "Series 9",
            "twelfth-doctor",
            ("Trap Street", "the raven", "Ashildr"),
        ),
        CanonWorkInfo(
            "Heaven Sent", DW, 6, (), "Series 9", "twelfth-doctor", ("confession dial", "the Veil")
        ),
        CanonWorkInfo(
            "A Study in Scarlet",
            SH,
            1,
            ("STUD",),
            "Novels",
            "",
            ("Lauriston Gardens", "Jefferson Hope"),
        ),
        CanonWorkInfo(
            "The Final Problem", SH, 2, ("FINA",), "Memoirs", "", ("Reichenbach", "Meiringen")
        ),
        CanonWorkInfo(
            "The Adventure of the Empty House",
            SH,
            3,
            ("EMPT",),
            "Return",
            "",
            ("Colonel Moran", "Camden House"),
        ),
    )
    fandoms = (
        FandomInfo(
            DW,
            ("DW",),
            (
                "TARDIS",
                "Gallifrey",
                "Time Lord",
                "Time Lords",
                "sonic screwdriver",
                "regenerate",
                "regeneration",
            ),
        ),
        FandomInfo(SH, ("ACD",), ("Baker Street", "221B", "Scotland Yard")),
    )
    return Knowledge(fandoms, characters, relationships, works, eras)
