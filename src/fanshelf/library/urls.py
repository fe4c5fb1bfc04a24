from django.urls import path

from . import reading_views, subscription_views, views
from .feeds import SubscriptionFeed

app_name = "library"

urlpatterns = [
    path("bookmarks/", views.bookmark_search, name="bookmarks"),
    path("bookmarks/external/new/", views.bookmark_external, name="bookmark_external"),
    path("bookmarks/<int:bookmark_id>/", views.bookmark_detail, name="bookmark"),
    path("bookmarks/<int:bookmark_id>/edit/", views.bookmark_edit, name="bookmark_edit"),
    path("bookmarks/<int:bookmark_id>/delete/", views.bookmark_delete, name="bookmark_delete"),
    path("works/<int:work_id>/bookmarks/", views.work_bookmarks, name="work_bookmarks"),
    path("works/<int:work_id>/bookmark/", views.bookmark_work, name="bookmark_work"),
    path("series/<int:series_id>/bookmark/", views.bookmark_series, name="bookmark_series"),
    path("users/<str:username>/bookmarks/", views.user_bookmarks, name="user_bookmarks"),
    path("works/<int:work_id>/later/", reading_views.mark_for_later, name="mark_for_later"),
    path("history/", reading_views.history_page, name="history"),
    path("history/clear/", reading_views.history_clear, name="history_clear"),
    path("later/", reading_views.later_page, name="later"),
    path("reading/position/", reading_views.reading_position, name="position"),
    path("shelf/preferences/", reading_views.preferences, name="preferences"),
    path("subscriptions/", subscription_views.subscriptions, name="subscriptions"),
    path("subscriptions/new/", subscription_views.subscribe, name="subscribe"),
    path(
        "subscriptions/<int:subscription_id>/delete/",
        subscription_views.unsubscribe,
        name="unsubscribe",
    ),
    path("subscriptions/feed/reset/", subscription_views.feed_reset, name="feed_reset"),
    path("subscriptions/feed/<str:token>.atom", SubscriptionFeed(), name="feed"),
]
