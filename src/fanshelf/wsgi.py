import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanshelf.settings")
if os.environ["DJANGO_SETTINGS_MODULE"] == "fanshelf.settings":
    from fanshelf.settings import prepare_data_folder

    prepare_data_folder()  # when gunicorn is started by hand, not by `fanshelf serve`
application = get_wsgi_application()
