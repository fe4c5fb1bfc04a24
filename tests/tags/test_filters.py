"""Filter links: a work is found under the canonical form of each tag and every meta above."""

import pytest

from fanshelf.tags import filters, services
from fanshelf.tags.models import FilterTagging, Tag, Tagging, TagType
from fanshelf.tags.signals import work_filters_changed

from .conftest import filter_names, tag_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def doctors(make_tag):
    the_doctor = make_tag("The Doctor (Doctor Who)")
    twelfth = make_tag("Twelfth Doctor")
    make_tag("Twelve", canonical=False, merger=twelfth)
    services.tag_add_meta(tag=twelfth, meta=the_doctor, user=None)
    return the_doctor, twelfth


def test_a_synonym_is_found_under_its_canonical_tag_and_inherited_metas(doctors, make_work):
    work = make_work(characters=["Twelve"])
    rows = {f.filter.name: f.inherited for f in work.filter_taggings.select_related("filter")}
    assert rows["Twelfth Doctor"] is False
    assert rows["The Doctor (Doctor Who)"] is True
    assert "Twelve" not in rows


def test_a_meta_tags_works_include_its_sub_tags_works_transitively(doctors, make_tag, make_work):
    the_doctor = doctors[0]
    time_lords = make_tag("Time Lords")
    services.tag_add_meta(tag=the_doctor, meta=time_lords, user=None)
    by_sub = make_work("Sub", characters=["Twelve"])
    by_meta = make_work("Meta", characters=["The Doctor (Doctor Who)"])
    other = make_work("Other", characters=["Rose Tyler"])
    under = set(
        FilterTagging.objects.filter(filter=time_lords).values_list("work__title", flat=True)
    )
    assert under == {"Sub", "Meta"}
    assert "Time Lords" not in filter_names(other)
    assert {"Twelfth Doctor", "The Doctor (Doctor Who)", "Time Lords"} <= filter_names(by_sub)
    assert by_meta.filter_taggings.get(filter=the_doctor).inherited is False


def test_adding_and_removing_a_meta_updates_existing_works(make_tag, make_work, wrangler):
    twelfth, the_doctor = make_tag("Twelfth Doctor"), make_tag("The Doctor (Doctor Who)")
    work = make_work(characters=["Twelfth Doctor"])
    assert "The Doctor (Doctor Who)" not in filter_names(work)
    services.tag_add_meta(tag=twelfth, meta=the_doctor, user=wrangler)
    assert "The Doctor (Doctor Who)" in filter_names(work)
    services.tag_remove_meta(tag=twelfth, meta=the_doctor, user=wrangler)
    assert "The Doctor (Doctor Who)" not in filter_names(work)


def test_merging_a_synonym_moves_filtering_without_losing_a_tagging(doctors, make_work, wrangler):
    twelfth = doctors[1]
    work = make_work(characters=["12th Doctor"])
    loose = Tag.objects.get(name="12th Doctor")
    assert filter_names(work) & {"Twelfth Doctor", "The Doctor (Doctor Who)"} == set()
    taggings = set(Tagging.objects.values_list("work_id", "tag_id"))

    services.tag_merge(tag=loose, into=twelfth, user=wrangler)

    assert set(Tagging.objects.values_list("work_id", "tag_id")) == taggings
    assert "12th Doctor" in tag_names(work)
    assert {"Twelfth Doctor", "The Doctor (Doctor Who)"} <= filter_names(work)


def test_merging_a_canonical_tag_moves_its_synonyms_links_and_works(make_tag, make_work, wrangler):
    old = make_tag("Doctor 12")
    make_tag("Capaldi!Doctor", canonical=False, merger=old)
    meta = make_tag("The Doctor (Doctor Who)")
    services.tag_add_meta(tag=old, meta=meta, user=wrangler)
    new = make_tag("Twelfth Doctor")
    first = make_work("First", characters=["Doctor 12"])
    second = make_work("Second", characters=["Capaldi!Doctor"])

    services.tag_merge(tag=old, into=new, user=wrangler)

    old.refresh_from_db()
    assert (old.canonical, old.merger) == (False, new)
    assert Tag.objects.get(name="Capaldi!Doctor").merger == new
    assert list(new.meta_links.values_list("meta__name", flat=True)) == [meta.name]
    for work in (first, second):
        assert {"Twelfth Doctor", "The Doctor (Doctor Who)"} <= filter_names(work)
        assert "Doctor 12" not in filter_names(work)
    assert not FilterTagging.objects.filter(filter=old).exists()


def test_big_tags_are_recomputed_by_a_background_job_after_commit(
    doctors, make_work, wrangler, settings, django_capture_on_commit_callbacks
):
    twelfth = doctors[1]
    works = [make_work(f"Work {n}", characters=["Doctor Twelve"]) for n in range(3)]
    settings.FANSHELF_TAG_FILTERS_INLINE_MAX = 1
    loose = Tag.objects.get(name="Doctor Twelve")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.tag_merge(tag=loose, into=twelfth, user=wrangler)
    assert all("Twelfth Doctor" not in filter_names(w) for w in works)  # not yet
    for callback in callbacks:
        callback()  # the commit: the job is queued (and, in tests, runs at once)
    assert all("Twelfth Doctor" in filter_names(w) for w in works)


def test_search_hears_which_works_changed(
    doctors, make_work, wrangler, django_capture_on_commit_callbacks
):
    twelfth = doctors[1]
    work = make_work(characters=["Doctor Twelve"])
    make_work("Untouched", characters=["Rose Tyler"])
    heard = []

    def listen(sender, work_ids, **kwargs):
        heard.extend(work_ids)

    work_filters_changed.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.tag_merge(
                tag=Tag.objects.get(name="Doctor Twelve"), into=twelfth, user=wrangler
            )
    finally:
        work_filters_changed.disconnect(listen)
    assert heard == [work.pk]


def test_refresh_is_a_fixed_number_of_queries_for_many_works(
    doctors, make_work, django_assert_max_num_queries
):
    works = [make_work(f"Work {n}", characters=["Twelve"]) for n in range(30)]
    FilterTagging.objects.all().delete()
    with django_assert_max_num_queries(24):  # per batch of works, whatever its size
        filters.refresh_work_filters([w.pk for w in works])
    assert all("The Doctor (Doctor Who)" in filter_names(w) for w in works)


def test_a_meta_loop_is_refused(make_tag, wrangler):
    a, b = make_tag("A"), make_tag("B")
    services.tag_add_meta(tag=a, meta=b, user=wrangler)
    with pytest.raises(Exception, match="loop"):
        services.tag_add_meta(tag=b, meta=a, user=wrangler)


def test_making_a_tag_canonical_gives_its_works_a_filter(make_work, wrangler):
    work = make_work(freeforms=["Lighthouse Keeping"])
    tag = Tag.objects.get(type=TagType.FREEFORM, name="Lighthouse Keeping")
    assert "Lighthouse Keeping" not in filter_names(work)
    services.tag_make_canonical(tag=tag, user=wrangler)
    assert "Lighthouse Keeping" in filter_names(work)
