"""Limits on guessing and flooding, counted in the shared cache (django-ratelimit): every limit is
a named setting, and a request over one gets a readable 429 page.

- every request: FANSHELF_RATE_REQUESTS per address;
- log-in (the site's and /admin/login/): FANSHELF_RATE_LOGIN per address and per account;
- password reset: FANSHELF_RATE_PASSWORD_RESET per account (the address asked for);
- sign-up: FANSHELF_RATE_SIGNUP per address.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import _split_rate, get_usage

from .text import fold


def client_address(request) -> str:
    """The reader's address: REMOTE_ADDR, or behind a reverse proxy the last address it added
    to FANSHELF_CLIENT_IP_HEADER (e.g. X-Forwarded-For)."""
    header = settings.FANSHELF_CLIENT_IP_HEADER
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        forwarded = [a.strip() for a in request.META.get(meta_key, "").split(",") if a.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def _posted(field: str):
    """The posted account name or address, folded as names are (NFKC, case, invisible
    characters): the log-in form reads "ａｕｔｈｏｒ" as "author", so both count as one account."""

    def key(group, request) -> str:
        return fold(request.POST.get(field, ""))

    return key


@dataclass(frozen=True)
class Limit:
    group: str
    setting: str  # the name of the setting that holds the rate, e.g. "5/20s"
    key: object  # "ip" or key(group, request)
    what: str  # for the reader: "log-in attempts"

    @property
    def rate(self) -> str:
        return getattr(settings, self.setting)


REQUESTS = Limit("requests", "FANSHELF_RATE_REQUESTS", "ip", "requests")
LOGIN_BY_ADDRESS = Limit("login-address", "FANSHELF_RATE_LOGIN", "ip", "log-in attempts")
LOGIN_BY_ACCOUNT = Limit(
    "login-account", "FANSHELF_RATE_LOGIN", _posted("username"), "log-in attempts"
)
# Posted forms whose every try counts, by the view that receives them.
POST_LIMITS = {
    "accounts:login": (LOGIN_BY_ADDRESS, LOGIN_BY_ACCOUNT),
    "admin:login": (LOGIN_BY_ADDRESS, LOGIN_BY_ACCOUNT),
    "accounts:password_reset": (
        Limit("password-reset", "FANSHELF_RATE_PASSWORD_RESET", _posted("email"), "reset e-mails"),
    ),
    "accounts:signup": (Limit("signup", "FANSHELF_RATE_SIGNUP", "ip", "sign-ups"),),
}


def _over(request, limit: Limit) -> dict | None:
    usage = get_usage(request, group=limit.group, key=limit.key, rate=limit.rate, increment=True)
    if usage is not None and usage["should_limit"]:
        return usage
    return None


def duration(seconds: int) -> str:
    """20 -> "20 seconds", 3600 -> "1 hour", 43200 -> "12 hours"."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if (seconds >= size and seconds % size == 0) or seconds >= 2 * size:
            seconds, name = round(seconds / size), unit
            break
    else:
        name = "second"
    return f"{seconds} {name}{'' if seconds == 1 else 's'}"


def _too_many(request, limit: Limit, usage: dict):
    count, period = _split_rate(limit.rate)
    wait = max(1, usage["time_left"])
    context = {"what": limit.what, "count": count, "period": duration(period)}
    response = render(
        request, "core/rate_limited.html", {**context, "wait": duration(wait)}, status=429
    )
    response["Retry-After"] = str(wait)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        usage = _over(request, REQUESTS)
        if usage is not None:
            return _too_many(request, REQUESTS, usage)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        for limit in POST_LIMITS.get(request.resolver_match.view_name, ()):
            usage = _over(request, limit)
            if usage is not None:
                return _too_many(request, limit, usage)
        return None
