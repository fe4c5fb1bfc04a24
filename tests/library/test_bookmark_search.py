from django.urls import reverse

from fanshelf.library import bookmark_services as services
from fanshelf.library.bookmark_selectors import BookmarkQuery, search_bookmarks
from fanshelf.search.query import SearchQuery
from fanshelf.tags.models import TagType


def _titles(viewer, **query):
    tags = SearchQuery(include=query.pop("include", ()), exclude=query.pop("exclude", ()))
    result = search_bookmarks(viewer=viewer, query=BookmarkQuery(tags=tags, **query))
    return sorted(b.item.title for b in result.bookmarks)


def test_the_items_tags_filter_with_canonical_semantics(reader, canonical, post_work):
    canonical("Hurt/Comfort", synonyms=["hurt and comfort"])
    post_hc = post_work("Tagged with the synonym", freeforms=["hurt and comfort"])
    post_plain = post_work("Untagged")
    services.bookmark_create(user=reader, work=post_hc)
    services.bookmark_create(user=reader, work=post_plain)
    assert _titles(reader, include=("Hurt/Comfort",)) == ["Tagged with the synonym"]
    assert _titles(reader, include=("hurt and comfort",)) == ["Tagged with the synonym"]
    assert _titles(reader, exclude=("Hurt/Comfort",)) == ["Untagged"]


def test_an_unknown_include_tag_finds_nothing_and_says_why(reader, post_work):
    services.bookmark_create(user=reader, work=post_work())
    result = search_bookmarks(
        viewer=reader, query=BookmarkQuery(tags=SearchQuery(include=("No Such Tag",)))
    )
    assert result.total == 0 and "No tag named" in result.notices[0]


def test_bookmarkers_tags_recs_notes_and_bookmarker_narrow_the_search(reader, make_user, post_work):
    other = make_user("other")
    first, second, third = post_work("First"), post_work("Second"), post_work("Third")
    services.bookmark_create(user=reader, work=first, tags=["comfort read"], notes="cosy night")
    services.bookmark_create(user=reader, work=second, rec=True, notes="a storm at sea")
    services.bookmark_create(user=other, work=third, tags=["Comfort Read"])
    assert _titles(reader, bookmarker_tags=("comfort read",)) == ["First", "Third"]
    assert _titles(reader, rec_only=True) == ["Second"]
    from fanshelf.search.query import parse_terms

    assert _titles(reader, notes_terms=parse_terms("storm", max_terms=5)) == ["Second"]
    assert _titles(reader, notes_terms=parse_terms("-storm", max_terms=5)) == ["First", "Third"]
    assert _titles(reader, bookmarker="OTHER") == ["Third"]


def test_external_and_series_bookmarks_are_found_by_their_tags(reader, author, post_work):
    from fanshelf.works.series_services import series_add_work, series_create

    external = services.external_work_for(
        data=services.ExternalInput(
            url="https://example.org/x", title="Far Away", creator="C", fandoms=["Sherlock Holmes"]
        )
    )
    services.bookmark_create(user=reader, external=external)
    series = series_create(pseuds=[author.default_pseud], editor=author, title="Saga")
    series_add_work(series=series, work=post_work(fandoms=["Sherlock Holmes"]), editor=author)
    services.bookmark_create(user=reader, series=series)
    from fanshelf.tags.models import Tag

    Tag.objects.filter(name="Sherlock Holmes").update(canonical=True)
    from fanshelf.tags.filters import refresh_work_filters

    refresh_work_filters(list(series.works.values_list("pk", flat=True)), announce=False)
    assert _titles(reader, include=("Sherlock Holmes",)) == ["Far Away", "Saga"]


def test_the_search_page_shows_a_facet_sidebar_of_the_bookmarked_works_tags(
    client, reader, canonical, post_work
):
    canonical("Doctor Who", TagType.FANDOM)
    services.bookmark_create(user=reader, work=post_work("One"), tags=["reread"])
    services.bookmark_create(user=reader, work=post_work("Two"), tags=["reread"])
    page = client.get(reverse("library:bookmarks")).content.decode()
    assert "2 bookmarks found" in page
    assert "Filter results" in page and 'value="Doctor Who"' in page
    assert "Bookmarker's tags" in page and "reread" in page
    assert 'name="sort"' not in page  # newest first: no sort order to choose, no empty list
    filtered = client.get(reverse("library:bookmarks") + "?exclude_tag=Doctor+Who")
    assert "0 bookmarks found" in filtered.content.decode()


def test_a_users_bookmarks_page_lists_only_theirs(client, reader, make_user, post_work):
    other = make_user("other")
    services.bookmark_create(user=reader, work=post_work("Mine"))
    services.bookmark_create(user=other, work=post_work("Theirs"))
    page = client.get(reverse("library:user_bookmarks", args=["reader"])).content.decode()
    assert "Mine" in page and "Theirs" not in page
