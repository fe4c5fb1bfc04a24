"""The OPDS 1.2 catalogue: Atom feeds e-reader apps browse, search and download from.

Every listing comes from the search layer (works_listing), so a feed holds exactly what the same
reader would see on the site. At /opds/ the reader is whoever is logged in (a guest, for most
e-readers); at /opds/u/<token>/ it is the reader the token belongs to.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.http import urlencode

from fanshelf.search.browse import fandoms_with_counts
from fanshelf.search.listing import works_listing
from fanshelf.tags.models import Tag, TagType
from fanshelf.works.creators import creator_names

from .files import available_formats
from .selectors import user_for_opds_token

ATOM = "application/atom+xml"
NAVIGATION = f"{ATOM};profile=opds-catalog;kind=navigation"
ACQUISITION = f"{ATOM};profile=opds-catalog;kind=acquisition"
TAG_SCHEME = "urn:fanshelf:tag-type:"


def catalogue_viewer(request, token):
    if token is None:
        return request.user
    user = user_for_opds_token(token)
    if user is None:
        raise Http404("This catalogue address is no longer valid; make a new one.")
    return user


class Links:
    """Absolute addresses inside the catalogue the reader is browsing (with or without a
    token)."""

    def __init__(self, request, token):
        self.request, self.token = request, token

    def __call__(self, name: str, *args, query: dict | None = None) -> str:
        if self.token is None:
            path = reverse(f"downloads:opds_{name}", args=args)
        else:
            path = reverse(f"downloads:opds_u_{name}", args=[self.token, *args])
        if query:
            path += "?" + urlencode(query)
        return self.request.build_absolute_uri(path)


def render_feed(
    request, token, *, kind, title, feed_id, self_query=None, entries, page=None, up=None
):
    links = Links(request, token)
    response = render(
        request,
        "downloads/opds/feed.xml",
        {
            "kind": NAVIGATION if kind == "navigation" else ACQUISITION,
            "navigation_type": NAVIGATION,
            "title": title,
            "feed_id": f"urn:fanshelf:opds:{feed_id}",
            "updated": timezone.now(),
            "self_url": request.build_absolute_uri(),
            "start_url": links("root"),
            "up_url": up,
            "search_url": links("opensearch"),
            "next_url": _page_link(request, page, +1),
            "previous_url": _page_link(request, page, -1),
            "entries": entries,
        },
        content_type=(NAVIGATION if kind == "navigation" else ACQUISITION) + "; charset=utf-8",
    )
    return response


def _page_link(request, page, step):
    if page is None:
        return None
    if (step > 0 and not page.has_next()) or (step < 0 and not page.has_previous()):
        return None
    params = request.GET.copy()
    params["page"] = page.number + step
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def navigation_entry(title, url, summary, entry_id, kind=ACQUISITION):
    return {"navigation": True, "title": title, "url": url, "summary": summary,
            "id": f"urn:fanshelf:opds:{entry_id}", "kind": kind}  # fmt: skip


def work_entry(request, links, work):
    def download(extension):
        if links.token is None:
            path = reverse("downloads:download", args=[work.pk, extension])
        else:
            path = reverse("downloads:opds_u_download", args=[links.token, work.pk, extension])
        return request.build_absolute_uri(path)

    tags = [tagging.tag for tagging in work.taggings.all()]
    return {
        "title": work.title,
        "id": f"urn:fanshelf:work:{work.pk}",
        "updated": work.revised_at,
        "issued": work.published_on,
        "language": work.language,
        # Files and feeds name the same creators for every reader (see book_for).
        "authors": creator_names(work),
        "summary": strip_tags(work.summary),
        "categories": sorted(
            ((TAG_SCHEME + tag.type, tag.name) for tag in tags), key=lambda c: c[1].casefold()
        ),
        "acquisitions": [(download(f.extension), f.media_type) for f in available_formats()],
        "page_url": request.build_absolute_uri(work.get_absolute_url()),
        "words": work.word_count,
        "chapters": work.chapters_display,
    }


def _works_feed(request, token, *, params, title, feed_id, tag=None, up=None):
    viewer = catalogue_viewer(request, token)
    form, result = works_listing(viewer=viewer, params=params, tag=tag)
    if result is None:
        raise Http404("; ".join(str(e) for errors in form.errors.values() for e in errors))
    links = Links(request, token)
    entries = [work_entry(request, links, work) for work in result.works]
    return render_feed(
        request, token, kind="acquisition", title=title, feed_id=feed_id, entries=entries,
        page=result.page, up=up or links("root"),
    )  # fmt: skip


def root(request, token=None):
    from .opds_shelves import shelf_entries  # the shelves' module builds on this one

    viewer = catalogue_viewer(request, token)
    links = Links(request, token)
    entries = [
        navigation_entry("Recent works", links("recent"), "Works newly posted or updated.",
                          "recent"),
        navigation_entry("Fandoms", links("fandoms"), "Every fandom with works, A to Z.",
                          "fandoms", kind=NAVIGATION),
        navigation_entry("Series", links("series_index"), "Series, newest first.", "series",
                         kind=NAVIGATION),
        *shelf_entries(request, token, viewer),
    ]  # fmt: skip
    return render_feed(
        request, token, kind="navigation", title="Fanshelf", feed_id="root", entries=entries
    )


def recent(request, token=None):
    params = {"sort": "updated", "page": request.GET.get("page", "1")}
    return _works_feed(request, token, params=params, title="Recent works", feed_id="recent")


def navigation_feed(request, token, items, *, title, feed_id, entry):
    """A paginated navigation feed with one entry per item, made by `entry(item, links)`."""
    links = Links(request, token)
    page = Paginator(items, settings.FANSHELF_WORKS_PER_PAGE).get_page(request.GET.get("page"))
    return render_feed(
        request, token, kind="navigation", title=title, feed_id=feed_id,
        entries=[entry(item, links) for item in page], page=page, up=links("root"),
    )  # fmt: skip


def fandoms(request, token=None):
    """Fandoms with works this reader may open that their own filters leave in, A to Z."""
    viewer = catalogue_viewer(request, token)
    found = [entry.tag for _, group in fandoms_with_counts(viewer=viewer) for entry in group]
    return navigation_feed(
        request, token, found, title="Fandoms", feed_id="fandoms",
        entry=lambda tag, links: navigation_entry(
            tag.name, links("tag", tag.name), f"Works in {tag.name}.", f"tag:{tag.pk}"
        ),
    )  # fmt: skip


def tag_works(request, name, token=None):
    tag = Tag.objects.filter(name__iexact=name).select_related("merger").first()
    if tag is not None and not tag.canonical:
        tag = tag.merger
    if tag is None or not tag.canonical:
        raise Http404(f"No tag named “{name}” lists works.")
    params = {"sort": "updated", "page": request.GET.get("page", "1")}
    return _works_feed(
        request, token, params=params, title=tag.name, feed_id=f"tag:{tag.pk}", tag=tag,
        up=Links(request, token)("fandoms") if tag.type == TagType.FANDOM else None,
    )  # fmt: skip


def search(request, token=None):
    words = request.GET.get("q", "").strip()
    params = {"q": words, "page": request.GET.get("page", "1")}
    return _works_feed(
        request, token, params=params, title=f"Search: {words}" if words else "Search",
        feed_id=f"search:{quote(words)}",
    )  # fmt: skip


def opensearch(request, token=None):
    catalogue_viewer(request, token)
    template = Links(request, token)("search") + "?q={searchTerms}"
    return render(
        request,
        "downloads/opds/opensearch.xml",
        {"template": template, "type": ACQUISITION},
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
