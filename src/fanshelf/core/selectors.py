"""Reads of the site settings."""

from django.conf import settings

from .models import SiteSettings


def site_settings() -> SiteSettings:
    # Read fresh each time (one primary-key query), so every app server sees a change at once.
    current, _ = SiteSettings.objects.get_or_create(pk=1)
    return current


def guest_comments_allowed() -> bool:
    """Staff switch guest comments on and off on the site settings page; an installation can
    keep them off whatever the page says (FANSHELF_GUEST_COMMENTS=0)."""
    return settings.FANSHELF_GUEST_COMMENTS and site_settings().guest_comments
