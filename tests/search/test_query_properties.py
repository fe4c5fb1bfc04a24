"""Property tests (hypothesis) for the search query parser: any text gives a query or a
QueryError (the form's message), never another exception, in time proportional to its length."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from fanshelf.search.query import (
    IntRange,
    QueryError,
    parse_date_range,
    parse_int_range,
    parse_tag_names,
    parse_terms,
)
from tests.bounds import assert_linear

TODAY = datetime.date(2026, 11, 30)
PIECES = st.sampled_from(
    ['"', "-", "9", "99999", ",", ".", "k", "<", ">", " ", "to", "..", "-01-", "2020-01-31",
     "0001-01-01", "9999-12-31", "days", "weeks", "years", "ago", "\x00", "é", "word", "\U0010ffff"]
)  # fmt: skip
typed = st.one_of(
    st.text(max_size=200),
    st.tuples(st.lists(PIECES, min_size=1, max_size=8), st.integers(1, 3000)).map(
        lambda pair: "".join(pair[0]) * pair[1]
    ),
)
QUICK = settings(max_examples=150, deadline=None, database=None)


def _parse_all(text):
    results = []
    for parse in (
        lambda: parse_terms(text, max_terms=30),
        lambda: parse_tag_names(text, label="Tags", max_names=30),
        lambda: parse_int_range(text, label="Word count"),
        lambda: parse_date_range(text, label="Date posted", today=TODAY),
    ):
        try:
            results.append(parse())
        except QueryError as error:
            results.append(error)
    return results


@QUICK
@given(text=typed)
def test_any_typed_query_parses_or_gets_a_message_in_linear_time(text):
    results = assert_linear(_parse_all, len(text.encode()), text)
    assert isinstance(results, list), results  # any other exception would be returned here


@QUICK
@given(number=st.integers(min_value=0, max_value=10**12))
def test_a_typed_number_reads_as_itself(number):
    assert parse_int_range(str(number), label="Kudos") == IntRange(low=number, high=number)
    assert parse_int_range(f"{number:,}", label="Kudos") == IntRange(low=number, high=number)


@QUICK
@given(day=st.dates(min_value=datetime.date(1000, 1, 2), max_value=datetime.date(9000, 12, 30)))
def test_a_typed_date_reads_as_that_day(day):
    parsed = parse_date_range(day.isoformat(), label="Date posted", today=TODAY)
    assert parsed.start == parsed.end == day
    before = parse_date_range(f"<{day.isoformat()}", label="Date posted", today=TODAY)
    assert before.end == day - datetime.timedelta(days=1)


@QUICK
@given(words=st.lists(st.from_regex(r"[a-z]{1,10}", fullmatch=True), min_size=1, max_size=30))
def test_every_typed_word_becomes_a_term(words):
    terms = parse_terms(" ".join(words), max_terms=30)
    assert [t.words[0] for t in terms] == words
