"""Who may see a work reaches the index in the same request, whether or not the worker runs."""

import pytest
from django.contrib.auth.models import AnonymousUser
from huey.contrib.djhuey import HUEY

from fanshelf.search.models import TagCount
from fanshelf.search.query import SearchQuery
from fanshelf.search.selectors import search_works
from fanshelf.works import services as work_services

GUEST = AnonymousUser()


@pytest.fixture
def worker_down(monkeypatch):
    """Jobs are queued and never run, as when no worker is running."""
    queued = []
    monkeypatch.setattr(HUEY, "enqueue", queued.append)
    return queued


def guest_sees(*, include=()):
    result = search_works(viewer=GUEST, query=SearchQuery(include=include, facets=True))
    facet_counts = {tag.name: tag.count for facet in result.facets for tag in facet.tags}
    return result.total, [w.title for w in result.works], facet_counts


def test_a_work_hidden_by_an_admin_leaves_guest_counts_and_facets_at_once(
    make_work, tag, worker_down, django_capture_on_commit_callbacks
):
    fandom = tag("Doctor Who", "fandom")
    make_work("Kept", tags=[fandom])
    hidden = make_work("Hidden", tags=[fandom])
    assert guest_sees(include=("Doctor Who",))[:2] == (2, ["Hidden", "Kept"])
    with django_capture_on_commit_callbacks(execute=True):
        work_services.work_hide(work=hidden)
    total, titles, facets = guest_sees(include=("Doctor Who",))
    assert (total, titles, facets["Doctor Who"]) == (1, ["Kept"], 1)
    assert TagCount.objects.get(tag_id=fandom.pk, audience=2).works == 1
    with django_capture_on_commit_callbacks(execute=True):
        work_services.work_unhide(work=hidden)
    assert guest_sees(include=("Doctor Who",))[:2] == (2, ["Hidden", "Kept"])
    assert TagCount.objects.get(tag_id=fandom.pk, audience=2).works == 2
    assert worker_down, "the full re-index still goes to the worker"


def test_a_work_switched_to_restricted_leaves_guest_counts_while_the_worker_is_down(
    make_work, tag, author, worker_down, django_capture_on_commit_callbacks
):
    fandom = tag("Sherlock Holmes", "fandom")
    work = make_work("Members Only Soon", tags=[fandom])
    make_work("Open", tags=[fandom])
    with django_capture_on_commit_callbacks(execute=True):
        work_services.work_update(work=work, title=work.title, restricted=True)
    total, titles, facets = guest_sees(include=("Sherlock Holmes",))
    assert (total, titles, facets["Sherlock Holmes"]) == (1, ["Open"], 1)
    member = search_works(viewer=author, query=SearchQuery(include=("Sherlock Holmes",)))
    assert member.total == 2
    assert TagCount.objects.get(tag_id=0, audience=2).works == 1
