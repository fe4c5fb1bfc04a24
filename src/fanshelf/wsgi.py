import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanshelf.settings")
if os.environ["DJANGO_SETTINGS_MODULE"] == "fanshelf.settings":
    from fanshelf.settings import prepare_data_folder

    prepare_data_folder()  # when gunicorn is started by hand, not by `fanshelf serve`
application = get_wsgi_application()


def read_search_memory() -> None:
    """Read the search bitmaps while the server starts (seconds at a million works), so no
    reader's first search waits the whole time; a search arriving meanwhile waits for the
    rest. An archive not migrated yet reads them at its first search."""
    from django.db import DatabaseError, connections

    from fanshelf.search.backends.local_text_build import start_at_server_start
    from fanshelf.search.bitmaps import MEMORY

    try:
        MEMORY.sync()
        start_at_server_start()  # PostgreSQL: the text file on this machine (may build it)
    except DatabaseError:
        pass
    finally:
        connections.close_all()  # this thread's own


# In a thread, so a worker starts answering at once (and a slow load never trips gunicorn's
# boot timeout).
search_memory_reader = threading.Thread(target=read_search_memory, daemon=True)
search_memory_reader.start()
