"""Possible original characters: recurring capitalised names the knowledge does not know, that
speak or act. Sentence-initial words, interjections, days, titles and places are left out."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.dialogue import is_speech_verb
from fanshelf.analysis.results import CharacterFinding
from fanshelf.analysis.text import starts_sentence

_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:['’-][A-Z][a-z]+)?(?![\w-])")
_LOWER_WORD = re.compile(r"[a-z]+")
_AFTER_NAME = re.compile(r"(?:['’]s)?[ \t]+(?:\w+ly[ \t]+)?([a-z]+)")
_GENDERED_PRONOUN = re.compile(r"\b(?:he|him|his|she|her|hers)\b")
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|to|from|on|into|onto|across|near|through|towards?|of|the|via|over)\s+$"
)
_NOT_NAMES_TEXT = """
I Oh Ok Okay Yes Yeah Yep No Nope Nah Well Hey Hi Hello Hmm Hm Ah Aah Uh Um Er Erm Eh Wow
Please Sorry Thanks Thank Goodbye Bye Right Sure Fine Good Great Alright Damn God Gods
Christ Jesus Lord Lady Sir Madam Ma'am Miss Mister Mr Mrs Ms Dr Doctor Professor Captain
Inspector Detective Sergeant Constable Officer General Colonel Major Lieutenant Agent King
Queen Prince Princess Mum Mom Mummy Mommy Dad Daddy Mother Father Grandma Grandpa Gran Nan
Auntie Uncle Aunt Papa Mama Mamma Pa Ma
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
February March April May June July August September October November December Christmas
Easter Halloween English British Scottish Irish Welsh French German American Earth Heaven
Hell Chapter Part Prologue Epilogue Book Note Notes The A An And But Or So Then Now Not
Just Still Even Maybe Perhaps What Who Why When Where How This That These Those There Here
It He She They We You Me My His Her Their Our Your Its One Two Three Later Meanwhile
Instead Nothing Something Everything Anyone Someone Everyone Nobody Somebody Everybody
Time Again Because After Before Once While Since Until If Though Although Only Yet Also Of
To In On At For With From By As Into Without Over Under
"""
NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
MIN_OCCURRENCES = 3
SUGGEST_THRESHOLD = 0.5


def find_original_characters(
    ctx: StoryContext, speakers_by_name: dict[str, int] | None = None
) -> list[CharacterFinding]:
    doc = ctx.doc
    text = doc.text
    known = ctx.index.known_tokens
    lowercase_words = set(_LOWER_WORD.findall(text))
    positions: dict[str, list[int]] = defaultdict(list)
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        if word in NOT_NAMES or word in known or word.lower() in lowercase_words:
            continue
        positions[word].append(match.start())

    findings = []
    for word, starts in positions.items():
        if len(starts) < MIN_OCCURRENCES:
            continue
        inner = [s for s in starts if not starts_sentence(text, s)]
        if not inner:
            continue
        places = sum(1 for s in starts if _PLACE_BEFORE.search(text[max(0, s - 12) : s]))
        if places >= 0.4 * len(starts):
            continue
        acts = speaks = vocative = 0
        narration_count = 0
        pronouns: Counter = Counter()
        for start in starts:
            end = start + len(word)
            in_quote = doc.quote_at(start) is not None
            if in_quote:
                vocative += text[end : end + 1] in ",!?" or text[start - 2 : start] == ", "
                continue
            narration_count += 1
            # The first he/she after the name, in its sentence or the next.
            sentence = min(doc.sentence_index(start) + 1, len(doc.sentences) - 1)
            sentence_end = doc.sentences[sentence][1]
            pronoun = _GENDERED_PRONOUN.search(doc.narration_lower, end, sentence_end)
            if pronoun:
                pronouns["he" if pronoun.group() in ("he", "him", "his") else "she"] += 1
            after = _AFTER_NAME.match(text, end)
            if after:
                verb = after.group(1)
                if is_speech_verb(verb):
                    speaks += 1
                elif verb.endswith(("ed", "s")) and len(verb) > 3:
                    acts += 1
        if acts + speaks + vocative == 0:
            continue
        lines = (speakers_by_name or {}).get(word, 0) + speaks
        raw = 0.5 * len(starts) + 0.8 * acts + 1.0 * lines + 0.5 * vocative
        confidence = round(1.0 - math.exp(-raw / 4.0), 3)
        evidence = tuple(ctx.evidence_at(s) for s in inner[:2])
        findings.append(
            CharacterFinding(
                name=word,
                fandom="",
                confidence=confidence,
                salience=0.0,
                mentions=len(starts),
                narration_mentions=narration_count,
                dialogue_lines=lines,
                pronouns=dict(pronouns),
                aliases_used=(word,),
                evidence=evidence,
            )
        )
    findings.sort(key=lambda c: (-c.confidence, c.name))
    return findings


def original_character_tag(pronouns: Counter) -> str:
    """AO3's tags for original characters, by the pronoun the story uses."""
    if pronouns.get("she", 0) > pronouns.get("he", 0):
        return "Original Female Character(s)"
    if pronouns.get("he", 0) > pronouns.get("she", 0):
        return "Original Male Character(s)"
    return "Original Characters"
