from django.urls import path, register_converter

from . import views, wrangling_views
from .converters import TagNameConverter

register_converter(TagNameConverter, "tagname")

app_name = "tags"

urlpatterns = [
    path("", views.index, name="index"),
    path("autocomplete", views.autocomplete, name="autocomplete"),
    path("wrangle/", wrangling_views.home, name="wrangle"),
    path("wrangle/find/", wrangling_views.find, name="wrangle_find"),
    path("wrangle/new/", wrangling_views.new_tag, name="wrangle_new"),
    path("wrangle/log/", wrangling_views.log, name="wrangle_log"),
    path("wrangle/packs/", wrangling_views.packs, name="wrangle_packs"),
    path("wrangle/bins/none/", wrangling_views.loose_bin, name="wrangle_loose"),
    path("wrangle/bins/<int:fandom_id>/", wrangling_views.fandom_bin, name="wrangle_bin"),
    path("wrangle/tags/<int:tag_id>/", wrangling_views.tag, name="wrangle_tag"),
    path("<tagname:name>/", views.detail, name="detail"),
    path("<tagname:name>/works", views.works, name="works"),
]
