"""Writes of the site settings."""

from django.db import transaction

from .models import SiteSettings


@transaction.atomic
def site_settings_update(**fields) -> SiteSettings:
    current, _ = SiteSettings.objects.select_for_update().get_or_create(pk=1)
    for name, value in fields.items():
        setattr(current, name, value)
    current.save()
    return current
