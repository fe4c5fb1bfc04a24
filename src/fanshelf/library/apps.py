from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "fanshelf.library"
    label = "library"
    verbose_name = "Library"

    def ready(self):
        from fanshelf.inbox.kinds import register_kind

        from . import receivers
        from .subscription_services import SUBSCRIPTION_KIND

        receivers.connect()
        register_kind(
            SUBSCRIPTION_KIND,
            preference="subscription_emails",
            label="E-mail me new works and chapters from my subscriptions",
        )
