"""Reads of the site settings, cached briefly since every sign-up and footer asks for them."""

from django.core.cache import cache

from .models import SiteSettings

_CACHE_KEY = "core:site-settings"
_CACHE_SECONDS = 60


def site_settings() -> SiteSettings:
    current = cache.get(_CACHE_KEY)
    if current is None:
        current, _ = SiteSettings.objects.get_or_create(pk=1)
        cache.set(_CACHE_KEY, current, _CACHE_SECONDS)
    return current


def forget_site_settings() -> None:
    cache.delete(_CACHE_KEY)
