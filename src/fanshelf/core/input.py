"""Every request's text passes core.text.clean_text before any view sees it, and an upload that
is too large is refused from its declared length, before its body is read."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, QueryDict
from django.shortcuts import render

from .text import clean_text

# Passwords are compared, never shown: they are left exactly as typed.
_UNTOUCHED_KEYS = ("password",)


def _cleaned(query: QueryDict) -> QueryDict:
    if all(clean_text(k) == k and clean_text(v) == v for k, vs in query.lists() for v in vs):
        return query
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        keep = any(word in key for word in _UNTOUCHED_KEYS)
        cleaned.setlist(clean_text(key), values if keep else [clean_text(v) for v in values])
    cleaned._mutable = False
    return cleaned


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class InputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if clean_text(request.path_info) != request.path_info:
            raise Http404("No page has an address with control characters in it.")
        limit = settings.FANSHELF_UPLOAD_REQUEST_MAX_BYTES
        length = _declared_length(request)
        if request.content_type == "multipart/form-data" and length > limit:
            return render(
                request,
                "core/too_large.html",
                {"length": length, "limit": settings.FANSHELF_UPLOAD_MAX_BYTES},
                status=413,
            )
        request.GET = _cleaned(request.GET)
        if request.method == "POST":
            request.POST = _cleaned(request.POST)
        return self.get_response(request)
