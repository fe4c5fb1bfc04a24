from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "fanshelf.library"
    label = "library"
    verbose_name = "Library"

    def ready(self):
        from fanshelf.inbox.kinds import register_kind
        from fanshelf.responses.stats import register_stat_column

        from . import receivers
        from .stats import COLUMNS
        from .subscription_services import SUBSCRIPTION_KIND

        receivers.connect()
        register_kind(
            SUBSCRIPTION_KIND,
            preference="subscription_emails",
            label="E-mail me new works and chapters from my subscriptions",
        )
        for column in COLUMNS:
            register_stat_column(column)
