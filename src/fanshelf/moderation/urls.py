from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("report/<str:kind>/<int:target_id>/", views.report_new, name="report"),
    path("appeal/", views.appeal, name="appeal"),
    path("", views.queue, name="queue"),
    path("reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("log/", views.log, name="log"),
    path("hidden/<str:kind>/<int:target_id>/unhide/", views.content_unhide, name="unhide"),
    path("appeals/", views.appeals, name="appeals"),
    path("users/<int:user_id>/<str:what>/", views.user_restore, name="user_restore"),
    path("invitations/", views.invitation_admin, name="invitations"),
]
