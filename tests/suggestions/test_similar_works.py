""" "More like this" on a work's page lists only works the reader would see in any listing."""

import pytest

from fanshelf.accounts.models import Mute
from fanshelf.accounts.services import user_signup
from fanshelf.suggestions.services import work_analyze
from fanshelf.tags.models import Tag, TagType
from fanshelf.tags.services import work_set_tags
from fanshelf.works.services import ChapterInput, work_create

pytestmark = pytest.mark.django_db

STORY = (
    "The lighthouse keeper climbed the spiral stair each evening to light the great lamp. "
    "Gulls wheeled over the harbour and the keeper watched the fishing boats come home."
)


def _post(user, title):
    work = work_create(
        pseuds=[user.default_pseud],
        title=title,
        chapters=[ChapterInput(text=STORY)],
        text_format="plain",
    )
    work_set_tags(
        work=work,
        rating="General Audiences",
        warnings=["No Archive Warnings Apply"],
        fandoms=["Lighthouse Tales"],
    )
    work_analyze(work=work)
    return work


def test_a_muted_creators_works_are_not_offered_as_more_like_this(client, author, reader):
    Tag.objects.create(name="Lighthouse Tales", type=TagType.FANDOM, canonical=True)
    loud = user_signup(username="loud", email="l@example.invalid", password="a long pass 55")
    opened = _post(author, "The Keeper")
    _post(author, "The Keeper's Daughter")
    _post(loud, "The Loud Keeper")
    client.force_login(reader)
    before = client.get(f"/works/{opened.pk}/").content.decode()
    assert "More like this" in before and "The Loud Keeper" in before
    Mute.objects.create(muter=reader, muted=loud)
    page = client.get(f"/works/{opened.pk}/").content.decode()
    assert "The Keeper&#x27;s Daughter" in page and "The Loud Keeper" not in page
