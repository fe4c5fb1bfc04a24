from django.urls import path

from . import site_views

app_name = "core"

urlpatterns = [
    path("terms/", site_views.terms, name="terms"),
    path("privacy/", site_views.privacy, name="privacy"),
    path("site/settings/", site_views.settings_edit, name="settings"),
]
