"""Quote attribution: who says each line of dialogue.

In order of trust: a speech tag after the quote ("Missy sighs", "he asks"), the narration before
it in the same paragraph ("He flinches. "No.""), an action beat after it, and finally the
alternation of a two-person exchange. One paragraph holds one speaker, as fiction usually does.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from fanshelf.analysis.context import StoryContext
from fanshelf.analysis.mentions import Mention, Recency

_SPEECH_VERBS_TEXT = """
say ask reply answer whisper murmur mutter shout yell scream snap growl snarl hiss
continue explain admit retort muse sigh repeat tell call cry exclaim add agree argue beg
breathe chuckle laugh giggle huff grumble groan grunt insist interrupt mumble offer plead
promise protest purr rasp remark respond scoff sneer sob stammer stutter suggest tease
warn weep wonder begin demand declare note point observe order query quip counter correct
confirm concede joke hum croak blurt gasp drawl bark bellow roar coo soothe
"""
_SPEECH_VERBS = frozenset(_SPEECH_VERBS_TEXT.split())
_TAG_AFTER = re.compile(
    r"[\s,.;:!?—–-]*(?:(?P<pronoun>he|she|i|you|they)\b|(?=[A-Z]))", re.IGNORECASE
)
_VERB_AFTER = re.compile(r"\s*(?:\w+ly\s+)?([a-z]+)")
_INVERTED_TAG = re.compile(r"[\s,]*(?:said|asked|replied|whispered|says|asks|replies|whispers)\s+")


def _lemma(word: str) -> str:
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)] + replacement
            if stem in _SPEECH_VERBS:
                return stem
            if suffix == "ed" and stem + "e" in _SPEECH_VERBS:
                return stem + "e"
            if (
                suffix == "ed"
                and len(stem) > 2
                and stem[-1] == stem[-2]
                and stem[:-1] in _SPEECH_VERBS
            ):
                return stem[:-1]
    return word


def is_speech_verb(word: str) -> bool:
    return _lemma(word.lower()) in _SPEECH_VERBS


class _Speakers:
    def __init__(
        self,
        ctx: StoryContext,
        mentions: list[Mention],
        recency: Recency,
        genders: dict[str, str],
        narrator: str,
        person: str = "first",
    ) -> None:
        self.ctx = ctx
        self.person = person
        self.recency = recency
        self.genders = genders
        self.narrator = narrator
        self.narration_mentions = [m for m in mentions if m.character and not m.in_dialogue]
        self._starts = [m.start for m in self.narration_mentions]

    def mention_at(self, start: int, end: int) -> Mention | None:
        i = bisect_left(self._starts, start)
        if i < len(self._starts) and self._starts[i] < end:
            return self.narration_mentions[i]
        return None

    def pronoun_target(self, pronoun: str, before: int) -> str:
        pronoun = pronoun.lower()
        if pronoun == "i":
            return self.narrator if self.person == "first" else ""
        if pronoun == "you":
            return self.narrator if self.person == "second" else ""
        if pronoun == "they":
            return ""
        return self.recency.last(before, lambda name: self.genders.get(name) == pronoun)

    def tag_after(self, start: int, end: int, quote_start: int) -> tuple[str, bool]:
        """(speaker, is_speech_verb) from the narration right after a quote."""
        text = self.ctx.doc.text
        if start >= end:
            return "", False
        inverted = _INVERTED_TAG.match(text, start, end)
        if inverted:
            mention = self.mention_at(inverted.end(), inverted.end() + 2)
            if mention:
                return mention.character, True
        match = _TAG_AFTER.match(text, start, end)
        if not match:
            return "", False
        if match.group("pronoun"):
            who = self.pronoun_target(match.group("pronoun"), quote_start)
            verb_from = match.end()
        else:
            mention = self.mention_at(match.end(), match.end() + 1)
            if mention is None:
                return "", False
            who, verb_from = mention.character, mention.end
        verb = _VERB_AFTER.match(text, verb_from, end)
        if not who or not verb:
            return "", False
        return who, is_speech_verb(verb.group(1))

    def actor_before(self, start: int, end: int) -> str:
        """The first character the last narration sentence before a quote refers to."""
        doc = self.ctx.doc
        if not doc.narration[start:end].strip():
            return ""
        sentence = doc.sentence_index(max(end - 2, start))
        s_start = max(doc.sentences[sentence][0], start)
        mention = self.mention_at(s_start, end)
        pronoun = re.search(r"\b(he|she|his|her|i|my|you|your)\b", doc.narration_lower[s_start:end])
        if mention and (not pronoun or mention.start <= s_start + pronoun.start()):
            return mention.character
        if pronoun:
            word = {"his": "he", "her": "she", "my": "i", "your": "you"}.get(
                pronoun.group(1), pronoun.group(1)
            )
            return self.pronoun_target(word, s_start + pronoun.start())
        return ""


def attribute_quotes(
    ctx: StoryContext,
    mentions: list[Mention],
    recency: Recency,
    genders: dict[str, str],
    narrator: str = "",
    person: str = "first",
) -> dict[int, str]:
    """Speaker (canonical name) per quote index; quotes nobody can be sure of are left out."""
    doc = ctx.doc
    finder = _Speakers(ctx, mentions, recency, genders, narrator, person)
    addressed = _addressed_in_quotes(doc, mentions)
    by_paragraph: dict[int, list[int]] = {}
    for q, (start, _) in enumerate(doc.quotes):
        by_paragraph.setdefault(doc.paragraph_index(start), []).append(q)

    speakers: dict[int, str] = {}
    previous: list[str] = []  # speakers of the current exchange, latest last
    last_paragraph = -2
    for paragraph, quotes in sorted(by_paragraph.items()):
        p_start, p_end = doc.paragraphs[paragraph]
        strong = medium = weak = ""
        for position, q in enumerate(quotes):
            q_start, q_end = doc.quotes[q]
            next_start = (
                doc.quotes[quotes[position + 1]][0] if position + 1 < len(quotes) else p_end
            )
            prev_end = doc.quotes[quotes[position - 1]][1] if position else p_start
            who, speech = finder.tag_after(q_end, next_start, q_start)
            if who and speech and not strong:
                strong = who
            elif who and not weak:
                weak = who
            if not medium:
                medium = finder.actor_before(prev_end, q_start)
        speaker = strong or medium or weak
        if not speaker and previous and paragraph == last_paragraph + 1:
            speaker = _alternate(previous, recency, p_start, addressed, quotes)
        if speaker:
            for q in quotes:
                speakers[q] = speaker
            if paragraph != last_paragraph + 1:
                previous = []
            if not previous or previous[-1] != speaker:
                previous.append(speaker)
        else:
            previous = []
        last_paragraph = paragraph
    return speakers


def _alternate(
    previous: list[str], recency: Recency, before: int, addressed: dict[int, set[str]], quotes
) -> str:
    if len(previous) >= 2:
        guess = previous[-2]
    else:
        guess = recency.last(before, lambda name: name != previous[-1])
    if any(guess in addressed.get(q, ()) for q in quotes):
        return ""
    return guess


def _addressed_in_quotes(doc, mentions: list[Mention]) -> dict[int, set[str]]:
    """Characters named inside each quote: a speaker rarely names themselves."""
    named: dict[int, set[str]] = {}
    for mention in mentions:
        if mention.in_dialogue and mention.character:
            quote = doc.quote_at(mention.start)
            if quote is not None:
                named.setdefault(quote, set()).add(mention.character)
    return named
