from django.urls import path, register_converter

from fanshelf.tags.converters import TagNameConverter

from . import opds, opds_shelves, views


class OpdsTagName(TagNameConverter):
    """Tag names spelled in URLs as the tags app spells them ("/" is "*s*")."""


register_converter(OpdsTagName, "opdstag")

app_name = "downloads"

_catalogue = [
    ("", opds.root, "root"),
    ("recent/", opds.recent, "recent"),
    ("fandoms/", opds.fandoms, "fandoms"),
    ("tags/<opdstag:name>/", opds.tag_works, "tag"),
    ("search/", opds.search, "search"),
    ("opensearch.xml", opds.opensearch, "opensearch"),
    ("series/", opds_shelves.series_index, "series_index"),
    ("series/<int:series_id>/", opds_shelves.series_feed, "series"),
    ("shelves/<slug:shelf>/", opds_shelves.shelf, "shelf"),
]

urlpatterns = [
    path("works/<int:work_id>/download/<slug:extension>", views.download, name="download"),
    path("series/<int:series_id>/download/epub", views.series_download, name="series"),
    path("later/download/epub", views.marked_download, name="marked"),
    path("opds/token/", views.opds_token, name="opds_token"),
    *(path(f"opds/{route}", view, name=f"opds_{name}") for route, view, name in _catalogue),
    *(
        path(f"opds/u/<str:token>/{route}", view, name=f"opds_u_{name}")
        for route, view, name in _catalogue
    ),
    path(
        "opds/u/<str:token>/works/<int:work_id>/download/<slug:extension>",
        views.download,
        name="opds_u_download",
    ),
    path(
        "opds/u/<str:token>/series/<int:series_id>/download/epub",
        views.series_download,
        name="opds_u_series_download",
    ),
    path("opds/u/<str:token>/later/download/epub", views.marked_download, name="opds_u_marked"),
]
