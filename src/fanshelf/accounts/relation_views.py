"""Blocking and muting from a profile page and from the preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import relations
from .models import User
from .selectors import blocked_users, muted_users

_ACTIONS = {
    "block": (relations.block_create, "blocker", "blocked", "You blocked {name}."),
    "unblock": (relations.block_delete, "blocker", "blocked", "You unblocked {name}."),
    "mute": (relations.mute_create, "muter", "muted", "You muted {name}."),
    "unmute": (relations.mute_delete, "muter", "muted", "You unmuted {name}."),
}


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def relation_change(request, username, action):
    if action not in _ACTIONS:
        return redirect("accounts:profile", username)
    other = get_object_or_404(User, username=username)
    service, me, them, done = _ACTIONS[action]
    try:
        service(**{me: request.user, them: other})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done.format(name=other.username))
    return _back(request, other.get_absolute_url())


@login_required
def relations_page(request):
    return render(
        request,
        "accounts/relations.html",
        {"blocked": blocked_users(request.user), "muted": muted_users(request.user)},
    )
