"""Downloading a work's file, and the page where readers make their catalogue address."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from . import services
from .book import book_for, downloadable_work
from .files import FORMATS, available_formats, file_for, file_name
from .models import OpdsToken
from .opds import catalogue_viewer
from .tasks import note_download


def download(request, work_id, extension, token=None):
    viewer = catalogue_viewer(request, token)
    if extension not in {f.extension for f in available_formats()}:
        raise Http404("Works can't be downloaded in that format here.")
    work = downloadable_work(viewer=viewer, work_id=work_id)
    book = book_for(work)
    try:
        handle = file_for(book, extension).open("rb")
    except FileNotFoundError:  # replaced by a newer revision between the two steps
        handle = file_for(book_for(work), extension).open("rb")
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


@login_required
@require_http_methods(["GET", "POST"])
def opds_token(request):
    """Readers whose e-reader can't log in make a secret catalogue address here."""
    address = None
    if request.method == "POST":
        token = services.opds_token_reset(user=request.user)
        address = request.build_absolute_uri(reverse("downloads:opds_u_root", args=[token]))
    has_token = OpdsToken.objects.filter(user=request.user).exists()
    return render(
        request,
        "downloads/opds_token.html",
        {"address": address, "has_token": has_token},
    )
