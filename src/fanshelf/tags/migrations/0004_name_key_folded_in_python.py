from django.db import migrations, models

from fanshelf.core.text import fold


def fill_name_keys(apps, schema_editor):
    Tag = apps.get_model("tags", "Tag")
    batch = []
    for tag in Tag.objects.only("pk", "name").iterator(chunk_size=2000):
        tag.name_lower = fold(tag.name)
        batch.append(tag)
        if len(batch) >= 2000:
            Tag.objects.bulk_update(batch, ["name_lower"])
            batch = []
    Tag.objects.bulk_update(batch, ["name_lower"])


class Migration(migrations.Migration):
    dependencies = [("tags", "0003_fixed_tags_and_wranglers")]

    operations = [
        migrations.RemoveConstraint(model_name="tag", name="tag_name_unique_per_type"),
        migrations.RemoveIndex(model_name="tag", name="tag_type_name_prefix"),
        migrations.RemoveField(model_name="tag", name="name_lower"),
        migrations.AddField(
            model_name="tag",
            name="name_lower",
            field=models.CharField(default="", editable=False, max_length=300),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="tag",
            index=models.Index(
                fields=["type", "name_lower"],
                name="tag_type_name_prefix",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
        ),
        migrations.AddConstraint(
            model_name="tag",
            constraint=models.UniqueConstraint(
                fields=["type", "name_lower"], name="tag_name_unique_per_type"
            ),
        ),
    ]
