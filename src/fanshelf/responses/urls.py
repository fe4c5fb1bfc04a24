from django.urls import path

from . import stats_views, views

app_name = "responses"

urlpatterns = [
    path("works/<int:work_id>/kudos/", views.kudos_leave, name="kudos"),
    path("works/<int:work_id>/kudos/all/", views.kudos_list, name="kudos_list"),
    path("works/<int:work_id>/comments/", views.comment_new, name="comment_new"),
    path("works/<int:work_id>/comments/queue/", views.moderation, name="queue"),
    path("works/<int:work_id>/comments/settings/", views.comment_settings, name="settings"),
    path("comments/<int:comment_id>/", views.comment_detail, name="comment"),
    path("comments/<int:comment_id>/reply/", views.comment_reply, name="reply"),
    path("comments/<int:comment_id>/edit/", views.comment_edit, name="edit"),
    path("comments/<int:comment_id>/delete/", views.comment_delete, name="delete"),
    path("comments/<int:comment_id>/freeze/", views.comment_freeze, name="freeze"),
    path("comments/<int:comment_id>/approve/", views.comment_approve, name="approve"),
    path("comments/<int:comment_id>/reject/", views.comment_reject, name="reject"),
    path("users/<str:username>/stats/", stats_views.author_stats, name="stats"),
]
