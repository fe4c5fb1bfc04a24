from django import template

from fanshelf.works.creators import creators_hidden, series_creators_hidden

register = template.Library()


@register.filter
def hides_creators_from(work, viewer) -> bool:
    """{% if work|hides_creators_from:user %}: an anonymous work this reader didn't write."""
    return creators_hidden(work, viewer or None)  # no user in the context: a guest


@register.filter
def hides_series_creators_from(series, viewer) -> bool:
    """{% if series|hides_series_creators_from:user %}: a series with an anonymous work."""
    return series_creators_hidden(series, viewer or None)
