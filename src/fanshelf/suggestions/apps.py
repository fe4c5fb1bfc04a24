from django.apps import AppConfig


class SuggestionsConfig(AppConfig):
    name = "fanshelf.suggestions"
    label = "suggestions"
    verbose_name = "Tag suggestions"

    def ready(self):
        from fanshelf.works.signals import work_saved

        from .tasks import analyze_work_job

        def queue_analysis(sender, work, **kwargs):
            analyze_work_job(work.pk)

        work_saved.connect(queue_analysis, dispatch_uid="suggestions.queue_analysis", weak=False)
