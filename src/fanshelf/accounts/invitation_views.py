"""The invitation queue for newcomers and the invitations a user can hand out."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from fanshelf.core.models import SiteSettings
from fanshelf.core.selectors import site_settings

from . import invitations


class EmailForm(forms.Form):
    email = forms.EmailField(label="E-mail address")


@require_http_methods(["GET", "POST"])
def request_invitation(request):
    current = site_settings()
    if current.signup_mode != SiteSettings.SignupMode.INVITATION:
        return redirect("accounts:signup")
    form = EmailForm(request.POST or None)
    waiting = None
    if request.method == "POST" and form.is_valid():
        invitations.invite_request_create(email=form.cleaned_data["email"])
        waiting = invitations.queue_length()
        messages.success(
            request,
            "Thank you. Unless this address has had an invitation already, it is in the queue: "
            "we will e-mail the invitation when its turn comes.",
        )
    context = {"form": form, "waiting": waiting, "settings": current}
    return render(request, "accounts/invite_request.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def my_invitations(request):
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = get_object_or_404(
            request.user.invitations, pk=request.POST.get("invitation"), used_by__isnull=True
        )
        try:
            invitations.invitation_send(invitation=invitation, email=form.cleaned_data["email"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Invitation sent to {invitation.sent_to}.")
        return redirect("accounts:invitations")
    own = request.user.invitations.select_related("used_by").order_by("used_at", "pk")
    return render(request, "accounts/invitations.html", {"invitations": own, "form": form})
