"""PostgreSQL archives find a text query's matches in a SQLite FTS5 file on the machine
(search/backends/local_text.py): the same works PostgreSQL's own match finds, kept current as
works change, and never in the way when it is missing, stale or damaged. On SQLite the feature
has nothing to do."""

import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from fanshelf.search.backends.local_text import LOCAL, current_file, local_query
from fanshelf.search.backends.local_text_build import build, streams_of
from fanshelf.search.backends.postgres import tsquery
from fanshelf.search.backends.sqlite import CREATE_TABLE
from fanshelf.search.query_box import parse_box
from fanshelf.search.selectors import search_works
from fanshelf.search.services import index_works
from fanshelf.works.models import Work

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the local text file serves PostgreSQL archives"
)

# Texts where PostgreSQL's 'simple' parser and FTS5's unicode61 tokenizer would split or fold
# differently if the file held the text itself rather than PostgreSQL's lexemes.
TEXTS = {
    "accents": "A café in the naïve quarter; CAFÉ again",
    "apostrophes": "don't and don’t and rock'n'roll",
    "hyphens": "a well-known dark-haired e-mail from x-ray",
    "numbers": "pi is 3.14, 1,000 ships, version 1.2.3 and -5 degrees, route66",
    "slashes": "Twelfth Doctor/Missy and Harry Potter/Draco Malfoy",
    "cjk": "東京都 に住む 猫 and abc東京",
    "web": "mail someone@example.com or see https://example.org/path and example.net",
    "greek": "ΣΟΦΟΣ σοφος İstanbul straße STRASSE",
    "marks": "½ cup, x² and ８ fullwidth, under_score",
}
QUERIES = [
    "café", "cafe", "naïve", "naive", "don", "t", '"don t"', "rock", '"rock n roll"',
    "well", "known", '"well known"', '"a well"', '"well known dark"', "e-mail", "mail",
    "3.14", "3", "14", "1,000", "000", "route66", "version", "5", "-5",
    "doctor", "missy", "doctor/missy", '"twelfth doctor"', "harry potter", "東京都", "猫",
    "abc東京", "someone", "example.com", "example", "path", "σοφος", "straße", "strasse",
    "½", "x", "８", "under", "score", "title:café", "title:missy", "creator:someone",
    "-café quarter", "again OR ships", "-doctor", "-missy -ships", '"cup x"', "½cup", "x²",
    "½ OR cup", "cup -½",
]  # fmt: skip


def _pg_ids(terms) -> set[int]:
    query = tsquery(terms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT work_id FROM search_workindex WHERE document @@ to_tsquery('simple', %s)",
            [query],
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def local_home(settings, tmp_path):
    _fresh_local()  # nothing from earlier tests: a build a server test just made, an open file
    settings.FANSHELF_HOME = tmp_path
    yield tmp_path
    _fresh_local()


def _fresh_local():
    if LOCAL.builder is not None:
        LOCAL.builder.join(timeout=120)
    LOCAL._close()
    LOCAL.__init__()


@postgres_only
def test_the_local_file_finds_exactly_what_postgresql_finds(make_work, local_home):
    for name, text in TEXTS.items():
        make_work(f"{name} {text[:12]}", text=text, summary=text)
    build()
    assert LOCAL.ready()
    for typed in QUERIES:
        terms = tuple(parse_box(typed, max_terms=30).terms)
        if not terms:
            continue
        if all(t.negated for t in terms):
            continue  # the search layer asks for what such a query must not match
        found = LOCAL.find(local_query(terms))
        assert set(found) == _pg_ids(terms), typed


PIECES = st.sampled_from(
    ["word", "Word", "café", "cafe", "-", "'", "’", "/", ".", ",", "3", "14", "e", "mail",
     "東京", "x", "@", " ", " ", " ", "_", "ß", "İ", "ς", "½", "<b>", "&amp;", "1.2.3"]
)  # fmt: skip
DOCUMENT = st.lists(PIECES, min_size=1, max_size=30).map("".join)


def _both(texts: list[str], typed: str, *, backwards=True) -> tuple[set[int], set[int]]:
    """Which texts (1-based; title, then the text backwards as the story) the query matches
    in PostgreSQL and in a local file made from PostgreSQL's tsvectors of them."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE IF NOT EXISTS parity (work_id int, document tsvector)")
        cursor.execute("TRUNCATE parity")
        cursor.executemany(
            "INSERT INTO parity VALUES (%s, setweight(to_tsvector('simple', %s), 'A') || "
            "setweight(to_tsvector('simple', %s), 'D'))",
            [(i + 1, text, text[::-1] if backwards else "") for i, text in enumerate(texts)],
        )
        rows = streams_of(cursor, list(range(1, len(texts) + 1)), table="parity")
        terms = tuple(parse_box(typed, max_terms=1000).terms)
        cursor.execute(
            "SELECT work_id FROM parity WHERE document @@ to_tsquery('simple', %s)",
            [tsquery(terms)],
        )
        expected = {row[0] for row in cursor.fetchall()}
    local = sqlite3.connect(":memory:")
    local.execute(CREATE_TABLE)
    local.executemany(
        "INSERT INTO search_fts (rowid, title, creator, body) VALUES (?, ?, ?, ?)", rows
    )
    query = local_query(terms)  # "": every word is one PostgreSQL drops, nothing matches
    found = (
        query
        and local.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ?", [query]
        ).fetchall()
    )
    return expected, {row[0] for row in found or ()}


@postgres_only
@pytest.mark.django_db
@hypothesis_settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
@given(texts=st.lists(DOCUMENT, min_size=1, max_size=4), query=DOCUMENT)
def test_any_text_and_query_match_alike_in_postgresql_and_the_local_file(texts, query):
    """Tokens of every kind, straight through to_tsvector: a query's words match a text in
    the local file exactly when PostgreSQL matches them (phrases and title: too)."""
    for typed in (query, f'"{query}"', f'title:"{query}"'):
        terms = parse_box(typed, max_terms=1000).terms
        if not terms or any(t.negated for t in terms):
            continue
        expected, found = _both(texts, typed)
        assert found == expected, (texts, typed)


LONG = " ".join(f"w{i}" for i in range(16_390))


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("texts", "typed", "matches"),
    [
        (["the end " * 300], '"the end"', {1}),  # occurrences past the 256th are not kept
        (["alpha " * 300 + "omega"], '"alpha omega"', set()),  # ... so no phrase reaches them
        ([LONG], '"w100 w101"', {1}),
        ([LONG], '"w16380 w16381"', {1}),
        ([LONG], '"w16381 w16382"', {1}),  # 16,382 and 16,383: the last positions
        ([LONG], '"w16383 w16384"', set()),  # both at position 16,383
        ([LONG], '"w16384 w16385"', set()),
        ([LONG + " café"], "café", {1}),
    ],
)
def test_long_stories_match_alike_where_postgresql_stops_counting(texts, typed, matches):
    expected, found = _both(texts, typed, backwards=False)
    assert expected == found == matches


@postgres_only
@pytest.mark.django_db
def test_where_the_local_file_differs_a_phrase_into_the_last_position():
    """Every word past the 16,383rd sits at position 16,383 in PostgreSQL, so a phrase from
    the word at 16,382 to any of them matches there; the local file has them one after
    another (GAP between), so only the first follows the word at 16,382 (local_text.py)."""
    assert _both([LONG], '"w16381 w16385"', backwards=False) == ({1}, set())


@postgres_only
def test_a_stale_file_catches_up_with_works_saved_since(make_work, local_home):
    make_work("Lighthouse keeper", text="Marmalade at dawn.")
    build()
    assert LOCAL.ready()
    later = make_work("Quillfeather", text="Marmalade again, and a kestrel.")
    result = search_works(viewer=None, query=parse_box_query("kestrel"))
    assert [w.pk for w in result.works] == [later.pk]
    assert set(LOCAL.find(local_query(parse_box("marmalade", max_terms=5).terms))) == {
        w.pk for w in Work.objects.all()
    }
    Work.objects.filter(pk=later.pk).update(title="Windmill")
    index_works(work_ids=[later.pk])
    assert set(LOCAL.find(local_query(parse_box("title:windmill", max_terms=5).terms))) == {
        later.pk
    }


@postgres_only
def test_a_file_too_far_behind_is_not_used(make_work, local_home, settings):
    make_work("Lighthouse keeper", text="Marmalade at dawn.")
    build()
    settings.FANSHELF_SEARCH_LOCAL_TEXT_CATCHUP_WORKS = 1
    later = [make_work(f"Kestrel {n}", text="A kestrel at dusk.") for n in range(2)]
    assert not LOCAL.ready()  # two works changed since: built anew, PostgreSQL answers meanwhile
    found = search_works(viewer=None, query=parse_box_query("kestrel")).works
    assert sorted(w.pk for w in found) == sorted(w.pk for w in later)


def parse_box_query(text):
    from fanshelf.search.forms import SearchForm

    form = SearchForm({"q": text})
    assert form.is_valid(), form.errors
    return form.search_query()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_missing_or_damaged_file_falls_back_to_postgresql_and_is_built_again(
    make_work, local_home
):
    work = make_work("Kestrel", text="Marmalade at dawn.")
    LOCAL.auto_build = True
    assert current_file() is None
    assert [w.pk for w in search_works(viewer=None, query=parse_box_query("dawn")).works] == [
        work.pk
    ]  # PostgreSQL answers meanwhile
    LOCAL.builder.join(timeout=60)
    assert LOCAL.ready()
    first = current_file()
    first.write_bytes(b"this is not a database" * 1000)
    LOCAL._close()
    assert [w.pk for w in search_works(viewer=None, query=parse_box_query("kestrel")).works] == [
        work.pk
    ]
    LOCAL.builder.join(timeout=60)
    assert current_file() != first
    assert LOCAL.ready()
    assert set(LOCAL.find(local_query(parse_box("marmalade", max_terms=5).terms))) == {work.pk}


@postgres_only
def test_the_setting_turns_the_local_file_off(make_work, local_home, settings):
    make_work("Kestrel", text="Marmalade at dawn.")
    build()
    settings.FANSHELF_SEARCH_LOCAL_TEXT = False
    assert not LOCAL.ready()
    assert LOCAL.find(local_query(parse_box("kestrel", max_terms=5).terms)) is None


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite archives only")
def test_sqlite_archives_have_no_local_text_file(make_work, local_home, capsys):
    make_work("Kestrel", text="Marmalade at dawn.")
    call_command("reindex", "--local-text")
    assert "nothing to build" in capsys.readouterr().out
    assert not LOCAL.ready()
    assert not (local_home / "search-text").exists()
    assert [w.title for w in search_works(viewer=None, query=parse_box_query("marmalade")).works]
