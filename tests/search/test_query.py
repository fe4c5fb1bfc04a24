import datetime

import pytest

from fanshelf.search.query import (
    DateRange,
    IntRange,
    QueryError,
    TextTerm,
    parse_date_range,
    parse_int_range,
    parse_terms,
)

TODAY = datetime.date(2024, 6, 15)


def test_words_phrases_and_exclusions():
    terms = parse_terms('Dragon "tea shop" -storm -"dark night"', max_terms=30)
    assert terms == (
        TextTerm(words=("dragon",)),
        TextTerm(words=("tea", "shop")),
        TextTerm(words=("storm",), negated=True),
        TextTerm(words=("dark", "night"), negated=True),
    )


def test_too_many_terms_is_refused():
    with pytest.raises(QueryError, match="at most 2"):
        parse_terms("a b c", max_terms=2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1000", IntRange(1000, 1000)),
        ("<1000", IntRange(None, 999)),
        ("> 50", IntRange(51, None)),
        ("1,000-5,000", IntRange(1000, 5000)),
        ("2k-10k", IntRange(2000, 10000)),
    ],
)
def test_number_ranges(text, expected):
    assert parse_int_range(text, label="Word count") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lots", "“lots” isn't a number or a range"),
        ("5000-1000", "starts above where it ends"),
        ("<<5", "isn't a number or a range"),
    ],
)
def test_malformed_ranges_say_what_is_wrong(text, message):
    with pytest.raises(QueryError, match=message) as error:
        parse_int_range(text, label="Kudos")
    assert str(error.value).startswith("Kudos:")


def test_relative_and_absolute_dates():
    assert parse_date_range("< 2 weeks", label="d", today=TODAY) == DateRange(
        start=datetime.date(2024, 6, 1)
    )
    assert parse_date_range("> 1 year", label="d", today=TODAY) == DateRange(
        end=datetime.date(2023, 6, 15)
    )
    assert parse_date_range("2020-01-01 to 2020-12-31", label="d", today=TODAY) == DateRange(
        datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)
    )
    assert parse_date_range("<2020-01-01", label="d", today=TODAY) == DateRange(
        end=datetime.date(2019, 12, 31)
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("yesterday", "isn't a date or a range of dates"),
        ("2020-02-30", "isn't a date on the calendar"),
        ("2021-01-01 to 2020-01-01", "starts after it ends"),
        ("3-1 weeks", "starts above where it ends"),
    ],
)
def test_malformed_dates_say_what_is_wrong(text, message):
    with pytest.raises(QueryError, match=message):
        parse_date_range(text, label="Date updated", today=TODAY)
