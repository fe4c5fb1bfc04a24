from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "fanshelf.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from fanshelf.inbox.kinds import register_kind

        from . import receivers  # noqa: F401  (holds likely spam before it goes public)

        register_kind(
            "moderation",
            preference="moderation_emails",
            label="E-mail me about reports I make and what moderators do about my account",
        )
