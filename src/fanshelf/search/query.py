"""The search query language, parsed into plain data. Nothing here touches the database.

Text: words must all appear; `"exact words"` is a phrase; `-word` and `-"some words"` exclude.
Numbers: `1000` (exactly), `<1000`, `>50`, `1000-5000` (both ends included); `1,000` and `1k` read
as 1000. Dates: `2020-01-31`, `<2020-01-31`, `>2020-01-31`, `2019-01-01 to 2020-01-01`, or
relative to today: `< 2 weeks` (within the last two weeks), `> 1 year` (longer ago than a year),
`1-2 months` (between one and two months ago), `3 days` (on that day).
"""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models


class QueryError(ValueError):
    """Input a reader typed that can't be read; the message says what is wrong."""


@dataclass(frozen=True)
class TextTerm:
    words: tuple[str, ...]  # lower-cased; more than one word is a phrase
    negated: bool = False
    field: str = ""  # "" (anywhere), "title" or "creator"
    alternatives: tuple[TextTerm, ...] = ()  # when given: any of these matches, words unused


@dataclass(frozen=True)
class IntRange:
    low: int | None = None  # inclusive
    high: int | None = None  # inclusive


@dataclass(frozen=True)
class DateRange:
    start: datetime.date | None = None  # inclusive
    end: datetime.date | None = None  # inclusive


class Sort(models.TextChoices):
    RELEVANCE = "best", "Best match"
    REVISED = "updated", "Date updated"
    PUBLISHED = "posted", "Date posted"
    WORDS = "words", "Word count"
    TITLE = "title", "Title"
    CREATOR = "creator", "Creator"
    HITS = "hits", "Hits"
    KUDOS = "kudos", "Kudos"
    COMMENTS = "comments", "Comments"
    BOOKMARKS = "bookmarks", "Bookmarks"


class Crossovers(enum.StrEnum):
    INCLUDE = "include"
    EXCLUDE = "exclude"
    ONLY = "only"


@dataclass(frozen=True)
class SearchQuery:
    """What a reader asked for. Tag names are resolved to canonical filter tags later."""

    terms: tuple[TextTerm, ...] = ()  # any text, title and creator terms together
    fandoms: tuple[str, ...] = ()  # tag names or words, matched within that tag type
    characters: tuple[str, ...] = ()
    relationships: tuple[str, ...] = ()
    freeforms: tuple[str, ...] = ()
    include: tuple[str, ...] = ()  # tag names of any type: the work must carry each
    include_any: tuple[tuple[str, ...], ...] = ()  # each: the work carries one of these tags
    exclude: tuple[str, ...] = ()  # tag names of any type: the work must carry none
    rating_ids: tuple[int, ...] = ()  # any of
    warning_ids: tuple[int, ...] = ()  # all of
    category_ids: tuple[int, ...] = ()  # all of
    ranges: dict[str, IntRange] = field(default_factory=dict)  # words, hits, kudos, ...
    published: DateRange | None = None
    revised: DateRange | None = None
    complete: bool | None = None
    single_chapter: bool = False
    crossovers: Crossovers = Crossovers.INCLUDE
    language: str = ""
    sort: Sort = Sort.REVISED
    descending: bool = True
    page: int = 1
    facets: bool = True

    @property
    def has_text(self) -> bool:
        return any(not term.negated for term in self.terms)


RANGE_FIELDS = ("words", "hits", "kudos", "comments", "bookmarks")
# The index holds every counter, but the search form offers a counter's sort and range only once
# something fills it (the responses app counts hits, kudos and comments, the library bookmarks).
COUNTERS = ("hits", "kudos", "comments", "bookmarks")
AVAILABLE_COUNTERS = ("hits", "kudos", "comments", "bookmarks")


def _offered(name: str) -> bool:
    return name not in COUNTERS or name in AVAILABLE_COUNTERS


def offered_sorts() -> list[tuple[str, str]]:
    """The sorts the search form offers: every sort but the counters nothing fills yet."""
    return [(value, label) for value, label in Sort.choices if _offered(value)]


def offered_ranges() -> tuple[str, ...]:
    """The number ranges the search form offers."""
    return tuple(name for name in RANGE_FIELDS if _offered(name))


_TOKEN = re.compile(r"[^\W_]+")
_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def words_of(text: str) -> tuple[str, ...]:
    """The words of `text` as the index stores them: letters and digits, lower-cased."""
    return tuple(token.lower() for token in _TOKEN.findall(text))


def parse_terms(text: str, *, field: str = "", max_terms: int) -> tuple[TextTerm, ...]:
    terms: list[TextTerm] = []
    for match in _TERM.finditer(text):
        negated, phrase, bare = match.group(1) == "-", match.group(2), match.group(3)
        if phrase is None:
            negated = bare.startswith("-") and len(bare) > 1
            phrase = bare[1:] if negated else bare
        words = words_of(phrase)
        if words:
            terms.append(TextTerm(words=words, negated=negated, field=field))
    if len(terms) > max_terms:
        raise QueryError(f"Use at most {max_terms} words or phrases; this has {len(terms)}.")
    return tuple(terms)


def parse_tag_names(text: str, *, label: str, max_names: int) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(" ".join(n.split()) for n in text.split(",") if n.strip()))
    if len(names) > max_names:
        raise QueryError(f"{label}: use at most {max_names} tags; this has {len(names)}.")
    return names


_NUMBER = r"\d[\d,]*(?:\.\d+)?k?"
_INT_RANGE = re.compile(
    rf"^(?:(?P<op>[<>])\s*(?P<bound>{_NUMBER})|(?P<low>{_NUMBER})\s*-\s*(?P<high>{_NUMBER})"
    rf"|(?P<exact>{_NUMBER}))$"
)


# Bounds that keep numbers and dates within what both databases and Python's dates can hold.
MAX_NUMBER = 10**12
EARLIEST_DATE = datetime.date(1000, 1, 1)
LATEST_DATE = datetime.date(9000, 12, 31)


def _number(text: str, *, label: str) -> int:
    digits = text.replace(",", "")
    scale = 1000 if digits.endswith("k") else 1
    value = int(Decimal(digits.rstrip("k")) * scale)
    if value > MAX_NUMBER:
        raise QueryError(f"{label}: {text[:20]}… is larger than any count here.")
    return value


def parse_int_range(text: str, *, label: str) -> IntRange | None:
    text = text.strip().lower()
    if not text:
        return None
    match = _INT_RANGE.match(text)
    if not match:
        raise QueryError(
            f"{label}: “{text}” isn't a number or a range. Write 1000, <1000, >50 or 1000-5000."
        )
    if match["op"] == "<":
        return IntRange(high=max(_number(match["bound"], label=label) - 1, 0))
    if match["op"] == ">":
        return IntRange(low=_number(match["bound"], label=label) + 1)
    if match["exact"]:
        value = _number(match["exact"], label=label)
        return IntRange(low=value, high=value)
    low, high = _number(match["low"], label=label), _number(match["high"], label=label)
    if low > high:
        raise QueryError(f"{label}: the range {text} starts above where it ends ({low} > {high}).")
    return IntRange(low=low, high=high)


_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
_UNIT = r"(?P<unit>days?|weeks?|months?|years?)(?:\s+ago)?"
_RELATIVE = re.compile(
    rf"^(?:(?P<op>[<>])\s*)?(?P<a>\d+)(?:\s*-\s*(?P<b>\d+))?\s*{_UNIT}$", re.IGNORECASE
)
_ISO = r"\d{4}-\d{2}-\d{2}"
_ABSOLUTE = re.compile(
    rf"^(?:(?P<op>[<>])\s*(?P<bound>{_ISO})|(?P<start>{_ISO})\s*(?:to|\.\.)\s*(?P<end>{_ISO})"
    rf"|(?P<exact>{_ISO}))$",
    re.IGNORECASE,
)
_DATE_HELP = "Write 2020-01-31, <2020-01-31, 2019-01-01 to 2020-01-01, < 2 weeks or 1-2 years."


def _date(text: str, *, label: str) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"{label}: “{text}” isn't a date on the calendar.") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise QueryError(
            f"{label}: {text} is out of range; use dates between the years "
            f"{EARLIEST_DATE.year} and {LATEST_DATE.year}."
        )
    return day


def _ago(today: datetime.date, days: int, *, label: str) -> datetime.date:
    if days > (today - EARLIEST_DATE).days:
        raise QueryError(f"{label}: that goes back before the year {EARLIEST_DATE.year}.")
    return today - datetime.timedelta(days=days)


def parse_date_range(text: str, *, label: str, today: datetime.date) -> DateRange | None:
    text = " ".join(text.split())
    if not text:
        return None
    relative = _RELATIVE.match(text)
    if relative:
        days = _UNITS[relative["unit"].lower().rstrip("s")]
        a = int(relative["a"])
        b = int(relative["b"]) if relative["b"] else None
        if b is not None and relative["op"]:
            raise QueryError(f"{label}: “{text}” mixes < or > with a range. {_DATE_HELP}")
        if b is not None and a > b:
            raise QueryError(f"{label}: the range {text} starts above where it ends.")
        if relative["op"] == "<":
            return DateRange(start=_ago(today, a * days, label=label))
        if relative["op"] == ">":
            return DateRange(end=_ago(today, a * days + 1, label=label))
        if b is not None:
            return DateRange(
                start=_ago(today, (b + 1) * days - 1, label=label),
                end=_ago(today, a * days, label=label),
            )
        start = _ago(today, (a + 1) * days - 1, label=label)
        return DateRange(start=start, end=_ago(today, a * days, label=label))
    absolute = _ABSOLUTE.match(text)
    if not absolute:
        raise QueryError(f"{label}: “{text}” isn't a date or a range of dates. {_DATE_HELP}")
    if absolute["op"] == "<":
        return DateRange(end=_date(absolute["bound"], label=label) - datetime.timedelta(days=1))
    if absolute["op"] == ">":
        return DateRange(start=_date(absolute["bound"], label=label) + datetime.timedelta(days=1))
    if absolute["exact"]:
        day = _date(absolute["exact"], label=label)
        return DateRange(start=day, end=day)
    start, end = _date(absolute["start"], label=label), _date(absolute["end"], label=label)
    if start > end:
        raise QueryError(f"{label}: the range {text} starts after it ends.")
    return DateRange(start=start, end=end)
