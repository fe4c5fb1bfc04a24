"""After `fanshelf generate`, the archive takes new sign-ups, works and tags as usual."""

from django.core.management import call_command

from fanshelf.accounts.services import user_signup
from fanshelf.search.models import WorkIndex
from fanshelf.search.services import stale_work_ids
from fanshelf.tags.models import Tag, TagType
from fanshelf.works.models import Work
from fanshelf.works.services import ChapterInput, work_create


def test_sign_up_and_post_after_generate(db):
    call_command("generate", works=60, seed=3)
    highest = Work.objects.order_by("-pk").values_list("pk", flat=True).first()
    user = user_signup(username="newcomer", email="new@example.invalid", password="a long pass 9")
    work = work_create(
        pseuds=[user.default_pseud],
        title="First Light",
        chapters=[ChapterInput(text="<p>One.</p>"), ChapterInput(text="<p>Two.</p>")],
    )
    assert work.pk > highest
    Tag.objects.create(name="Brand New Tag", type=TagType.FREEFORM)


def test_generated_works_are_not_stale_to_reconciliation(db):
    call_command("generate", works=40, seed=4)
    assert WorkIndex.objects.count() == 40
    assert stale_work_ids(limit=100) == []
