"""A creator's comments on their own anonymous work are signed "Anonymous Creator", on the page
and in the notices they cause."""

from django.urls import reverse

from fanshelf.inbox.models import Notification
from fanshelf.responses.services import comment_post


def test_the_creators_reply_on_their_anonymous_work_names_no_one(post_work, author, reader, client):
    work = post_work(title="Masked Story", anonymous=True)
    question = comment_post(work=work, user=reader, content="Who wrote this?")
    comment_post(work=work, user=author, content="Thank you!", parent=question)
    page = client.get(reverse("responses:comment", args=[question.pk])).content.decode()
    assert "Anonymous Creator" in page
    assert reverse("accounts:profile", args=["author"]) not in page
    told = Notification.objects.get(recipient=reader, kind="reply")
    assert told.subject == "Anonymous Creator replied to your comment on “Masked Story”"
    assert told.actor is None and told.actor_name == "Anonymous Creator"


def test_on_a_signed_work_the_creator_keeps_their_name(post_work, author, reader, client):
    work = post_work(title="Signed Story")
    question = comment_post(work=work, user=reader, content="Who wrote this?")
    comment_post(work=work, user=author, content="I did!", parent=question)
    page = client.get(reverse("responses:comment", args=[question.pk])).content.decode()
    assert "Anonymous Creator" not in page and ">author</a>" in page


def test_a_reader_who_muted_the_author_still_sees_the_anonymous_creators_reply(
    post_work, author, reader, client
):
    from fanshelf.accounts.models import Mute

    work = post_work(title="Masked Story", anonymous=True)
    question = comment_post(work=work, user=reader, content="Who wrote this?")
    comment_post(work=work, user=author, content="Thank you!", parent=question)
    Mute.objects.create(muter=reader, muted=author)
    client.force_login(reader)
    page = client.get(reverse("responses:comment", args=[question.pk])).content.decode()
    assert "Anonymous Creator" in page and "Thank you!" in page
