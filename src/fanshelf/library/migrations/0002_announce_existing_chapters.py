"""Chapters posted before subscriptions existed are not news: mark them announced, so the first
edit of an old work tells nobody about chapters they could have read for years."""

from django.db import migrations


def mark_announced(apps, schema_editor):
    Chapter = apps.get_model("works", "Chapter")
    Announcement = apps.get_model("library", "Announcement")
    rows = Chapter.objects.filter(posted=True, work__posted=True).values_list("pk", "work_id")
    batch = []
    for chapter_id, work_id in rows.iterator(chunk_size=5000):
        batch.append(Announcement(chapter_id=chapter_id, work_id=work_id))
        if len(batch) >= 5000:
            Announcement.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Announcement.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(mark_announced, migrations.RunPython.noop)]
