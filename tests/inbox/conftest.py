import pytest

from fanshelf.inbox import kinds


@pytest.fixture
def note_kind(monkeypatch):
    """A kind of notification registered for the test only (the registry is restored after)."""
    monkeypatch.setattr(kinds, "_preferences", dict(kinds._preferences))
    monkeypatch.setattr(kinds, "_kind_preference", dict(kinds._kind_preference))
    kinds.register_kind("note", preference="note_emails", label="E-mail me notes")
    kinds.register_kind("note_digest", preference="note_digest", label="Daily note digest")
    return "note"
