"""Applies a user's standing to every request, so no feature can forget it."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse

from .standing import is_banned, is_suspended, standing_message

# Writes a suspended user may still make: leaving, and managing what they see.
_ALLOWED_PREFIXES = ("/logout/", "/preferences/", "/moderation/appeal/")


class AccountStandingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if is_banned(user):
                message = standing_message(user)
                logout(request)
                messages.error(request, message)
                return redirect(reverse("accounts:login"))
            if (
                is_suspended(user)
                and request.method not in ("GET", "HEAD", "OPTIONS")
                and not request.path.startswith(_ALLOWED_PREFIXES)
            ):
                return render(
                    request,
                    "accounts/suspended.html",
                    {"message": standing_message(user)},
                    status=403,
                )
        return self.get_response(request)
