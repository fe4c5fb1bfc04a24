"""Reads of the site settings."""

from .models import SiteSettings


def site_settings() -> SiteSettings:
    # Read fresh each time (one primary-key query), so every app server sees a change at once.
    current, _ = SiteSettings.objects.get_or_create(pk=1)
    return current
