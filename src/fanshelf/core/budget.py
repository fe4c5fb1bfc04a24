"""A time budget for the text processing of one request or one imported file.

Parsing and sanitizing are linear and bounded, so the budget is a backstop: each step that
processes text (an import, each sanitizer call) first checks that the budget is not spent, and
the request is refused with a clear message instead of holding a worker for minutes.
"""

from __future__ import annotations

import contextvars
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "fanshelf_text_deadline", default=None
)


class TextBudgetSpent(ValidationError):
    pass


@contextmanager
def text_budget(seconds: float | None = None):
    """Give the text processing inside the block `seconds` in all (default
    FANSHELF_TEXT_BUDGET_SECONDS)."""
    limit = settings.FANSHELF_TEXT_BUDGET_SECONDS if seconds is None else seconds
    token = _deadline.set(time.monotonic() + limit)
    try:
        yield
    finally:
        _deadline.reset(token)


def spend_text_budget() -> None:
    """Raise TextBudgetSpent when the current budget's time is up."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise TextBudgetSpent(
            "This text took too long to process "
            f"(the limit is {settings.FANSHELF_TEXT_BUDGET_SECONDS:g} seconds). "
            "Post it in smaller parts, or simplify its formatting.",
            code="too_slow",
        )


class TextBudgetMiddleware:
    """Every request gets its own text-processing budget."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with text_budget():
            return self.get_response(request)
