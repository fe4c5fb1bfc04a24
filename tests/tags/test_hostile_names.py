"""Issue 8, items 4, 5 and 12: tag names are folded one way everywhere, and no character can
break or disguise them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fanshelf.tags import services
from fanshelf.tags.models import Tag, TagType
from tests.tags.conftest import tag_names

pytestmark = pytest.mark.django_db


def test_a_freeform_named_istanbul_can_be_used_a_second_time(make_work):
    first = make_work("One", freeforms=["İstanbul"])
    second = make_work("Two", freeforms=["İSTANBUL"])
    assert "İstanbul" in tag_names(first) and "İstanbul" in tag_names(second)
    assert Tag.objects.filter(type=TagType.FREEFORM, name="İstanbul").count() == 1


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [("straße", "STRASSE"), ("ǅemal", "ǆemal"), ("Σίσυφος", "ΣΊΣΥΦΟΣ"), ("ＡＢＣ", "abc")],
)
def test_names_differing_only_in_case_or_width_are_one_tag(make_work, typed, same_as):
    before = Tag.objects.filter(type=TagType.FREEFORM).count()  # the common freeforms
    make_work("One", freeforms=[typed])
    make_work("Two", freeforms=[same_as])
    assert Tag.objects.filter(type=TagType.FREEFORM).count() == before + 1


def test_autocomplete_finds_names_folded_the_same_way(client, make_tag):
    make_tag("İstanbul Nights", TagType.FREEFORM)
    make_tag("Straße", TagType.FREEFORM)
    found = client.get(reverse("tags:autocomplete"), {"type": "freeform", "q": "i̇st"}).json()
    assert [r["name"] for r in found["results"]] == ["İstanbul Nights"]
    found = client.get(reverse("tags:autocomplete"), {"type": "freeform", "q": "STRASS"}).json()
    assert [r["name"] for r in found["results"]] == ["Straße"]


def test_nul_in_a_freeform_is_removed(make_work):
    work = make_work("One", freeforms=["nul\x00tag"])
    assert "nultag" in tag_names(work)


@pytest.mark.parametrize("query", ["a%00", "%F4%8F%BF%BF", "%EF%BF%BF", "%00", "a%F4%8F%BF%BF"])
def test_autocomplete_answers_any_typed_prefix(client, make_tag, query):
    make_tag("a tag", TagType.FREEFORM)
    response = client.get(f"{reverse('tags:autocomplete')}?type=freeform&q={query}")
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_invisible_characters_leave_tag_names(make_work):
    work = make_work("One", freeforms=["Found\u200b Fam\u202eily\u2066", "Ｆｌｕｆｆ"])
    assert {"Found Family", "Fluff"} <= tag_names(work)


def test_a_tag_name_disguised_with_another_alphabet_is_refused(make_work):
    with pytest.raises(ValidationError, match="mixes letters of different alphabets"):
        make_work("One", characters=["Sherl\u043eck Holmes"])


def test_names_in_one_other_alphabet_are_welcome(make_work):
    work = make_work("One", characters=["Шерлок Холмс"], freeforms=["東方Project"])
    assert {"Шерлок Холмс", "東方Project"} <= tag_names(work)


def test_renaming_keeps_the_folded_name_in_step(wrangler, make_tag):
    tag = make_tag("Old Name", TagType.FREEFORM)
    services.tag_rename(tag=tag, name="İzmir", user=wrangler)
    assert services.find_tag(tag_type=TagType.FREEFORM, name="İZMIR") == tag
