from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("fanshelf.accounts.urls")),
    path("", include("fanshelf.works.urls")),
    path("", include("fanshelf.search.urls")),
    path("tags/", include("fanshelf.tags.urls")),
    path("", include("fanshelf.suggestions.urls")),
    path("", include("fanshelf.core.urls")),
    path("moderation/", include("fanshelf.moderation.urls")),
    path("", include("fanshelf.inbox.urls")),
    path("", include("fanshelf.responses.urls")),
]
