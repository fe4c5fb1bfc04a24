"""A work or series by someone the reader muted, opened by a direct link, says so and opens
only when asked (and from then on, for that reader's session)."""

from django.shortcuts import render

from fanshelf.accounts.selectors import muted_user_ids

_REMEMBERED = 100  # items per kind a session remembers as shown anyway


def muted_notice(request, *, kind: str, item, users, anonymous: bool = False):
    """The notice page for `item` (a work or a series) when one of `users` (its creators) is
    muted by the reader, or None to show the item."""
    key = f"shown_muted_{kind}"
    shown = request.session.get(key, [])
    if request.GET.get("show_muted") == "1":
        if item.pk not in shown:
            request.session[key] = [*shown[1 - _REMEMBERED :], item.pk]
        return None
    if item.pk in shown or anonymous:  # naming the muted creator would unmask them
        return None
    muted = muted_user_ids(request.user)
    names = sorted({user.username for user in users if user.pk in muted})
    if not names:
        return None
    query = request.GET.copy()
    query["show_muted"] = "1"
    context = {
        "item": item,
        "noun": "series" if kind == "series" else "work",
        "names": names,
        "show_url": f"{request.path}?{query.urlencode()}",
    }
    return render(request, "works/muted.html", context)
