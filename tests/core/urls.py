"""The site's URLs plus one view that fails, to reach the 500 page."""

from django.urls import path

from fanshelf.urls import handler400, handler403, handler404, handler500, urlpatterns


def _fail(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [*urlpatterns, path("test-fails/", _fail)]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
