"""Comments, kudos and their notifications show exactly where the work does."""

import pytest
from django.test import Client
from django.urls import reverse

from fanshelf.inbox.selectors import inbox_for
from fanshelf.responses import services
from fanshelf.responses.models import Comment

pytestmark = pytest.mark.django_db


def test_no_one_comments_on_a_draft(as_author, post_work, settle):
    draft = post_work(post=False)
    response = as_author.post(
        reverse("responses:comment_new", args=[draft.pk]), {"content": "Note to self"}
    )
    assert response.status_code == 400
    assert "Comments can&#x27;t be left on a draft." in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_on_a_restricted_work_are_hidden_from_guests(as_user, post_work, settle):
    work = post_work(restricted=True)
    settle(as_user.post, reverse("responses:comment_new", args=[work.pk]), {"content": "Psst"})
    comment = Comment.objects.get()
    guest = Client()
    assert guest.get(reverse("responses:comment", args=[comment.pk])).status_code == 404
    assert guest.get(reverse("responses:reply", args=[comment.pk])).status_code == 404
    assert as_user.get(reverse("responses:comment", args=[comment.pk])).status_code == 200


def test_comments_vanish_with_their_work_when_it_goes_back_to_draft(as_user, author, work, settle):
    settle(as_user.post, reverse("responses:comment_new", args=[work.pk]), {"content": "Hi"})
    comment = Comment.objects.get()
    work.posted = False
    work.save()
    assert as_user.get(reverse("responses:comment", args=[comment.pk])).status_code == 404
    assert inbox_for(user=author).count() == 1  # the author may still open their draft


def test_a_reply_notification_is_hidden_when_the_work_is_hidden(
    as_user, as_author, reader, work, settle
):
    settle(as_user.post, reverse("responses:comment_new", args=[work.pk]), {"content": "Hi"})
    parent = Comment.objects.get()
    settle(as_author.post, reverse("responses:reply", args=[parent.pk]), {"content": "Thanks"})
    assert inbox_for(user=reader).count() == 1
    work.hidden_by_admin = True
    work.save()
    assert inbox_for(user=reader).count() == 0


def test_a_comment_awaiting_approval_is_not_visible_by_its_address(as_user, work, settle):
    services.comment_settings_update(work=work, permission="registered", moderated=True)
    settle(as_user.post, reverse("responses:comment_new", args=[work.pk]), {"content": "Wait"})
    held = Comment.objects.get()
    assert Client().get(reverse("responses:comment", args=[held.pk])).status_code == 404
    assert as_user.get(reverse("responses:comment", args=[held.pk])).status_code == 200
