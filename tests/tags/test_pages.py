"""Tag pages, works lists, autocomplete, and tags on work pages and blurbs."""

import pytest
from django.urls import reverse

from fanshelf.tags import services
from fanshelf.tags.models import Tag, TagType

pytestmark = pytest.mark.django_db


@pytest.fixture
def twissy(make_tag):
    make_tag("Missy")
    twelfth = make_tag("Twelfth Doctor")
    make_tag("Twelve", canonical=False, merger=twelfth)
    ship = make_tag("Missy/Twelfth Doctor", TagType.RELATIONSHIP)
    make_tag("Twissy", TagType.RELATIONSHIP, canonical=False, merger=ship)
    meta = make_tag("The Doctor (Doctor Who)")
    services.tag_add_meta(tag=twelfth, meta=meta, user=None)
    return ship


def test_tag_page_shows_synonyms_parents_children_and_metas(client, twissy, make_work, make_tag):
    make_tag("Doctor Who", TagType.FANDOM)
    make_work(characters=["Twelve"])
    twelfth = Tag.objects.get(name="Twelfth Doctor")
    services.tag_set_parents(tag=twelfth, parents=[Tag.objects.get(name="Doctor Who")], user=None)
    page = client.get(twelfth.get_absolute_url()).content.decode()
    assert "Twelve" in page and "Doctor Who" in page and "The Doctor (Doctor Who)" in page
    assert "1 work" in page
    fandom_page = client.get(reverse("tags:detail", args=["Doctor Who"])).content.decode()
    assert "Twelfth Doctor" in fandom_page  # a child


def test_a_synonyms_page_redirects_to_its_canonical_tag(client, twissy):
    response = client.get(reverse("tags:detail", args=["Twissy"]))
    assert response.status_code == 302
    assert response["Location"] == "/tags/Missy*s*Twelfth Doctor/".replace(" ", "%20")
    assert client.get(response["Location"]).status_code == 200
    works = client.get(reverse("tags:works", args=["twissy"]))
    assert works["Location"].endswith("/works")


def test_a_meta_tags_works_page_lists_its_sub_tags_works(client, twissy, make_work):
    make_work("By synonym", characters=["Twelve"])
    make_work("Draft", characters=["Twelve"], post=False, fandoms=())
    page = client.get(reverse("tags:works", args=["The Doctor (Doctor Who)"])).content.decode()
    assert "By synonym" in page
    assert "Draft" not in page  # visibility still applies


def test_a_canonical_tags_works_page_filters_through_its_sidebar(client, twissy, make_work):
    make_work("Quiet", characters=["Twelve"])
    make_work("Sad", characters=["Twelve"], warning="Major Character Death")
    url = reverse("tags:works", args=["Twelfth Doctor"])
    page = client.get(url).content.decode()
    assert "Filter results" in page and "Quiet" in page and "Sad" in page
    narrowed = client.get(url, {"exclude_tag": "Major Character Death"}).content.decode()
    assert "Quiet" in narrowed and "Sad" not in narrowed
    assert "without Major Character Death" in narrowed


def test_names_shared_by_two_types_ask_which_one(client, make_tag):
    make_tag("Doctor Who", TagType.FANDOM)
    make_tag("Doctor Who", TagType.FREEFORM)
    page = client.get(reverse("tags:detail", args=["Doctor Who"])).content.decode()
    assert "Fandom" in page and "Additional Tags" in page
    assert (
        client.get(reverse("tags:detail", args=["Doctor Who"]) + "?type=fandom").status_code == 200
    )
    assert client.get(reverse("tags:detail", args=["Nobody"])).status_code == 404


def test_names_with_url_characters_round_trip(client, make_tag):
    for name in ("Mrs. Hudson", "Rape/Non-Con", "Wrangle", "A & B", "What? #1"):
        tag = Tag.objects.filter(name=name).first() or make_tag(name, TagType.FREEFORM)
        response = client.get(tag.get_absolute_url())
        assert response.status_code == 200, name
        assert name.replace("&", "&amp;") in response.content.decode()


def test_autocomplete_offers_canonical_names_for_synonyms(
    client, twissy, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        data = client.get(reverse("tags:autocomplete"), {"type": "relationship", "q": "Twi"}).json()
    assert data["results"] == [{"name": "Missy/Twelfth Doctor", "matched": "Twissy"}]
    data = client.get(reverse("tags:autocomplete"), {"type": "character", "q": "twel"}).json()
    assert [r["name"] for r in data["results"]] == ["Twelfth Doctor"]  # once, not per synonym


def test_autocomplete_skips_unwrangled_tags_and_other_types(client, make_tag):
    make_tag("Twilight", TagType.FANDOM)
    make_tag("Twins", TagType.FREEFORM, canonical=False)
    data = client.get(reverse("tags:autocomplete"), {"type": "freeform", "q": "tw"}).json()
    assert data["results"] == []
    assert client.get(reverse("tags:autocomplete"), {"type": "nope", "q": "tw"}).json() == {
        "results": []
    }


def test_work_page_and_blurbs_show_tags_grouped_by_type(client, twissy, make_work):
    work = make_work("Shown", characters=["Twelve"], relationships=["Twissy"], freeforms=["Angst"])
    page = client.get(work.get_absolute_url()).content.decode()
    for label in (
        "Rating",
        "Archive Warning",
        "Fandom",
        "Relationship",
        "Character",
        "Additional Tags",
    ):
        assert f"<dt>{label}</dt>" in page
    assert 'href="/tags/Twissy/"' in page
    front = client.get("/").content.decode()
    assert 'href="/tags/Twelve/"' in front


def test_posting_form_has_tag_fields_that_work_without_javascript(client, author):
    client.force_login(author)
    page = client.get(reverse("works:new")).content.decode()
    assert 'data-tag-autocomplete="relationship"' in page
    assert '<input type="text" name="fandoms"' in page
    response = client.post(
        reverse("works:new"),
        {
            "title": "Typed",
            "pseuds": [author.default_pseud.pk],
            "language": "en",
            "text_format": "plain",
            "action": "post",
            "rating": "Mature",
            "warnings": ["Major Character Death"],
            "categories": ["F/M"],
            "fandoms": "Doctor Who, Torchwood",
            "relationships": "Missy/Twelve",
            "characters": "",
            "freeforms": "Angst,  Hurt/Comfort ,",
            "chapters-TOTAL_FORMS": "1",
            "chapters-INITIAL_FORMS": "0",
            "chapters-MIN_NUM_FORMS": "1",
            "chapters-MAX_NUM_FORMS": "500",
            "chapters-0-text": "Text.",
        },
    )
    assert response.status_code == 302
    work = author.pseuds.get().works.get()
    assert set(work.taggings.values_list("tag__name", flat=True)) == {
        "Mature",
        "Major Character Death",
        "F/M",
        "Doctor Who",
        "Torchwood",
        "Missy/Twelve",
        "Angst",
        "Hurt/Comfort",
    }
    edit = client.get(reverse("works:edit", args=[work.pk])).content.decode()
    assert 'value="Doctor Who, Torchwood"' in edit


def test_posting_a_draft_without_tags_is_refused(client, author, make_work):
    draft = make_work(post=False, fandoms=())
    services.work_set_tags(work=draft, rating=None)
    client.force_login(author)
    response = client.post(reverse("works:post", args=[draft.pk]))
    assert response["Location"] == reverse("works:edit", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.posted is False


def test_tag_page_counts_only_the_works_the_reader_may_see(client, reader, make_work):
    make_work("Posted")
    make_work("Draft", post=False)
    restricted = make_work("Members")
    restricted.restricted = True
    restricted.save(update_fields=["restricted"])
    url = reverse("tags:detail", args=["Doctor Who"])
    assert "1 work<" in client.get(url).content.decode()
    client.force_login(reader)
    assert "2 works<" in client.get(url).content.decode()


def test_tag_works_page_queries_do_not_grow_with_works(client, make_work):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("tags:works", args=["Doctor Who"])
    counts = []
    for batch in (1, 7):
        for n in range(batch):
            make_work(f"Batch {batch} work {n}", characters=["Rose"], freeforms=[f"Tag {n}"])
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        counts.append(len(queries))
    assert "Batch 7 work 6" in page
    assert counts[0] == counts[1]
    assert "<h1>" in page and "<h2>8 works</h2>" in page  # blurbs' h3 follow an h2


def test_tag_fields_point_only_at_help_that_exists(client, author):
    import re

    client.force_login(author)
    page = client.get(reverse("works:new")).content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert described  # the relationships field's help text
    for ids in described:
        for element_id in ids.split():
            assert f'id="{element_id}"' in page, element_id
