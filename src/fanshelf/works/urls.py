from django.urls import path

from . import series_views, views

app_name = "works"

urlpatterns = [
    path("", views.front, name="front"),
    path("works/new/", views.work_new, name="new"),
    path("works/import/", views.work_import, name="import"),
    path("works/<int:work_id>/", views.work_detail, name="detail"),
    path("works/<int:work_id>/chapters/<int:position>/", views.chapter_detail, name="chapter"),
    path("works/<int:work_id>/edit/", views.work_edit, name="edit"),
    path("works/<int:work_id>/post/", views.work_post, name="post"),
    path("works/<int:work_id>/delete/", views.work_delete, name="delete"),
    path("works/<int:work_id>/chapters/new/", views.chapter_new, name="chapter_new"),
    path("works/<int:work_id>/chapters/order/", views.chapters_reorder, name="chapters_reorder"),
    path(
        "works/<int:work_id>/chapters/<int:chapter_id>/edit/",
        views.chapter_edit,
        name="chapter_edit",
    ),
    path(
        "works/<int:work_id>/chapters/<int:chapter_id>/delete/",
        views.chapter_delete,
        name="chapter_delete",
    ),
    path("series/new/", series_views.series_new, name="series_new"),
    path("series/<int:series_id>/", series_views.series_detail, name="series"),
    path("series/<int:series_id>/edit/", series_views.series_edit, name="series_edit"),
    path("series/<int:series_id>/order/", series_views.series_reorder, name="series_reorder"),
    path("series/<int:series_id>/delete/", series_views.series_delete, name="series_delete"),
    path(
        "series/<int:series_id>/works/<int:work_id>/remove/",
        series_views.series_remove_work,
        name="series_remove_work",
    ),
]
