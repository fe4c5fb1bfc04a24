from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from fanshelf.inbox.services import notifications_mark
from fanshelf.works.selectors import work_for_reading

from . import services
from .forms import CommentForm, CommentSettingsForm, EditCommentForm
from .hits import client_address
from .models import Comment
from .selectors import (
    comment_settings_for,
    comment_visible_to,
    kudos_summary,
    may_manage,
    moderation_queue,
    thread_from,
)


def _next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def _comment_for(request, comment_id: int) -> tuple[Comment, bool]:
    """The comment, if its work is readable by this viewer and the comment shown to them."""
    comment = get_object_or_404(Comment.objects.select_related("parent"), pk=comment_id)
    comment.work = work_for_reading(viewer=request.user, work_id=comment.work_id)
    manager = comment.work.is_creator or request.user.is_staff
    if not comment_visible_to(comment=comment, viewer=request.user, manager=manager):
        raise Http404("No such comment, or you can't see it.")
    return comment, manager


def _anchor(comment: Comment) -> str:
    return f"{comment.work.get_absolute_url()}?show_comments=1#comment-{comment.pk}"


@require_POST
def kudos_leave(request, work_id):
    work = work_for_reading(viewer=request.user, work_id=work_id)
    try:
        services.kudos_leave(work=work, user=request.user, address=client_address(request))
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, "Thank you for leaving kudos!")
    return redirect(_next(request, work.get_absolute_url()) + "#kudos")


def kudos_list(request, work_id):
    work = work_for_reading(viewer=request.user, work_id=work_id)
    return render(
        request,
        "responses/kudos.html",
        {"work": work, "kudos": kudos_summary(work, limit=100_000)},
    )


def _post(request, *, work, parent=None):
    """Post a comment from a form; on a refusal, show the form again with the text kept."""
    form = CommentForm(request.POST, user=request.user)
    chapter = None
    if request.POST.get("chapter", "").isdigit():
        chapter = next(
            (c for c in work.readable_chapters if c.pk == int(request.POST["chapter"])), None
        )
    if form.is_valid():
        try:
            comment = services.comment_post(
                work=work,
                user=request.user,
                content=form.cleaned_data["content"],
                chapter=chapter or (parent.chapter if parent else None),
                parent=parent,
                pseud=form.chosen_pseud(),
                guest_name=form.cleaned_data.get("guest_name", ""),
                guest_email=form.cleaned_data.get("guest_email", ""),
                address=client_address(request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            replied_from_inbox = request.POST.get("notification", "").isdigit()
            if replied_from_inbox and request.user.is_authenticated:
                notifications_mark(
                    user=request.user, ids=[int(request.POST["notification"])], read=True
                )
            if comment.status == Comment.Status.PENDING:
                messages.info(request, "Your comment was received and is awaiting approval.")
            else:
                messages.success(request, "Comment posted.")
            return redirect(_next(request, _anchor(comment)))
    context = {
        "form": form,
        "work": work,
        "parent": parent,
        "chapter": chapter,
        "next": _next(request, ""),
    }
    return render(request, "responses/comment_form.html", context, status=400)


@require_POST
def comment_new(request, work_id):
    work = work_for_reading(viewer=request.user, work_id=work_id)
    return _post(request, work=work)


@require_http_methods(["GET", "POST"])
def comment_reply(request, comment_id):
    parent, _ = _comment_for(request, comment_id)
    if request.method == "POST":
        return _post(request, work=parent.work, parent=parent)
    form = CommentForm(user=request.user)
    return render(
        request,
        "responses/comment_form.html",
        {"form": form, "work": parent.work, "parent": parent, "next": _next(request, "")},
    )


def comment_detail(request, comment_id):
    comment, manager = _comment_for(request, comment_id)
    node = thread_from(comment=comment, viewer=request.user, manager=manager)
    return render(
        request,
        "responses/thread.html",
        {"node": node, "work": comment.work, "manager": manager, "comment": comment},
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request, comment_id):
    comment, _ = _comment_for(request, comment_id)
    form = EditCommentForm(request.POST or None, initial={"content": comment.content})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(
                comment=comment, user=request.user, content=form.cleaned_data["content"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Comment updated.")
            return redirect(_anchor(comment))
    return render(request, "responses/comment_edit.html", {"form": form, "comment": comment})


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request, comment_id):
    comment, _ = _comment_for(request, comment_id)
    if request.method == "POST":
        try:
            services.comment_delete(comment=comment, by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Comment deleted.")
        return redirect(f"{comment.work.get_absolute_url()}?show_comments=1#comments")
    return render(request, "responses/comment_delete.html", {"comment": comment})


def _manage(request, comment_id, action, done: str):
    comment, _ = _comment_for(request, comment_id)
    try:
        action(comment)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, done)
    return redirect(_next(request, _anchor(comment)))


@login_required
@require_POST
def comment_freeze(request, comment_id):
    frozen = request.POST.get("frozen", "1") == "1"
    return _manage(
        request,
        comment_id,
        lambda c: services.comment_freeze(comment=c, by=request.user, frozen=frozen),
        "Thread frozen." if frozen else "Thread unfrozen.",
    )


@login_required
@require_POST
def comment_approve(request, comment_id):
    return _manage(
        request,
        comment_id,
        lambda c: services.comment_approve(comment=c, by=request.user),
        "Comment approved.",
    )


@login_required
@require_POST
def comment_reject(request, comment_id):
    return _manage(
        request,
        comment_id,
        lambda c: services.comment_reject(comment=c, by=request.user),
        "Comment rejected.",
    )


def _managed_work(request, work_id):
    work = work_for_reading(viewer=request.user, work_id=work_id)
    if not may_manage(user=request.user, work=work):
        raise Http404("Only the work's creators can see this.")
    return work


@login_required
def moderation(request, work_id):
    work = _managed_work(request, work_id)
    return render(
        request,
        "responses/queue.html",
        {"work": work, "comments": moderation_queue(work=work), "manager": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_settings(request, work_id):
    work = _managed_work(request, work_id)
    form = CommentSettingsForm(request.POST or None, instance=comment_settings_for(work))
    if request.method == "POST" and form.is_valid():
        services.comment_settings_update(work=work, **form.cleaned_data)
        messages.success(request, "Comment settings saved.")
        return redirect(work)
    return render(request, "responses/settings.html", {"form": form, "work": work})
