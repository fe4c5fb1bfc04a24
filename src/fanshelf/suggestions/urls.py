from django.urls import path

from . import views

app_name = "suggestions"

urlpatterns = [
    path("works/<int:work_id>/suggestions/", views.decide, name="decide"),
    path("works/<int:work_id>/suggestions/reanalyze/", views.reanalyze, name="reanalyze"),
]
