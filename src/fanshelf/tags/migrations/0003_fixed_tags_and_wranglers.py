"""The fixed tags (ratings, archive warnings, categories) and the Wranglers group."""

from django.db import migrations

RATINGS = ("Not Rated", "General Audiences", "Teen And Up Audiences", "Mature", "Explicit")
WARNINGS = (
    "Creator Chose Not To Use Archive Warnings",
    "No Archive Warnings Apply",
    "Graphic Depictions Of Violence",
    "Major Character Death",
    "Rape/Non-Con",
    "Underage Sex",
)
CATEGORIES = ("Gen", "F/M", "M/M", "F/F", "Multi", "Other")


def create_fixed_tags(apps, schema_editor):
    Tag = apps.get_model("tags", "Tag")
    for tag_type, names in (("rating", RATINGS), ("warning", WARNINGS), ("category", CATEGORIES)):
        for name in names:
            tag = Tag.objects.filter(type=tag_type, name__iexact=name).first()
            if tag is None:
                Tag.objects.create(type=tag_type, name=name, canonical=True)
            elif not tag.canonical or tag.name != name:
                tag.name, tag.canonical, tag.merger = name, True, None
                tag.save()


def create_wranglers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="tags", model="tag")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="wrangle_tags",
        defaults={"name": "Can wrangle tags"},
    )
    group, _ = Group.objects.get_or_create(name="Wranglers")
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("tags", "0002_knowledge_and_prefix_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_fixed_tags, migrations.RunPython.noop),
        migrations.RunPython(create_wranglers, migrations.RunPython.noop),
    ]
