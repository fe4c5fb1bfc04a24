from django import template

from ..models import WorkAnalysis
from ..selectors import pending_suggestions_by_type, reading_outcome, similar_works

register = template.Library()


@register.inclusion_tag("suggestions/_suggestions.html", takes_context=True)
def tag_suggestions(context, work):
    return {
        "work": work,
        "groups": pending_suggestions_by_type(work=work),
        "analysis": WorkAnalysis.objects.filter(work=work).first(),
        "outcome": reading_outcome(work=work),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("suggestions/_similar.html", takes_context=True)
def more_like_this(context, work):
    return {"similar": similar_works(work=work, viewer=context["request"].user)}
