"""An Atom feed of each tag's newest works, for guests: what the tag's listing shows a reader
who isn't logged in."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.http import urlencode

from fanshelf.core.text import clean_text
from fanshelf.tags.models import Tag
from fanshelf.tags.names import fold
from fanshelf.works.creators import creator_names

from .query import SearchQuery, Sort
from .selectors import search_works


class TagWorksFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, name):
        return get_object_or_404(Tag, name_lower=fold(name), canonical=True)

    def title(self, tag):
        return f"{tag.name}: newest works on Fanshelf"

    def link(self, tag):
        return reverse("search:search") + "?" + urlencode({"tag": tag.name})

    def subtitle(self, tag):
        return f"Works found under the tag {tag.name}, newest first."

    def items(self, tag):
        query = SearchQuery(include=(tag.name,), sort=Sort.PUBLISHED, facets=False)
        result = search_works(
            viewer=AnonymousUser(), query=query, per_page=settings.FANSHELF_SEARCH_FEED_ITEMS
        )
        return result.works

    # XML can't carry control characters: text stored before input was normalised is cleaned
    # on the way out too, so one old title can't break the feed.
    def item_title(self, work):
        return clean_text(work.title)

    def item_description(self, work):
        return clean_text(strip_tags(work.summary))

    def item_author_name(self, work):
        return clean_text(", ".join(creator_names(work)))

    def item_pubdate(self, work):
        return work.created_at

    def item_updateddate(self, work):
        return work.revised_at
