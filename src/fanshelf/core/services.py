"""Writes of the site settings."""

from django.db import transaction

from .models import SiteSettings
from .selectors import forget_site_settings


@transaction.atomic
def site_settings_update(**fields) -> SiteSettings:
    current, _ = SiteSettings.objects.select_for_update().get_or_create(pk=1)
    for name, value in fields.items():
        setattr(current, name, value)
    current.save()
    transaction.on_commit(forget_site_settings)
    return current
