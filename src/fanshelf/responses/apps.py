from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "fanshelf.responses"
    label = "responses"
    verbose_name = "Kudos, comments and hits"

    def ready(self):
        from django.db.models.signals import post_delete

        from fanshelf.inbox.kinds import register_kind
        from fanshelf.inbox.services import notifications_withdraw
        from fanshelf.works.signals import work_read, work_saved

        from .hits import record_hit
        from .models import Comment
        from .tasks import recount_responses

        register_kind(
            "comment",
            preference="comment_emails",
            label="E-mail me comments on my works and replies to my comments",
        )
        register_kind("reply", preference="comment_emails")
        register_kind(
            "own_comment",
            preference="own_comment_copies",
            label="E-mail me a copy of my own comments",
            default=False,
        )
        register_kind("kudos", preference="kudos_digest", label="E-mail me a daily digest of kudos")

        def count_hit(sender, work, request, **kwargs):
            record_hit(work=work, request=request)

        work_read.connect(count_hit, dispatch_uid="responses.count_hit", weak=False)

        def recount(sender, work, **kwargs):
            # A deleted chapter takes its comments with it: the work's counts follow.
            recount_responses(work.pk)

        work_saved.connect(recount, dispatch_uid="responses.recount", weak=False)

        def withdraw(sender, instance, **kwargs):
            # Comments deleted along with their chapter or work take their inbox rows along.
            notifications_withdraw(target=instance)

        post_delete.connect(withdraw, sender=Comment, dispatch_uid="responses.withdraw", weak=False)
