from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Pseud, User


class PseudInline(admin.TabularInline):
    model = Pseud
    extra = 0


@admin.register(User)
class FanshelfUserAdmin(UserAdmin):
    inlines = [PseudInline]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Reading", {"fields": ("theme", "hide_notes", "chapter_warnings")}),
    )
