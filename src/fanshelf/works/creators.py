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


def series_has_anonymous_work(series) -> bool:
    """Whether any work of the series is anonymous (read once per series object)."""
    if not hasattr(series, "has_anonymous_work"):
        series.has_anonymous_work = series.works.filter(anonymous=True).exists()
    return series.has_anonymous_work


def series_creators_hidden(series, viewer=None) -> bool:
    """A series holding an anonymous work names no one but to its own creators (as on the
    Archive of Our Own): its byline would otherwise unmask the work."""
    if not series_has_anonymous_work(series):
        return False
    return not (
        viewer is not None
        and viewer.is_authenticated
        and any(pseud.user_id == viewer.pk for pseud in series.pseuds.all())
    )


def series_creator_names(series, viewer=None) -> list[str]:
    if series_creators_hidden(series, viewer):
        return [ANONYMOUS]
    return sorted(str(pseud) for pseud in series.pseuds.all())
