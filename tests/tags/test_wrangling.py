"""The wrangling interface: who may use it, the bins, each action, and the record of it."""

import pytest
from django.urls import reverse

from fanshelf.tags.models import MetaTagging, Tag, TagParent, TagType, WranglingAction

from .conftest import filter_names, tag_names

pytestmark = pytest.mark.django_db


def test_only_wranglers_and_superusers_may_wrangle(client, reader, wrangler, django_user_model):
    client.force_login(reader)
    assert client.get(reverse("tags:wrangle")).status_code == 403
    client.force_login(wrangler)
    assert client.get(reverse("tags:wrangle")).status_code == 200
    admin = django_user_model.objects.create_superuser("root", "root@example.invalid", "pw")
    client.force_login(admin)
    assert client.get(reverse("tags:wrangle")).status_code == 200


def test_wranglers_find_the_wrangling_pages_in_the_site_menu(client, reader, wrangler):
    link = f'<a href="{reverse("tags:wrangle")}">Wrangling</a>'
    client.force_login(reader)
    assert link not in client.get(reverse("works:front")).content.decode()
    client.force_login(wrangler)
    assert link in client.get(reverse("works:front")).content.decode()


def test_bins_list_unwrangled_tags_per_fandom(client, wrangler, make_work, make_tag):
    make_tag("Doctor Who", TagType.FANDOM)
    make_work(characters=["Nardole"], freeforms=["Lighthouse Keeping"])
    make_work(fandoms=["Brand New Fandom"])
    client.force_login(wrangler)
    home = client.get(reverse("tags:wrangle")).content.decode()
    assert "Doctor Who" in home and "No fandom" in home
    fandom = Tag.objects.get(name="Doctor Who", type=TagType.FANDOM)
    bin_page = client.get(reverse("tags:wrangle_bin", args=[fandom.pk])).content.decode()
    assert "Nardole" in bin_page and "Lighthouse Keeping" in bin_page
    loose = client.get(reverse("tags:wrangle_loose")).content.decode()
    assert "Brand New Fandom" in loose


def _act(client, tag, action, **data):
    return client.post(reverse("tags:wrangle_tag", args=[tag.pk]), {"action": action, **data})


def test_a_wrangler_merges_a_tag_and_the_action_is_recorded(client, wrangler, make_work, make_tag):
    twelfth = make_tag("Twelfth Doctor")
    work = make_work(characters=["Twelvie"])
    typed = Tag.objects.get(name="Twelvie")
    client.force_login(wrangler)
    response = _act(client, typed, "merge", name="twelfth doctor")
    assert response.status_code == 302
    typed.refresh_from_db()
    assert typed.merger == twelfth
    assert "Twelvie" in tag_names(work) and "Twelfth Doctor" in filter_names(work)
    action = WranglingAction.objects.get(action="merge")
    assert (action.user, action.tag, action.detail["into"]) == (wrangler, typed, "Twelfth Doctor")
    log = client.get(reverse("tags:wrangle_log")).content.decode()
    assert "wrangler" in log and "Twelvie" in log


def test_merging_into_another_type_is_refused_with_a_message(client, wrangler, make_tag):
    character = make_tag("Rose", TagType.CHARACTER, canonical=False)
    make_tag("Rose", TagType.FREEFORM)
    client.force_login(wrangler)
    page = client.get(reverse("tags:wrangle_tag", args=[character.pk]))
    assert page.status_code == 200
    response = _act(client, character, "merge", name="Nobody Here")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["There is no Character tag “Nobody Here”."]
    character.refresh_from_db()
    assert character.merger is None


def test_make_canonical_parents_metas_rename_and_unwrangleable(
    client, wrangler, make_tag, make_work
):
    make_tag("Doctor Who", TagType.FANDOM)
    make_tag("Torchwood", TagType.FANDOM)
    meta = make_tag("The Doctor (Doctor Who)")
    make_work(characters=["Fugitive Doctor"], freeforms=["asdfgh"])
    fugitive = Tag.objects.get(name="Fugitive Doctor")
    junk = Tag.objects.get(name="asdfgh")
    client.force_login(wrangler)

    _act(client, fugitive, "make_canonical")
    _act(client, fugitive, "parents", fandoms="Doctor Who, Torchwood", characters="")
    _act(client, fugitive, "add_meta", name="The Doctor (Doctor Who)")
    _act(client, fugitive, "rename", name="The Fugitive Doctor")
    _act(client, junk, "unwrangleable", unwrangleable="1")

    fugitive.refresh_from_db()
    assert fugitive.canonical and fugitive.name == "The Fugitive Doctor"
    parents = TagParent.objects.filter(child=fugitive).values_list("parent__name", flat=True)
    assert sorted(parents) == ["Doctor Who", "Torchwood"]
    assert MetaTagging.objects.filter(meta=meta, sub=fugitive).exists()
    junk.refresh_from_db()
    assert junk.unwrangleable
    assert list(WranglingAction.objects.order_by("pk").values_list("action", flat=True)) == [
        "make_canonical",
        "set_parents",
        "add_meta",
        "rename",
        "mark_unwrangleable",
    ]
    rename = WranglingAction.objects.get(action="rename")
    assert rename.detail == {"old_name": "Fugitive Doctor", "new_name": "The Fugitive Doctor"}


def test_fixed_tags_cannot_be_wrangled(client, wrangler):
    rating = Tag.objects.get(name="Mature")
    client.force_login(wrangler)
    _act(client, rating, "rename", name="Spicy")
    rating.refresh_from_db()
    assert rating.name == "Mature"
    assert not WranglingAction.objects.exists()


def test_new_canonical_tag_and_find(client, wrangler):
    client.force_login(wrangler)
    response = client.post(
        reverse("tags:wrangle_new"), {"name": "Kate Stewart", "type": "character"}
    )
    tag = Tag.objects.get(name="Kate Stewart")
    assert tag.canonical and response["Location"] == reverse("tags:wrangle_tag", args=[tag.pk])
    found = client.get(reverse("tags:wrangle_find"), {"name": "kate stewart"})
    assert found["Location"] == reverse("tags:wrangle_tag", args=[tag.pk])


def test_merging_hands_the_tags_links_to_its_canonical(wrangler, make_tag):
    from fanshelf.tags.services import tag_merge

    fandom = make_tag("Doctor Who", TagType.FANDOM)
    meta = make_tag("The Doctor (Doctor Who)")
    sub = make_tag("Fourteenth Doctor")
    old = make_tag("Doctor Fourteen")
    into = make_tag("The Fourteenth Doctor")
    TagParent.objects.create(parent=fandom, child=old)
    MetaTagging.objects.create(meta=meta, sub=old)
    MetaTagging.objects.create(meta=old, sub=sub)
    MetaTagging.objects.create(meta=old, sub=into)  # would become a link to itself
    tag_merge(tag=old, into=into, user=wrangler)
    assert set(TagParent.objects.filter(child=into).values_list("parent__name", flat=True)) == {
        "Doctor Who"
    }
    assert set(MetaTagging.objects.filter(sub=into).values_list("meta__name", flat=True)) == {
        "The Doctor (Doctor Who)"
    }
    assert set(MetaTagging.objects.filter(meta=into).values_list("sub__name", flat=True)) == {
        "Fourteenth Doctor"
    }
    assert not MetaTagging.objects.filter(meta=old).exists()
    assert not MetaTagging.objects.filter(sub=old).exists()
    assert not TagParent.objects.filter(child=old).exists()
