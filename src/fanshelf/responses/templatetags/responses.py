from django import template
from django.conf import settings
from django.core.paginator import Paginator

from fanshelf.core.selectors import guest_comments_allowed

from ..forms import CommentForm
from ..models import CommentSettings
from ..selectors import (
    comment_settings_for,
    has_left_kudos,
    kudos_summary,
    threads,
    top_level_comments,
)

register = template.Library()


def may_comment(work, user, comment_settings) -> bool:
    if not work.posted or comment_settings.permission == CommentSettings.Permission.NOBODY:
        return False
    if user.is_authenticated:
        return True
    return (
        not work.restricted
        and comment_settings.permission == CommentSettings.Permission.ANYONE
        and guest_comments_allowed()
    )


@register.inclusion_tag("responses/_work_responses.html", takes_context=True)
def work_responses(context, work, chapter=None):
    """Kudos, the comment form and (when asked for) the comment threads under a work."""
    request = context["request"]
    user = request.user
    comment_settings = comment_settings_for(work)
    manager = work.is_creator or user.is_staff
    show = request.GET.get("show_comments") == "1"
    data = {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "work": work,
        "chapter": chapter,
        "user": user,
        "manager": manager,
        "kudos": kudos_summary(work),
        "left_kudos": has_left_kudos(work=work, user=user),
        "comment_settings": comment_settings,
        "may_comment": may_comment(work, user, comment_settings),
        "show_comments": show,
        "form": CommentForm(user=user),
    }
    if show:
        top = top_level_comments(work=work, viewer=user, manager=manager).order_by("created_at")
        page = Paginator(top, settings.FANSHELF_COMMENTS_PER_PAGE).get_page(
            request.GET.get("comments_page")
        )
        data["page"] = page
        data["threads"] = threads(work=work, viewer=user, manager=manager, top_level=list(page))
    return data
