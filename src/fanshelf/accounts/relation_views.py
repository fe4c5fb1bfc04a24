"""Blocking and muting from a profile page and from the preferences."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

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


class RelationByNameForm(forms.Form):
    username = forms.CharField(label="User name", max_length=150)
    action = forms.ChoiceField(choices=[("mute", "Mute"), ("block", "Block")])


@login_required
@require_http_methods(["GET", "POST"])
def relations_page(request):
    """Both lists, each entry with its undo button, and a form to block or mute by name."""
    form = RelationByNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        other = User.objects.filter(username__iexact=form.cleaned_data["username"].strip()).first()
        if other is None:
            form.add_error("username", "No user by that name.")
        else:
            service, me, them, done = _ACTIONS[form.cleaned_data["action"]]
            try:
                service(**{me: request.user, them: other})
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, done.format(name=other.username))
                return redirect("accounts:relations")
    context = {
        "form": form,
        "blocked": blocked_users(request.user),
        "muted": muted_users(request.user),
        "blocks_max": f"{settings.FANSHELF_BLOCKS_MAX:,}",
        "mutes_max": f"{settings.FANSHELF_MUTES_MAX:,}",
    }
    return render(request, "accounts/relations.html", context)
