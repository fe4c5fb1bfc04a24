from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0003_applied_reading_batch"),
    ]

    operations = [
        migrations.AddField(
            model_name="readingevent",
            name="landing",
            field=models.BooleanField(default=False),
        ),
    ]
