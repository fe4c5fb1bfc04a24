from django.urls import path, register_converter

from fanshelf.tags.converters import TagNameConverter

from . import views
from .feeds import TagWorksFeed


class FeedTagName(TagNameConverter):
    """Tag names spelled in URLs as the tags app spells them ("/" is "*s*")."""


register_converter(FeedTagName, "feedtag")

app_name = "search"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("fandoms/", views.fandoms, name="fandoms"),
    path("search/filters/", views.my_filters, name="my_filters"),
    path("search/saved/", views.saved, name="saved"),
    path("tags/<feedtag:name>/feed.atom", TagWorksFeed(), name="tag_feed"),
]
