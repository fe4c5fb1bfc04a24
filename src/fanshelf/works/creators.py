"""Who a reader is shown as a work's creators. An anonymous work names "Anonymous" to everyone
but its own creators, who see their names marked as anonymous; every page, feed, download and
notification that names a work's creators asks here."""

from __future__ import annotations

from .selectors import is_creator

ANONYMOUS = "Anonymous"
# What a creator's comment on their own anonymous work is signed with.
ANONYMOUS_CREATOR = "Anonymous Creator"


def creators_hidden(work, viewer=None) -> bool:
    """True when `viewer` (None: anyone, as in a download or a guest's feed) must not learn
    who wrote the work."""
    return work.anonymous and not is_creator(viewer=viewer, work=work)


def creator_names(work, viewer=None) -> list[str]:
    """The names to show `viewer` as the work's creators, in pseud order."""
    if creators_hidden(work, viewer):
        return [ANONYMOUS]
    return [str(pseud) for pseud in work.pseuds.all()]
