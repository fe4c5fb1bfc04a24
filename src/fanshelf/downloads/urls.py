from django.urls import path, register_converter

from fanshelf.tags.converters import TagNameConverter

from . import opds, views


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
]

urlpatterns = [
    path("works/<int:work_id>/download/<slug:extension>", views.download, name="download"),
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
]
