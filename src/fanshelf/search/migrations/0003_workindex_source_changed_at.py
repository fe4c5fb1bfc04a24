from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def stamp_existing(apps, schema_editor):
    # Rows written before the stamp existed are taken as current, so an upgrade re-queues nothing.
    Work = apps.get_model("works", "Work")
    apps.get_model("search", "WorkIndex").objects.update(
        source_changed_at=Subquery(
            Work.objects.filter(pk=OuterRef("work_id")).values("changed_at")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_tagcount_type"),
        ("works", "0002_work_changed_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="workindex",
            name="source_changed_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(stamp_existing, migrations.RunPython.noop),
    ]
