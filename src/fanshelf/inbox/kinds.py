"""The registry of notification kinds and the e-mail preference each one follows."""

from dataclasses import dataclass


@dataclass(frozen=True)
class EmailPreference:
    key: str
    label: str
    default: bool


_preferences: dict[str, EmailPreference] = {}
_kind_preference: dict[str, str] = {}


def register_kind(kind: str, *, preference: str, label: str = "", default: bool = True) -> None:
    """Declare a kind of notification and the e-mail preference (on by default or not) it
    follows. The first registration of a preference gives its label and default."""
    if preference not in _preferences:
        if not label:
            raise ValueError(f"the e-mail preference {preference!r} needs a label")
        _preferences[preference] = EmailPreference(preference, label, default)
    _kind_preference[kind] = preference


def preference_of(kind: str) -> EmailPreference:
    try:
        return _preferences[_kind_preference[kind]]
    except KeyError:
        raise ValueError(f"unknown notification kind {kind!r}; register it first") from None


def all_preferences() -> list[EmailPreference]:
    return list(_preferences.values())
