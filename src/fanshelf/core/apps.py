from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app may use: text normalisation, rate limits, error pages, site settings."""

    name = "fanshelf.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import cache, jobs

        jobs.connect()
        post_migrate.connect(_create_cache_table, sender=self)
        connection_created.connect(cache.ensure_cache_database)


def _create_cache_table(sender, using, **kwargs):
    """`fanshelf migrate` also makes the database cache's table, when the cache is kept in the
    database being migrated."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
