import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanshelf.settings")
if os.environ["DJANGO_SETTINGS_MODULE"] == "fanshelf.settings":
    from fanshelf.settings import prepare_data_folder

    prepare_data_folder()  # when gunicorn is started by hand, not by `fanshelf serve`
application = get_wsgi_application()


def read_search_memory() -> None:
    """Read the search bitmaps while the server starts (seconds at a million works), so no
    reader's first search waits for them. An archive not migrated yet reads them later."""
    from django.db import DatabaseError, connections

    from fanshelf.search.bitmaps import MEMORY

    try:
        MEMORY.sync()
    except DatabaseError:
        pass
    finally:
        connections.close_all()  # request threads open their own


read_search_memory()
