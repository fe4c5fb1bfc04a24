from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "fanshelf.inbox"
    label = "inbox"
    verbose_name = "Inbox and notifications"
