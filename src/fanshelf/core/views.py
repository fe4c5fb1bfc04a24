"""The site's own error pages: 400, 403, 404 and 500 in the site's look."""

import logging

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)

_PLAIN_500 = "Something went wrong on our side. Please try again in a moment."


def _message(exception, default: str) -> str:
    """Http404 and PermissionDenied raised by our views carry a message meant for the reader;
    Django's own (the URL resolver's dict, an empty one) do not."""
    message = exception.args[0] if exception is not None and exception.args else None
    return message if isinstance(message, str) and message else default


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    message = _message(exception, "You don't have permission to open this page.")
    return render(request, "403.html", {"message": message}, status=403)


def csrf_failure(request, reason=""):
    message = (
        "The form had expired or came from another site. Go back, reload the page and try again."
    )
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request, exception=None):
    message = _message(exception, "There is nothing here, or you can't see it.")
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request):
    """Rendered without the request's context: the database or the session may be what failed."""
    try:
        return HttpResponseServerError(loader.get_template("500.html").render({}))
    except Exception:  # the page itself must never fail
        logger.exception("The 500 page could not be rendered")
        return HttpResponse(_PLAIN_500, status=500, content_type="text/plain; charset=utf-8")
