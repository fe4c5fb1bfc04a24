"""Downloading a work's file, and the page where readers make their catalogue address."""

import uuid

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from . import collections, services
from .book import book_for, downloadable_work
from .files import (
    FORMATS,
    ConversionFailed,
    available_formats,
    file_for,
    file_name,
    made_file,
    made_in_background,
)
from .models import OpdsToken
from .opds import catalogue_viewer
from .tasks import make_file, note_download


def download(request, work_id, extension, token=None):
    viewer = catalogue_viewer(request, token)
    if extension not in {f.extension for f in available_formats()}:
        raise Http404("Works can't be downloaded in that format here.")
    work = downloadable_work(viewer=viewer, work_id=work_id)
    book = book_for(work)
    if made_in_background(book, extension) and not made_file(book, extension):
        making = f"downloads:making:{work.pk}:{book.fingerprint}.{extension}"
        if cache.add(making, True, settings.FANSHELF_DOWNLOAD_LOCK_SECONDS):  # one job at a time
            make_file(work.pk, extension)
        if not made_file(book, extension):  # (jobs run inline in tests and one-off scripts)
            return _preparing(request, work, extension)
    try:
        try:
            handle = file_for(book, extension).open("rb")
        except FileNotFoundError:  # replaced by a newer revision between the two steps
            handle = file_for(book_for(work), extension).open("rb")
    except ConversionFailed:
        return _conversion_failed(request, work, extension)
    if not any(p.user_id == getattr(viewer, "pk", None) for p in work.pseuds.all()):
        note_download(work.pk, str(uuid.uuid4()))
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=file_name(book, extension),
        content_type=FORMATS[extension].media_type,
    )
    # Restricted works' files must not sit in shared caches.
    response["Cache-Control"] = "private, no-cache" if work.restricted else "public, no-cache"
    return response


def _preparing(request, work, extension):
    response = render(
        request,
        "downloads/preparing.html",
        {"work": work, "format": FORMATS[extension], "retry_seconds": 30},
        status=202,
    )
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def _conversion_failed(request, work, extension):
    response = render(
        request,
        "downloads/conversion_failed.html",
        {"work": work, "format": FORMATS[extension]},
        status=503,
    )
    response["Cache-Control"] = "no-store"
    return response


def _epub_response(collect, file_of, *, private: bool) -> FileResponse:
    """The EPUB of the collection `collect()` gathers, made (or found made) by `file_of`."""
    collection = collect()
    try:
        handle = file_of(collection).open("rb")
    except FileNotFoundError:  # replaced by a newer revision between the two steps
        handle = file_of(collect()).open("rb")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=file_name(collection, "epub"),
        content_type="application/epub+zip",
    )
    response["Cache-Control"] = "private, no-cache" if private else "public, no-cache"
    return response


def series_download(request, series_id, token=None):
    """One EPUB of every work of the series this reader may download, in order."""
    viewer = catalogue_viewer(request, token)
    return _epub_response(
        lambda: collections.series_collection(viewer=viewer, series_id=series_id),
        lambda found: collections.series_file(found, series_id=series_id, viewer=viewer),
        private=viewer is not None and viewer.is_authenticated,
    )


def marked_download(request, token=None):
    """One EPUB of the reader's marked-for-later list."""
    viewer = catalogue_viewer(request, token)
    if not viewer.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _epub_response(
        lambda: collections.marked_collection(user=viewer),
        lambda found: collections.marked_file(found, user=viewer),
        private=True,
    )


@require_http_methods(["GET", "POST"])
def opds_token(request):
    """How to add the catalogue to an e-reader; readers whose e-reader can't log in make a
    secret catalogue address here."""
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    address = None
    if request.method == "POST":
        token = services.opds_token_reset(user=request.user)
        address = request.build_absolute_uri(reverse("downloads:opds_u_root", args=[token]))
    has_token = (
        request.user.is_authenticated and OpdsToken.objects.filter(user=request.user).exists()
    )
    return render(
        request,
        "downloads/opds_token.html",
        {"address": address, "has_token": has_token},
    )
