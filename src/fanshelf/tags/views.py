"""Public tag pages and the autocomplete endpoint."""

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from fanshelf.core.listings import listing

from . import selectors
from .models import Tag, TagType


def _tag_or_choice(request, name: str):
    """The tag with this name, or a page letting the reader choose when several types share
    the name (?type= picks one)."""
    tags = selectors.tags_named(name)
    wanted = request.GET.get("type")
    if wanted:
        tags = [t for t in tags if t.type == wanted]
    if not tags:
        raise Http404(f"No tag named “{name}”.")
    if len(tags) > 1:
        return None, render(request, "tags/choose.html", {"name": name, "tags": tags})
    return tags[0], None


def _tag_for_page(request, name: str, view_name: str):
    """(tag, None) for the page to show, or (None, response) when the reader must choose among
    several types or is sent on to a synonym's canonical tag."""
    tag, choice = _tag_or_choice(request, name)
    if choice:
        return None, choice
    if tag.merger_id and not tag.canonical:
        url = reverse(view_name, args=[tag.merger.name])
        if selectors.tags_named(tag.merger.name)[1:]:
            url += f"?type={tag.type}"
        return None, redirect(url)
    return tag, None


@require_GET
def index(request):
    fandoms = Tag.objects.filter(type=TagType.FANDOM, canonical=True).order_by("name")
    page = Paginator(fandoms, 100).get_page(request.GET.get("page"))
    return render(request, "tags/index.html", {"page": page})


@require_GET
def detail(request, name):
    tag, elsewhere = _tag_for_page(request, name, "tags:detail")
    if elsewhere:
        return elsewhere
    page = selectors.tag_page(tag)
    page["work_count"] = listing("tag_work_count")(viewer=request.user, tag=tag)
    return render(request, "tags/detail.html", {"tag": tag, **page})


@require_GET
def works(request, name):
    tag, elsewhere = _tag_for_page(request, name, "tags:works")
    if elsewhere:
        return elsewhere
    return listing("tag_works_response")(request, tag=tag)


@require_GET
def autocomplete(request):
    """?type=relationship&q=twi -> {"results": [{"name": ..., "matched": ...}, ...]}"""
    suggestions = selectors.autocomplete(
        tag_type=request.GET.get("type", ""), prefix=request.GET.get("q", "")
    )
    response = JsonResponse(
        {"results": [{"name": s.name, "matched": s.matched} for s in suggestions]}
    )
    response["Cache-Control"] = "max-age=60"
    return response
