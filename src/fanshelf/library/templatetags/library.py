"""The shelf's pieces on other apps' pages: the work page's actions and "Continue reading",
a series' actions, the front page's "Continue reading" and a profile's links."""

from django import template
from django.conf import settings

from fanshelf.works.series_selectors import series_by_user

from ..bookmark_selectors import bookmark_of
from ..reading_selectors import continue_url, in_progress, reading_of
from ..subscription_selectors import subscription_to

register = template.Library()


def _common(context) -> dict:
    """What every shelf form needs: the reader, the CSRF token, the page to come back to."""
    request = context["request"]
    return {
        "user": request.user,
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path(),
    }


@register.inclusion_tag("library/_work_actions.html", takes_context=True)
def shelf_actions(context, work):
    common = _common(context)
    user = common["user"]
    reading = reading_of(user=user, work=work)
    return {
        **common,
        "work": work,
        "bookmark": bookmark_of(user=user, work=work),
        "subscription": subscription_to(user=user, work=work),
        "reading": reading,
        "continue_url": continue_url(reading) if reading else None,
    }


@register.inclusion_tag("library/_series_actions.html", takes_context=True)
def shelf_actions_for_series(context, series):
    common = _common(context)
    return {
        **common,
        "series": series,
        "bookmark": bookmark_of(user=common["user"], series=series),
        "subscription": subscription_to(user=common["user"], series=series),
    }


@register.inclusion_tag("library/_continue_reading.html", takes_context=True)
def continue_reading(context):
    user = context["request"].user
    readings = []
    if user.is_authenticated:
        readings = in_progress(user=user, limit=settings.FANSHELF_CONTINUE_READING_ON_FRONT)
        for reading in readings:
            reading.continue_url = continue_url(reading)
    return {"readings": readings}


@register.inclusion_tag("library/_profile_links.html", takes_context=True)
def profile_shelf(context, author, hide_series=False):
    common = _common(context)
    return {
        **common,
        "author": author,
        "subscription": subscription_to(user=common["user"], creator=author),
        "series": [] if hide_series else series_by_user(author=author, viewer=common["user"]),
    }
