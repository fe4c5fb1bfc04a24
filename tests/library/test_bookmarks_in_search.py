from fanshelf.library import bookmark_services as services
from fanshelf.search.query import IntRange, SearchQuery, Sort
from fanshelf.search.selectors import search_works
from fanshelf.search.services import index_works, refresh_counters


def test_bookmark_counts_reach_the_index_for_sorting_and_ranges(reader, make_user, post_work):
    quiet, loved = post_work("Quiet"), post_work("Loved")
    index_works(work_ids=[quiet.pk, loved.pk])
    services.bookmark_create(user=reader, work=loved)
    services.bookmark_create(user=make_user("fan"), work=loved)
    services.bookmark_create(user=make_user("shy"), work=quiet, private=True)
    assert refresh_counters() == 1  # the counter refresh job copies public bookmarks only
    by_bookmarks = search_works(viewer=reader, query=SearchQuery(sort=Sort.BOOKMARKS))
    assert [w.title for w in by_bookmarks.works] == ["Loved", "Quiet"]
    ranged = search_works(viewer=reader, query=SearchQuery(ranges={"bookmarks": IntRange(low=2)}))
    assert [w.title for w in ranged.works] == ["Loved"]
