"""`fanshelf backup` then `fanshelf restore` into an empty archive gives the same archive: every
table's rows, the data folder's files and the search results."""

import json

import pytest

from .live import LiveArchive

pytestmark = pytest.mark.django_db

EVERY_TABLE = """
import hashlib, json
from django.db import connection
tables = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names()):
        cursor.execute(f'SELECT * FROM "{table}"')
        rows = sorted(repr(row) for row in cursor.fetchall())
        tables[table] = [len(rows), hashlib.sha256("\\n".join(rows).encode()).hexdigest()]
print(json.dumps(tables))
"""

SEARCHES = """
import json
from django.contrib.auth.models import AnonymousUser
from fanshelf.accounts.models import User
from fanshelf.search.query import SearchQuery, parse_terms
from fanshelf.search.selectors import search_works
results = []
for viewer in (AnonymousUser(), User.objects.get(username="demo")):
    for query in (
        SearchQuery(facets=True),
        SearchQuery(include=("Doctor Who",), facets=True),
        SearchQuery(terms=parse_terms("tea", max_terms=5)),
    ):
        found = search_works(viewer=viewer, query=query)
        facets = [(f.type, [(t.name, t.count) for t in f.tags]) for f in found.facets]
        results.append([found.total, [w.title for w in found.works], facets])
print(json.dumps(results))
"""


def snapshot(archive):
    return json.loads(archive.python(EVERY_TABLE)), json.loads(archive.python(SEARCHES))


def test_a_backup_restores_to_an_identical_archive(live_archive, tmp_path, django_db_blocker):
    live_archive.run("demo", "--no-serve", FANSHELF_JOBS_INLINE="1", timeout=300)
    upload = live_archive.home / "media" / "uploads" / "cover.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text("a cover")
    live_archive.python("from django.conf import settings; print(len(settings.SECRET_KEY))")
    before = snapshot(live_archive)
    assert before[0]["works_work"][0] >= 5 and before[1][0][0] >= 5
    backup = tmp_path / "archive.tar.gz"
    assert "Backed up" in live_archive.run("backup", str(backup))

    with django_db_blocker.unblock():
        restored = LiveArchive(tmp_path / "restored", name="restored", migrate=False)
    try:
        assert "Restored" in restored.run("restore", str(backup))
        assert snapshot(restored) == before
        assert (restored.home / "media" / "uploads" / "cover.txt").read_text() == "a cover"
        assert (restored.home / "secret_key").read_text() == (
            live_archive.home / "secret_key"
        ).read_text()
        refused = restored.run_failing("restore", str(backup))
        assert "not empty" in refused
    finally:
        with django_db_blocker.unblock():
            restored.close()
