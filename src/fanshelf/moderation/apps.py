from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "fanshelf.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from . import receivers  # noqa: F401  (holds likely spam before it goes public)
