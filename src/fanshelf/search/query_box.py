"""The search box's language, as on the Archive of Our Own: plain words and "phrases", plus

    title:red  creator:name  fandom:"Doctor Who"  character:Missy  relationship:"A/B"
    tag:"Hurt/Comfort"  rating:Explicit  warning:"No Archive Warnings Apply"  -tag:"..."
    words>1000  kudos>=50  hits<100  words:1000-5000  sort:kudos  language:fr  complete:yes
    dragon OR ghost    fandom:"Doctor Who" OR fandom:Torchwood

Every operator reads into the same SearchQuery parts as the form's fields, so both give the same
results. An unknown `name:value` is searched as words. Nothing here touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .query import (
    RANGE_FIELDS,
    IntRange,
    QueryError,
    Sort,
    TextTerm,
    parse_int_range,
    parse_terms,
    words_of,
)

TEXT_FIELDS = {"title": "title", "creator": "creator", "author": "creator"}
TAG_FIELDS = {
    "fandom": "fandoms",
    "character": "characters",
    "relationship": "relationships",
    "freeform": "freeforms",
}
ANY_TAG_FIELDS = ("tag", "rating", "warning", "category")
OR_HELP = "OR joins two words, two phrases or two tags, as in dragon OR ghost."
_TOKEN = re.compile(
    r'(?P<neg>-?)(?P<name>[a-z]+)(?P<op>:|>=|<=|>|<|=)(?P<value>"[^"]*"?|\S+)'
    r'|(?P<or>\bOR\b)|(?P<text>-?"[^"]*"?|\S+)',
    re.IGNORECASE,
)


@dataclass
class BoxQuery:
    terms: list[TextTerm] = field(default_factory=list)
    typed_tags: dict[str, list[str]] = field(default_factory=dict)  # fandoms: [names]
    include: list[str] = field(default_factory=list)
    include_any: list[tuple[str, ...]] = field(default_factory=list)  # tags joined by OR
    exclude: list[str] = field(default_factory=list)
    ranges: dict[str, IntRange] = field(default_factory=dict)
    sort: Sort | None = None
    language: str = ""
    complete: bool | None = None


def _unquote(value: str) -> str:
    return value.strip('"').strip()


def _range(name: str, op: str, value: str) -> IntRange | None:
    text = {">=": ">", "<=": "<"}.get(op, "")
    bound = parse_int_range(value, label=name.capitalize())
    if op in (":", "="):
        return bound
    if bound is None or bound.low != bound.high:
        raise QueryError(f"{name}{op}{value}: compare with one number, as in {name}>1000.")
    number = bound.low
    if op == ">":
        return IntRange(low=number + 1)
    if op == "<":
        return IntRange(high=max(number - 1, 0))
    return IntRange(low=number) if text == ">" else IntRange(high=number)


def _sort(value: str) -> Sort:
    wanted = value.lower()
    for sort in Sort:
        if wanted in (sort.value, sort.label.lower(), sort.name.lower()):
            return sort
    names = ", ".join(s.value for s in Sort)
    raise QueryError(f"sort:{value} isn't a sort order; use one of {names}.")


def parse_box(text: str, *, max_terms: int) -> BoxQuery:
    box = BoxQuery()
    pending_or = False
    last: tuple[str, object] = ("other", None)  # what a following OR joins
    for match in _TOKEN.finditer(text):
        if match["or"]:
            if last[1] is None or pending_or:
                raise QueryError(OR_HELP)
            pending_or = True
            continue
        read = _read(box, match)
        last = _join(box, last, read) if pending_or else read
        pending_or = False
    if pending_or:
        raise QueryError(OR_HELP)
    if len(box.terms) > max_terms:
        raise QueryError(f"Use at most {max_terms} words or phrases; this has {len(box.terms)}.")
    return box


def _read(box: BoxQuery, match) -> tuple[str, object]:
    """Store one token; returns what an OR could join: ("text", term), ("tag", name) or
    ("other", None)."""
    if match["text"] is not None:
        terms = parse_terms(match["text"], max_terms=1000)
        box.terms += terms
        single = len(terms) == 1 and not terms[0].negated
        return ("text", terms[0]) if single else ("other", None)
    negated, name, op = match["neg"] == "-", match["name"].lower(), match["op"]
    value = _unquote(match["value"])
    if name in RANGE_FIELDS or name == "word":
        box.ranges[name if name != "word" else "words"] = _range(name, op, value)
    elif op != ":":
        return _read_as_text(box, match)
    elif name in TEXT_FIELDS:
        words = words_of(value)
        if words:
            term = TextTerm(words=words, negated=negated, field=TEXT_FIELDS[name])
            box.terms.append(term)
            return ("text", term) if not negated else ("other", None)
    elif name in TAG_FIELDS or name in ANY_TAG_FIELDS:
        if negated:
            box.exclude.append(value)
        elif name in TAG_FIELDS:
            box.typed_tags.setdefault(TAG_FIELDS[name], []).append(value)
            return "typed:" + TAG_FIELDS[name], value
        else:
            box.include.append(value)
            return "tag", value
    elif name == "sort":
        box.sort = _sort(value)
    elif name == "language":
        box.language = value.lower()
    elif name == "complete":
        box.complete = value.lower() in ("yes", "true", "1", "complete")
    else:
        return _read_as_text(box, match)
    return "other", None


def _read_as_text(box: BoxQuery, match) -> tuple[str, object]:
    terms = parse_terms(match.group(0).replace(":", " "), max_terms=1000)
    box.terms += terms
    return "other", None


def _join(box: BoxQuery, left, right) -> tuple[str, object]:
    """Make the last two things read alternatives: words or phrases become one term that
    either satisfies; tags become one group the work needs any of."""
    (left_kind, left_item), (right_kind, right_item) = left, right
    if left_kind == right_kind == "text":
        box.terms.remove(left_item)
        box.terms.remove(right_item)
        options = left_item.alternatives or (left_item,)
        joined = TextTerm(words=(), alternatives=(*options, right_item))
        box.terms.append(joined)
        return "text", joined
    tags = ("tag", "group", *("typed:" + v for v in TAG_FIELDS.values()))
    if left_kind not in tags or right_kind not in tags or right_kind == "group":
        raise QueryError(OR_HELP)
    for kind, name in (left, right):
        if kind == "tag":
            box.include.remove(name)
        elif kind != "group":
            box.typed_tags[kind[6:]].remove(name)
    if left_kind == "group":
        box.include_any.remove(left_item)
    group = (*(left_item if left_kind == "group" else (left_item,)), right_item)
    box.include_any.append(group)
    return "group", group
