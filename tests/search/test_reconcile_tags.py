"""Reconciliation finds works whose index entry is behind on their tags alone (a lost re-index
job after a tagging or wrangling change), and the re-index it queues brings them back."""

from django.contrib.auth.models import AnonymousUser

from fanshelf.search.query import SearchQuery, parse_terms
from fanshelf.search.selectors import search_works
from fanshelf.search.tasks import reconcile_index
from fanshelf.tags import services as tag_services
from fanshelf.tags.models import TagType


def found(words: str) -> list[str]:
    query = SearchQuery(terms=parse_terms(words, max_terms=5))
    return [w.title for w in search_works(viewer=AnonymousUser(), query=query).works]


def test_a_tag_added_while_its_reindex_job_was_lost_is_found_and_repaired(make_work, tag):
    work = make_work("Lighthouse Keepers", tags=[tag("Tea", TagType.FREEFORM)])
    assert reconcile_index.call_local() == 0
    # The author accepts a suggested tag; the re-index job queued after the commit is lost.
    tag_services.work_set_tags(
        work=work,
        rating="General Audiences",
        warnings=["No Archive Warnings Apply"],
        fandoms=["Original Work"],
        freeforms=["Tea", "Foghorns"],
    )
    assert found("foghorns") == []
    assert reconcile_index.call_local() == 1
    assert found("foghorns") == ["Lighthouse Keepers"]
    assert reconcile_index.call_local() == 0


def test_a_renamed_tag_whose_reindex_job_was_lost_is_repaired(make_work, tag, wrangler):
    make_work("Harbour Lights", tags=[tag("Lantern Festival", TagType.FREEFORM)])
    make_work("Quiet Shore")
    renamed = tag("Lantern Festival", TagType.FREEFORM)
    tag_services.tag_rename(tag=renamed, name="Festival of Lanterns", user=wrangler)
    assert reconcile_index.call_local() == 1
    assert found("festival of lanterns") == ["Harbour Lights"]


def test_a_new_unwrangled_tag_alone_reindexes_the_work(
    make_work, tag, django_capture_on_commit_callbacks
):
    work = make_work("Lighthouse Keepers")
    tags = {
        "rating": "General Audiences",
        "warnings": ["No Archive Warnings Apply"],
        "fandoms": ["Original Work"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        tag_services.work_set_tags(work=work, **tags)
    with django_capture_on_commit_callbacks(execute=True):
        tag_services.work_set_tags(work=work, **tags, freeforms=["Foghorns at Dawn"])
    assert not tag("Foghorns at Dawn").canonical  # found under no filter: only its name
    assert found("foghorns") == ["Lighthouse Keepers"]
    assert reconcile_index.call_local() == 0
