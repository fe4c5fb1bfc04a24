from django.contrib import admin

from .models import AmbiguousAlias, CanonWork, Era, Tag, WranglingAction


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "canonical", "merger", "unwrangleable")
    list_filter = ("type", "canonical", "unwrangleable")
    search_fields = ("name",)
    # Names, canonical status and synonyms change through the wrangling pages, which keep
    # filter links and the wrangling log right; here only descriptions and analyser data.
    readonly_fields = ("name", "type", "canonical", "merger", "unwrangleable", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(Era)
class EraAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "fandom", "position")
    raw_id_fields = ("fandom", "main_characters")


@admin.register(CanonWork)
class CanonWorkAdmin(admin.ModelAdmin):
    list_display = ("title", "fandom", "position", "group", "era")
    search_fields = ("title",)
    raw_id_fields = ("fandom", "era")


@admin.register(AmbiguousAlias)
class AmbiguousAliasAdmin(admin.ModelAdmin):
    list_display = ("name", "tag")
    search_fields = ("name", "tag__name")
    raw_id_fields = ("tag",)


@admin.register(WranglingAction)
class WranglingActionAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "action", "tag_name")
    list_filter = ("action",)
    search_fields = ("tag_name",)

    def has_change_permission(self, request, obj=None):
        return False  # the record of wrangling is not edited
