"""The analyser suggests warnings per chapter: where a character dies, not elsewhere."""

import pytest
from django.urls import reverse

from fanshelf.suggestions.services import forget_knowledge, work_analyze
from fanshelf.works import services

pytestmark = pytest.mark.django_db

QUIET = (
    "Marek Vell and Ilsa Dorn walked to the market. Marek bought bread and Ilsa laughed at "
    "the price. They went home along the river and talked about the harvest."
)
DEATH = (
    "Marek Vell climbed the tower with Ilsa Dorn. Marek slipped on the wet stone. Marek Vell "
    "died on the rocks below, and Ilsa wept over his body until dawn."
)


@pytest.fixture
def two_chapters(author):
    forget_knowledge()  # no fandom packs: the story's own names are its cast
    work = services.work_create(
        pseuds=[author.default_pseud],
        title="The Tower",
        chapters=[services.ChapterInput(text=QUIET), services.ChapterInput(text=DEATH)],
        text_format="plain",
        post=False,
    )
    work_analyze(work=work)
    yield work
    forget_knowledge()


def test_the_chapter_where_a_named_character_dies_is_suggested_a_death_warning(
    client, author, two_chapters
):
    work = two_chapters
    quiet, death = work.chapters.order_by("position")
    client.force_login(author)
    page = client.get(reverse("works:chapter_edit", args=[work.pk, death.pk])).content.decode()
    assert "Warnings the analyser suggests for this chapter" in page
    assert "Major Character Death" in page.split("Warnings the analyser suggests")[1]
    page = client.get(reverse("works:chapter_edit", args=[work.pk, quiet.pk])).content.decode()
    assert "Warnings the analyser suggests for this chapter" not in page


def test_a_warning_the_chapter_already_has_is_not_suggested_again(client, author, two_chapters):
    work = two_chapters
    death = work.chapters.order_by("position")[1]
    death.warnings = ["Major Character Death"]
    death.save()
    client.force_login(author)
    page = client.get(reverse("works:chapter_edit", args=[work.pk, death.pk])).content.decode()
    assert "Warnings the analyser suggests for this chapter" not in page
