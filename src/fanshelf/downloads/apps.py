from django.apps import AppConfig


class DownloadsConfig(AppConfig):
    name = "fanshelf.downloads"
    label = "downloads"
    verbose_name = "Downloads"
