from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app may use: text normalisation, rate limits, error pages, site settings."""

    name = "fanshelf.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from . import jobs

        jobs.connect()
