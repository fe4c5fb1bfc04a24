from django import template
from django.conf import settings

from ..series_selectors import series_matching

register = template.Library()


@register.inclusion_tag("works/_series_results.html", takes_context=True)
def series_results(context):
    """Series whose titles have the search's words (leaving out -words), above the works found."""
    request = context["request"]
    typed = f"{request.GET.get('q', '')} {request.GET.get('title', '')}".replace('"', " ")
    text = " ".join(word for word in typed.split() if not word.startswith("-"))
    limit = settings.FANSHELF_SERIES_IN_SEARCH
    found = series_matching(viewer=request.user, text=text, limit=limit)
    return {"found": found, "user": request.user}
