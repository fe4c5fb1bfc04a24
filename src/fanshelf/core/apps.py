from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app may use: text normalisation, rate limits, error pages, site settings."""

    name = "fanshelf.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import jobs

        jobs.connect()
        post_migrate.connect(_create_cache_table, sender=self)


def _create_cache_table(sender, using, **kwargs):
    """`fanshelf migrate` also makes the database cache's table (in the database the router
    gives it, when the cache is a database cache)."""
    from django.conf import settings
    from django.core.management import call_command

    for alias in settings.DATABASES:
        call_command("createcachetable", database=alias, verbosity=0)
