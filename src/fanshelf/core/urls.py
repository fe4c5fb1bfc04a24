from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("terms/", views.terms, name="terms"),
    path("privacy/", views.privacy, name="privacy"),
    path("site/settings/", views.settings_edit, name="settings"),
]
