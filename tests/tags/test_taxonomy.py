"""The fixed tags, tag names, and the tags a work carries."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from fanshelf.tags import services
from fanshelf.tags.models import Tag, TagParent, TagType
from fanshelf.works import services as work_services
from fanshelf.works.models import Work

from .conftest import filter_names, tag_names

pytestmark = pytest.mark.django_db


def _names(tag_type):
    return list(
        Tag.objects.filter(type=tag_type, canonical=True)
        .order_by("pk")
        .values_list("name", flat=True)
    )


def test_fixed_tags_are_exactly_the_archive_ratings_warnings_and_categories():
    assert _names(TagType.RATING) == [
        "Not Rated",
        "General Audiences",
        "Teen And Up Audiences",
        "Mature",
        "Explicit",
    ]
    assert _names(TagType.WARNING) == [
        "Creator Chose Not To Use Archive Warnings",
        "No Archive Warnings Apply",
        "Graphic Depictions Of Violence",
        "Major Character Death",
        "Rape/Non-Con",
        "Underage Sex",
    ]
    assert _names(TagType.CATEGORY) == ["Gen", "F/M", "M/M", "F/F", "Multi", "Other"]


def test_names_are_unique_per_type_whatever_the_case(make_tag):
    make_tag("Rose Tyler")
    make_tag("Rose Tyler", TagType.FREEFORM)  # another type may share the name
    with pytest.raises(IntegrityError):
        make_tag("rose tyler")


def test_new_names_become_unwrangled_tags_and_are_trimmed(make_work):
    work = make_work(characters=["  Rose   Tyler ", "rose tyler"], freeforms=["Fluff"])
    rose = Tag.objects.get(type=TagType.CHARACTER, name="Rose Tyler")
    assert (rose.canonical, rose.merger) == (False, None)
    assert tag_names(work) == {
        "Rose Tyler",
        "Fluff",
        "Doctor Who",
        "General Audiences",
        "No Archive Warnings Apply",
    }
    # Unwrangled tags land in the bin of the work's fandom.
    assert TagParent.objects.filter(parent__name="Doctor Who", child=rose).exists()


@pytest.mark.parametrize("bad", ["Rose*", "a^b", "<b>", "x{y}", "a=b", "back`tick", "a\\b", "a，b"])
def test_forbidden_characters_are_refused_with_a_clear_message(make_work, bad):
    before = Tag.objects.filter(type=TagType.FREEFORM).count()  # the common tags, canonical
    with pytest.raises(ValidationError, match="can't contain"):
        make_work(freeforms=[bad])
    assert Tag.objects.filter(type=TagType.FREEFORM).count() == before


def test_too_long_names_are_refused(make_work):
    with pytest.raises(ValidationError, match="the limit is 150"):
        make_work(freeforms=["x" * 151])


def test_a_posted_work_needs_a_fandom_a_rating_and_a_warning(author):
    work = work_services.work_create(
        pseuds=[author.default_pseud],
        title="Untagged",
        chapters=[work_services.ChapterInput(text="Text.")],
        text_format="plain",
    )
    with pytest.raises(ValidationError) as caught:
        services.work_set_tags(work=work, rating=None)
    assert set(caught.value.message_dict) == {"fandoms", "rating", "warnings"}
    assert not work.taggings.exists()


def test_a_draft_may_lack_them(make_work):
    work = make_work(post=False, fandoms=())
    services.work_set_tags(work=work, rating=None)
    assert not work.taggings.exists()


def test_exactly_one_rating_and_only_known_fixed_tags(make_work):
    work = make_work()
    with pytest.raises(ValidationError, match="is not a rating"):
        services.work_set_tags(
            work=work, rating="Spicy", warnings=["No Archive Warnings Apply"], fandoms=["X"]
        )
    with pytest.raises(ValidationError, match="is not a archive warning"):
        services.work_set_tags(work=work, rating="Mature", warnings=["Spoilers"], fandoms=["X"])


def test_at_most_75_free_tags(make_work, settings):
    with pytest.raises(ValidationError, match="at most 75"):
        make_work(freeforms=[f"Tag {n}" for n in range(75)])
    settings.FANSHELF_TAGS_PER_WORK_MAX = 3
    with pytest.raises(ValidationError, match="at most 3"):
        make_work(characters=["A", "B", "C"])


def test_changing_tags_replaces_them_and_their_filters(make_work, make_tag):
    make_tag("Twelfth Doctor")
    work = make_work(characters=["Twelfth Doctor"])
    services.work_set_tags(
        work=work,
        rating="Mature",
        warnings=["Major Character Death"],
        fandoms=["Doctor Who"],
        characters=["Clara Oswald"],
    )
    assert "Twelfth Doctor" not in tag_names(work)
    assert "Twelfth Doctor" not in filter_names(work)
    assert {"Mature", "Major Character Death"} <= filter_names(work)


def test_relationship_names_are_parsed_and_characters_found_or_created(make_tag, make_work):
    missy = make_tag("Missy")
    twelve = make_tag("Twelfth Doctor")
    make_tag("Twelve", canonical=False, merger=twelve)
    make_work(relationships=["Twelve/Missy", "Clara Oswald & Twelve"])
    romantic = Tag.objects.get(type=TagType.RELATIONSHIP, name="Twelve/Missy")
    platonic = Tag.objects.get(type=TagType.RELATIONSHIP, name="Clara Oswald & Twelve")
    assert set(Tag.objects.filter(child_links__child=romantic, type=TagType.CHARACTER)) == {
        missy,
        twelve,
    }
    clara = Tag.objects.get(type=TagType.CHARACTER, name="Clara Oswald")
    assert clara.canonical is False  # created, unwrangled
    assert set(Tag.objects.filter(child_links__child=platonic, type=TagType.CHARACTER)) == {
        clara,
        twelve,
    }


def test_a_new_relationship_between_canonical_characters_finds_its_canonical_form(
    make_tag, make_work
):
    make_tag("Missy")
    twelve = make_tag("Twelfth Doctor")
    make_tag("Twelve", canonical=False, merger=twelve)
    ship = make_tag("Missy/Twelfth Doctor", TagType.RELATIONSHIP)
    work = make_work(relationships=["Twelve/Missy"])
    typed = Tag.objects.get(type=TagType.RELATIONSHIP, name="Twelve/Missy")
    assert typed.merger == ship
    assert "Twelve/Missy" in tag_names(work)
    assert "Missy/Twelfth Doctor" in filter_names(work)


def test_making_a_relationship_canonical_orders_the_names(make_tag, make_work, wrangler):
    make_work(relationships=["Yasmin Khan/Thirteenth Doctor"])
    typed = Tag.objects.get(type=TagType.RELATIONSHIP, name="Yasmin Khan/Thirteenth Doctor")
    canonical = services.tag_make_canonical(tag=typed, user=wrangler)
    assert canonical.name == "Thirteenth Doctor/Yasmin Khan"
    typed.refresh_from_db()
    assert typed.merger == canonical and canonical.canonical


def test_bad_tags_leave_no_work_behind(client, author):
    client.force_login(author)
    response = client.post(
        "/works/new/",
        {
            "title": "Half",
            "pseuds": [author.default_pseud.pk],
            "language": "en",
            "text_format": "plain",
            "action": "post",
            "rating": "General Audiences",
            "warnings": ["No Archive Warnings Apply"],
            "fandoms": "",  # a posted work needs one
            "characters": "Rose Tyler",
            "chapters-TOTAL_FORMS": "1",
            "chapters-INITIAL_FORMS": "0",
            "chapters-MIN_NUM_FORMS": "1",
            "chapters-MAX_NUM_FORMS": "500",
            "chapters-0-text": "Text.",
        },
    )
    assert response.status_code == 200
    assert "A posted work needs at least one fandom." in response.content.decode()
    assert not Work.objects.exists()
    assert not Tag.objects.filter(name="Rose Tyler").exists()
