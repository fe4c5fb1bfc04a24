from django.apps import AppConfig


class DownloadsConfig(AppConfig):
    name = "fanshelf.downloads"
    label = "downloads"
    verbose_name = "Downloads"

    def ready(self):
        from django.db.models.signals import post_delete

        from fanshelf.responses.stats import register_stat_column
        from fanshelf.works.models import Work

        from .files import forget_files
        from .stats import DOWNLOADS

        register_stat_column(DOWNLOADS)

        def remove_files(sender, instance, **kwargs):
            forget_files(instance.pk)

        post_delete.connect(remove_files, sender=Work, dispatch_uid="downloads_forget_files")
