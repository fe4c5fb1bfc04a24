from django.urls import path

from . import views

app_name = "inbox"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/update/", views.inbox_update, name="update"),
    path("preferences/notifications/", views.preferences, name="preferences"),
]
