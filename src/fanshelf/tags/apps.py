from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_fixed_tags(sender, **kwargs):
    """The fixed tags and the Wranglers group, made by migration 0003, are also put back after
    every migrate or flush (tests flush the database between transactional tests)."""
    from django.contrib.auth.models import Group, Permission

    from .models import CATEGORIES, RATINGS, WARNINGS, WRANGLERS_GROUP, Tag, TagType

    for tag_type, names in (
        (TagType.RATING, RATINGS),
        (TagType.WARNING, WARNINGS),
        (TagType.CATEGORY, CATEGORIES),
    ):
        for name in names:
            Tag.objects.get_or_create(type=tag_type, name=name, defaults={"canonical": True})
    group, _ = Group.objects.get_or_create(name=WRANGLERS_GROUP)
    permission = Permission.objects.filter(
        content_type__app_label="tags", codename="wrangle_tags"
    ).first()
    if permission:
        group.permissions.add(permission)
    from .common_tags import ensure_common_freeforms

    ensure_common_freeforms()


class TagsConfig(AppConfig):
    name = "fanshelf.tags"
    label = "tags"
    verbose_name = "Tags"

    def ready(self):
        # After django.contrib.auth's own handler, which creates the permission.
        post_migrate.connect(ensure_fixed_tags, sender=self)
