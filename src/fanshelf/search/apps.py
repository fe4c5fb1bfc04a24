from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "fanshelf.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from . import pages, receivers, saved_searches

        receivers.connect()
        pages.provide_listings()
        saved_searches.register_notification_kind()
