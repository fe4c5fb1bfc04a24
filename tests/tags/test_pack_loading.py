"""Loading fandom packs into the tag database, and building the analyser's knowledge from it."""

import dataclasses

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from fanshelf.analysis.packfile import (
    BUNDLED_PACKS_DIR,
    bundled_pack_paths,
    knowledge_from_pack,
    parse_pack,
    read_pack,
)
from fanshelf.tags.knowledge import knowledge_from_db
from fanshelf.tags.models import (
    AmbiguousAlias,
    CanonWork,
    Era,
    FilterTagging,
    MetaTagging,
    Tag,
    Tagging,
    TagParent,
    TagType,
    WranglingAction,
)
from fanshelf.tags.pack_loading import pack_load

from .conftest import filter_names, tag_names

pytestmark = pytest.mark.django_db
DOCTOR_WHO = BUNDLED_PACKS_DIR / "doctor_who.toml"

V1 = """\
format = 1

[fandom]
name = "Mini Who"

[[eras]]
key = "mini-twelve"
name = "Twelve's era"
main_characters = ["Twelve"]

[[characters]]
name = "Twelve"
aliases = ["Capaldi Doctor"]
ambiguous_aliases = ["the Doctor"]
pronoun = "he"

[[characters]]
name = "Missy"
pronoun = "she"

[[relationships]]
name = "Missy/Twelve"

[[canon]]
title = "Dark Water"
abbreviations = ["DW1"]
era = "mini-twelve"
"""
V2 = (
    V1.replace(
        'name = "Twelve"\naliases = ["Capaldi Doctor"]',
        'name = "Twelfth Doctor"\naliases = ["Twelve", "Capaldi Doctor", "Twelvie"]',
    )
    .replace('main_characters = ["Twelve"]', 'main_characters = ["Twelfth Doctor"]')
    .replace('name = "Missy/Twelve"', 'name = "Missy/Twelfth Doctor"\nship_names = ["Twissy"]')
    + '\n[[canon]]\ntitle = "Death in Heaven"\nera = "mini-twelve"\n'
)


def _counts():
    models = (Tag, TagParent, MetaTagging, AmbiguousAlias, Era, CanonWork, Tagging, FilterTagging)
    return {model.__name__: model.objects.count() for model in models} | {
        "actions": WranglingAction.objects.count()
    }


def test_loading_the_doctor_who_pack_twice_is_a_no_op():
    pack = read_pack(DOCTOR_WHO)
    first = pack_load(pack=pack)
    assert first.changed
    before = _counts()
    tags = list(Tag.objects.order_by("pk").values())
    second = pack_load(pack=pack)
    assert second.changes == [] and second.summary() == "Doctor Who: already up to date."
    assert _counts() == before
    assert list(Tag.objects.order_by("pk").values()) == tags


def _normalised(knowledge):
    def norm(item):
        values = dataclasses.asdict(item)
        return {
            k: tuple(sorted(v)) if isinstance(v, tuple | list) else v for k, v in values.items()
        }

    return {
        field: sorted((norm(item) for item in getattr(knowledge, field)), key=repr)
        for field in ("fandoms", "characters", "relationships", "canon_works", "eras")
    }


def test_knowledge_from_the_database_matches_the_pack():
    pack = read_pack(DOCTOR_WHO)
    pack_load(pack=pack)
    from_db = knowledge_from_db(fandoms=["Doctor Who"])
    from_pack = knowledge_from_pack(pack)
    assert _normalised(from_db) == _normalised(from_pack)
    # Canon order and the characters' own alias order survive exactly.
    assert from_db.canon_works == from_pack.canon_works
    assert [c.aliases for c in from_db.characters] == [c.aliases for c in from_pack.characters]


def test_the_canons_narrator_reaches_the_analyser_through_the_database():
    pack = read_pack(BUNDLED_PACKS_DIR / "sherlock_holmes.toml")
    pack_load(pack=pack)
    fandom = Tag.objects.get(type=TagType.FANDOM, name=pack.fandom.name)
    assert fandom.narrator.name == "John Watson"
    (info,) = knowledge_from_db(fandoms=[pack.fandom.name]).fandoms
    assert info.narrator == "John Watson"
    assert _normalised(knowledge_from_db(fandoms=[pack.fandom.name])) == _normalised(
        knowledge_from_pack(pack)
    )
    assert pack_load(pack=pack).changes == []


def test_knowledge_grows_with_wrangling(make_work, wrangler, django_assert_max_num_queries):
    pack_load(pack=read_pack(DOCTOR_WHO))
    make_work(characters=["Peter's Doctor"])
    from fanshelf.tags import services

    services.tag_merge(
        tag=Tag.objects.get(name="Peter's Doctor"),
        into=Tag.objects.get(name="Twelfth Doctor", type=TagType.CHARACTER),
        user=wrangler,
    )
    with django_assert_max_num_queries(12):
        knowledge = knowledge_from_db()
    twelfth = next(c for c in knowledge.characters if c.name == "Twelfth Doctor")
    assert "Peter's Doctor" in twelfth.aliases


def test_a_pack_update_adds_and_renames_without_losing_taggings(make_work):
    pack_load(pack=parse_pack(V1))
    work = make_work(
        fandoms=["Mini Who"], characters=["Twelve", "Twelvie"], relationships=["Missy/Twelve"]
    )
    assert "Twelve" in filter_names(work) and "Twelvie" not in filter_names(work)
    taggings = set(Tagging.objects.values_list("work_id", "tag_id"))

    report = pack_load(pack=parse_pack(V2))

    assert "renamed “Twelve” to “Twelfth Doctor”" in report.changes
    assert "renamed “Missy/Twelve” to “Missy/Twelfth Doctor”" in report.changes
    assert set(Tagging.objects.values_list("work_id", "tag_id")) == taggings
    assert {"Twelve", "Twelvie", "Missy/Twelve"} <= tag_names(work)
    assert {"Twelfth Doctor", "Missy/Twelfth Doctor"} <= filter_names(work)
    assert "Twelve" not in filter_names(work)
    twelfth = Tag.objects.get(name="Twelfth Doctor")
    assert twelfth.pronoun == "he"
    assert list(twelfth.ambiguous_aliases.values_list("name", flat=True)) == ["the Doctor"]
    assert list(Era.objects.get(key="mini-twelve").main_characters.all()) == [twelfth]
    assert list(CanonWork.objects.values_list("title", "position")) == [
        ("Dark Water", 1),
        ("Death in Heaven", 2),
    ]
    assert pack_load(pack=parse_pack(V2)).changes == []


def test_an_alias_another_character_owns_becomes_ambiguous(make_tag):
    make_tag("Capaldi Doctor", TagType.CHARACTER)  # already canonical for someone else
    report = pack_load(pack=parse_pack(V1))
    twelve = Tag.objects.get(name="Twelve")
    assert set(twelve.ambiguous_aliases.values_list("name", flat=True)) == {
        "the Doctor",
        "Capaldi Doctor",
    }
    assert any("Capaldi Doctor" in warning for warning in report.warnings)


def test_the_command_loads_packs_and_names_the_bad_line(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(V1.replace('pronoun = "she"', 'pronoun = "it"'), encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad\.toml line 19: pronoun of \"Missy\""):
        call_command("load_fandom", str(DOCTOR_WHO), str(bad))
    assert not Tag.objects.filter(type=TagType.FANDOM).exists()  # nothing loaded
    call_command("load_fandom", "--bundled")
    assert Tag.objects.filter(type=TagType.FANDOM, canonical=True).count() == len(
        bundled_pack_paths()
    )
    assert "already up to date" not in capsys.readouterr().out


def test_a_wrangler_uploads_a_pack_and_a_bad_one_is_refused_with_its_line(client, wrangler):
    client.force_login(wrangler)
    bad = SimpleUploadedFile("mini.toml", V1.replace("[[canon]]", "[[canon]\n").encode())
    page = client.post(reverse("tags:wrangle_packs"), {"pack": bad}).content.decode()
    assert "mini.toml line" in page
    assert not Tag.objects.filter(name="Mini Who").exists()
    good = SimpleUploadedFile("mini.toml", V1.encode())
    response = client.post(reverse("tags:wrangle_packs"), {"pack": good})
    assert "Mini Who:" in response.content.decode()
    assert Tag.objects.get(name="Mini Who").canonical
    assert WranglingAction.objects.get(action="load_pack").user == wrangler


def test_the_sample_library_loads_the_packs_and_uses_canonical_tags():
    from fanshelf.works.sample import load_sample_library, read_manifest

    assert load_sample_library() > 0
    manifest = read_manifest()
    for entry in manifest["works"]:
        for key, tag_type in (("fandoms", "fandom"), ("characters", "character")):
            for name in entry.get(key, []):
                tag = Tag.objects.get(type=tag_type, name=name)
                assert tag.canonical, f"{name} is not canonical"
    assert Tag.objects.filter(type=TagType.FANDOM, canonical=True).count() >= 2
    assert FilterTagging.objects.filter(filter__name="The Doctor (Doctor Who)").exists()
