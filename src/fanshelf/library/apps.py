from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "fanshelf.library"
    label = "library"
    verbose_name = "Library"

    def ready(self):
        from . import receivers

        receivers.connect()
