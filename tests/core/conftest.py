import pytest

from .live import LiveArchive


@pytest.fixture
def live_archive(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        archive = LiveArchive(tmp_path / "archive")
    yield archive
    with django_db_blocker.unblock():
        archive.close()
