"""Fanshelf's one settings module, configured by environment variables.

FANSHELF_HOME      data folder (database, uploads, job queue); default ./var
DATABASE_URL       e.g. postgres://user@host:5432/name; default SQLite in FANSHELF_HOME
REDIS_URL          when set, background jobs and the cache use Redis
FANSHELF_PRODUCTION=1  secure cookies, HSTS, no debug; needs FANSHELF_SECRET_KEY and
                   FANSHELF_ALLOWED_HOSTS
FANSHELF_EMAIL_HOST (+ _PORT, _USER, _PASSWORD, _USE_TLS)  send mail by SMTP instead of the console
"""

import functools
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.crypto import get_random_string
from django.utils.functional import lazy


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


PACKAGE_DIR = Path(__file__).resolve().parent
# Nothing is written while settings load (`fanshelf COMMAND --help` must leave no trace): the data
# folder, the secret key and the job queue's file are made at their first real use.
FANSHELF_HOME = Path(os.environ.get("FANSHELF_HOME", "var")).resolve()

PRODUCTION = _env_bool("FANSHELF_PRODUCTION")
DEBUG = _env_bool("FANSHELF_DEBUG", default=False)


def prepare_data_folder() -> Path:
    """The data folder and the static folder WhiteNoise expects, made if missing."""
    FANSHELF_HOME.mkdir(parents=True, exist_ok=True)
    if not PRODUCTION:
        (FANSHELF_HOME / "static").mkdir(exist_ok=True)
    return FANSHELF_HOME


@functools.cache
def _installation_secret_key() -> str:
    """A per-installation key kept in the data folder, so sessions survive restarts."""
    key_file = prepare_data_folder() / "secret_key"
    try:
        with os.fdopen(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write(get_random_string(64))
    except FileExistsError:
        pass  # made earlier, or by another process just now
    return key_file.read_text().strip()


if os.environ.get("FANSHELF_SECRET_KEY"):
    SECRET_KEY = os.environ["FANSHELF_SECRET_KEY"]
elif PRODUCTION:
    raise ImproperlyConfigured(
        "FANSHELF_SECRET_KEY is not set. In production (FANSHELF_PRODUCTION=1) the secret key "
        "must come from the environment: set FANSHELF_SECRET_KEY to a long random string, e.g. "
        "the output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
else:
    SECRET_KEY = lazy(_installation_secret_key, str)()

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("FANSHELF_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("FANSHELF_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "huey.contrib.djhuey",
    "fanshelf.core",
    "csp",
    "fanshelf.accounts",
    "fanshelf.works",
    "fanshelf.tags",
    "fanshelf.suggestions",
    "fanshelf.search",
    "fanshelf.moderation",
    "fanshelf.inbox",
    "fanshelf.responses",
    "fanshelf.library",
    "fanshelf.downloads",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The policies first, so the "Slow down" page carries them too.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "fanshelf.core.ratelimits.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "fanshelf.accounts.middleware.AccountStandingMiddleware",
    # Before any view reads the request's text (CSRF's check reads it only in the view phase).
    "fanshelf.core.input.InputMiddleware",
    "fanshelf.core.budget.TextBudgetMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "fanshelf.urls"
WSGI_APPLICATION = "fanshelf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fanshelf.accounts.context_processors.reader_preferences",
                "fanshelf.inbox.context_processors.inbox",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{FANSHELF_HOME / 'fanshelf.sqlite3'}"),
        conn_max_age=_env_int("FANSHELF_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and the background worker share the file without blocking.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("FANSHELF_TEST_DB_NAME") or None}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not os.environ.get(
    "REDIS_URL"
):
    # The cache (rate-limit counters, written on every request) in a file of its own, so that
    # its writes never wait for the archive's single write lock.
    DATABASES["cache"] = {
        **DATABASES["default"],
        "NAME": str(FANSHELF_HOME / "cache.sqlite3"),
        "TEST": {"NAME": None},
    }
DATABASE_ROUTERS = ["fanshelf.core.cache.CacheRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "works:front"
LOGOUT_REDIRECT_URL = "works:front"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = FANSHELF_HOME / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, serve static files straight from the app folders (no collectstatic step).
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = FANSHELF_HOME / "media"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "fanshelf",
        "url": REDIS_URL,
        "immediate": False,
    }
else:
    # In the database, so every process of the archive shares it (rate limits are counted here).
    CACHES = {
        "default": {
            "BACKEND": "fanshelf.core.cache.CounterDatabaseCache",
            "LOCATION": "fanshelf_cache",
            "OPTIONS": {"MAX_ENTRIES": _env_int("FANSHELF_CACHE_MAX_ENTRIES", 100_000)},
        }
    }
    HUEY = {
        "huey_class": "fanshelf.core.queue.LazySqliteHuey",
        "name": "fanshelf",
        "filename": str(FANSHELF_HOME / "jobs.sqlite3"),
        "immediate": False,
    }
# Tests and one-off scripts run jobs inline.
HUEY["immediate"] = _env_bool("FANSHELF_JOBS_INLINE", default=False)

# The archive's public address, for links in e-mails sent by background jobs.
FANSHELF_SITE_URL = os.environ.get("FANSHELF_SITE_URL", "http://127.0.0.1:8000")

# E-mail: the console by default, SMTP when a host is given.
DEFAULT_FROM_EMAIL = os.environ.get("FANSHELF_FROM_EMAIL", "fanshelf@localhost")
if os.environ.get("FANSHELF_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["FANSHELF_EMAIL_HOST"]
    EMAIL_PORT = _env_int("FANSHELF_EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("FANSHELF_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("FANSHELF_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("FANSHELF_EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No inline script or style anywhere: everything comes from our static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "https:", "http:", "data:"],  # authors link images from elsewhere
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
        "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone", "midi",
        "payment", "publickey-credentials-get", "screen-wake-lock", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _env_bool("FANSHELF_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = _env_int("FANSHELF_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals_on_one_line": {"()": "fanshelf.core.logging.RefusalsOnOneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["refusals_on_one_line"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("FANSHELF_LOG_LEVEL", "WARNING")},
    # `fanshelf worker` gives huey's logger its own handler; passing its lines on to the console
    # handler too would print each of them twice.
    "loggers": {"huey": {"propagate": False}},
}
CSRF_FAILURE_VIEW = "fanshelf.core.views.csrf_failure"

# Limits. Every one is a named setting; forms and services read them from here.
FANSHELF_TITLE_MAX_LENGTH = _env_int("FANSHELF_TITLE_MAX_LENGTH", 255)
FANSHELF_SUMMARY_MAX_LENGTH = _env_int("FANSHELF_SUMMARY_MAX_LENGTH", 1250)
FANSHELF_NOTES_MAX_LENGTH = _env_int("FANSHELF_NOTES_MAX_LENGTH", 5000)
FANSHELF_CHAPTER_MAX_LENGTH = _env_int("FANSHELF_CHAPTER_MAX_LENGTH", 510000)
FANSHELF_CHAPTERS_PER_WORK_MAX = _env_int("FANSHELF_CHAPTERS_PER_WORK_MAX", 500)
FANSHELF_UPLOAD_MAX_BYTES = _env_int("FANSHELF_UPLOAD_MAX_BYTES", 2 * 1024 * 1024)
FANSHELF_PSEUDS_PER_USER_MAX = _env_int("FANSHELF_PSEUDS_PER_USER_MAX", 50)
# Blocked and muted users per account.
FANSHELF_BLOCKS_MAX = _env_int("FANSHELF_BLOCKS_MAX", 2000)
FANSHELF_MUTES_MAX = _env_int("FANSHELF_MUTES_MAX", 2000)
FANSHELF_WORKS_PER_PAGE = _env_int("FANSHELF_WORKS_PER_PAGE", 20)
# Tags: per work, per name, autocomplete, wrangling pages and fandom packs.
FANSHELF_TAGS_PER_WORK_MAX = _env_int("FANSHELF_TAGS_PER_WORK_MAX", 75)
FANSHELF_TAG_NAME_MAX_LENGTH = _env_int("FANSHELF_TAG_NAME_MAX_LENGTH", 150)
FANSHELF_TAG_AUTOCOMPLETE_RESULTS = _env_int("FANSHELF_TAG_AUTOCOMPLETE_RESULTS", 10)
FANSHELF_TAG_PAGE_LINKS_MAX = _env_int("FANSHELF_TAG_PAGE_LINKS_MAX", 100)
FANSHELF_WRANGLING_PAGE_SIZE = _env_int("FANSHELF_WRANGLING_PAGE_SIZE", 50)
# Filter links of up to this many works are recomputed at once; more go to a background job.
FANSHELF_TAG_FILTERS_INLINE_MAX = _env_int("FANSHELF_TAG_FILTERS_INLINE_MAX", 2000)
FANSHELF_TAG_FILTERS_BATCH = _env_int("FANSHELF_TAG_FILTERS_BATCH", 5000)
FANSHELF_PACK_UPLOAD_MAX_BYTES = _env_int("FANSHELF_PACK_UPLOAD_MAX_BYTES", 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = (
    max(FANSHELF_UPLOAD_MAX_BYTES, FANSHELF_CHAPTER_MAX_LENGTH * 4) + 65536
)
FILE_UPLOAD_MAX_MEMORY_SIZE = FANSHELF_UPLOAD_MAX_BYTES + 65536
# A request with a file is refused from its declared length, before its body is read.
FANSHELF_UPLOAD_REQUEST_MAX_BYTES = _env_int(
    "FANSHELF_UPLOAD_REQUEST_MAX_BYTES",
    max(FANSHELF_UPLOAD_MAX_BYTES, FANSHELF_PACK_UPLOAD_MAX_BYTES) + 256 * 1024,
)
# Fields in one form post: a work with every chapter (five fields each), its own fields, tags
# and creators. Django's default (1,000) stopped posts at about 194 chapters.
DATA_UPLOAD_MAX_NUMBER_FIELDS = FANSHELF_CHAPTERS_PER_WORK_MAX * 5 + 1000
# Text processing: how deep HTML may nest before the sanitizer, and the time one request (or one
# file of `fanshelf import`) may spend parsing and sanitizing text.
FANSHELF_HTML_NESTING_MAX = _env_int("FANSHELF_HTML_NESTING_MAX", 200)
FANSHELF_TEXT_BUDGET_SECONDS = _env_int("FANSHELF_TEXT_BUDGET_SECONDS", 10)
# Search and browse. Listings go this many pages deep (deeper asks for a narrower search);
# results are counted exactly up to COUNT_LIMIT ("more than N" beyond); facets are always exact.
# Counts and facets come from in-memory bitmaps (search/bitmaps.py): facets of at most
# FACET_ARRAY_LIMIT results count those works' own tags, pages of at most MEMORY_SORT_LIMIT results
# sorted by a number or date are sorted in memory, and more than BITMAP_RELOAD_CHANGES works
# changed at once make a process reload its bitmaps instead of replaying the changes.
FANSHELF_SEARCH_MAX_PAGE = _env_int("FANSHELF_SEARCH_MAX_PAGE", 250)
FANSHELF_SEARCH_COUNT_LIMIT = _env_int("FANSHELF_SEARCH_COUNT_LIMIT", 100_000)
FANSHELF_SEARCH_FACET_ARRAY_LIMIT = _env_int("FANSHELF_SEARCH_FACET_ARRAY_LIMIT", 200_000)
FANSHELF_SEARCH_MEMORY_SORT_LIMIT = _env_int("FANSHELF_SEARCH_MEMORY_SORT_LIMIT", 200_000)
FANSHELF_SEARCH_BITMAP_RELOAD_CHANGES = _env_int("FANSHELF_SEARCH_BITMAP_RELOAD_CHANGES", 5000)
FANSHELF_SEARCH_FACET_TAGS = _env_int("FANSHELF_SEARCH_FACET_TAGS", 10)  # per tag type
# Text answers each app server keeps (search/text_cache.py); PostgreSQL's memory for one search.
FANSHELF_SEARCH_TEXT_CACHE_ENTRIES = _env_int("FANSHELF_SEARCH_TEXT_CACHE_ENTRIES", 256)
FANSHELF_SEARCH_PG_WORK_MEM_MB = _env_int("FANSHELF_SEARCH_PG_WORK_MEM_MB", 64)
# PostgreSQL: which works a text query matches comes from a SQLite FTS5 file on each machine
# (search/backends/local_text.py; `fanshelf reindex --local-text`), not from visiting every matching
# row. A file more than CATCHUP_WORKS changed works behind is built anew (in the background).
FANSHELF_SEARCH_LOCAL_TEXT = _env_bool("FANSHELF_SEARCH_LOCAL_TEXT", default=True)
FANSHELF_SEARCH_LOCAL_TEXT_CATCHUP_WORKS = _env_int(
    "FANSHELF_SEARCH_LOCAL_TEXT_CATCHUP_WORKS", 20_000
)
FANSHELF_SEARCH_LOCAL_TEXT_BATCH = _env_int("FANSHELF_SEARCH_LOCAL_TEXT_BATCH", 5000)
FANSHELF_SEARCH_QUERY_MAX_LENGTH = _env_int("FANSHELF_SEARCH_QUERY_MAX_LENGTH", 500)
FANSHELF_SEARCH_TERMS_MAX = _env_int("FANSHELF_SEARCH_TERMS_MAX", 30)
FANSHELF_SEARCH_TAG_FILTERS_MAX = _env_int("FANSHELF_SEARCH_TAG_FILTERS_MAX", 30)
# Story text indexed per work (PostgreSQL's tsvector holds at most 1 MB).
FANSHELF_SEARCH_BODY_MAX_CHARS = _env_int("FANSHELF_SEARCH_BODY_MAX_CHARS", 1_000_000)
FANSHELF_SEARCH_INDEX_BATCH = _env_int("FANSHELF_SEARCH_INDEX_BATCH", 500)
FANSHELF_SEARCH_FEED_ITEMS = _env_int("FANSHELF_SEARCH_FEED_ITEMS", 25)
# Best match ranks only this many matches, the newest; more would be slow on PostgreSQL, and the
# reader is told when matches were left unranked.
FANSHELF_SEARCH_RANK_CANDIDATES = _env_int("FANSHELF_SEARCH_RANK_CANDIDATES", 1000)
# How often hits, kudos, comments and bookmarks are copied into the index.
FANSHELF_SEARCH_COUNTER_REFRESH_MINUTES = _env_int("FANSHELF_SEARCH_COUNTER_REFRESH_MINUTES", 15)
# Saved searches: how many a reader may keep, how often new matches are looked for, and how many
# new works one notice names at most.
FANSHELF_SAVED_SEARCHES_MAX = _env_int("FANSHELF_SAVED_SEARCHES_MAX", 50)
FANSHELF_SAVED_SEARCH_CHECK_MINUTES = _env_int("FANSHELF_SAVED_SEARCH_CHECK_MINUTES", 60)
FANSHELF_SAVED_SEARCH_NEW_MAX = _env_int("FANSHELF_SAVED_SEARCH_NEW_MAX", 20)
# Tag suggestions and similar works.
FANSHELF_KNOWLEDGE_TTL = _env_int("FANSHELF_KNOWLEDGE_TTL", 300)  # seconds
FANSHELF_SUGGESTION_EVIDENCE_MAX = _env_int("FANSHELF_SUGGESTION_EVIDENCE_MAX", 5)
FANSHELF_SIMILAR_WORKS = _env_int("FANSHELF_SIMILAR_WORKS", 5)
FANSHELF_SIMILAR_CANDIDATES = _env_int("FANSHELF_SIMILAR_CANDIDATES", 500)
# Community safety: reports, moderation and spam.
FANSHELF_REPORTS_PER_ITEM_MAX = _env_int("FANSHELF_REPORTS_PER_ITEM_MAX", 5)  # per reporter
FANSHELF_REPORTS_PER_ITEM_DAYS = _env_int("FANSHELF_REPORTS_PER_ITEM_DAYS", 31)
FANSHELF_REPORTS_PER_DAY_MAX = _env_int("FANSHELF_REPORTS_PER_DAY_MAX", 20)  # per reporter
FANSHELF_REPORT_DESCRIPTION_MAX_LENGTH = _env_int("FANSHELF_REPORT_DESCRIPTION_MAX_LENGTH", 5000)
FANSHELF_REPORT_SNAPSHOT_CHARS = _env_int("FANSHELF_REPORT_SNAPSHOT_CHARS", 50_000)
FANSHELF_MODERATION_PAGE_SIZE = _env_int("FANSHELF_MODERATION_PAGE_SIZE", 50)
FANSHELF_SUSPENSION_MAX_DAYS = _env_int("FANSHELF_SUSPENSION_MAX_DAYS", 3650)
FANSHELF_SPAM_SUSPENSION_DAYS = _env_int("FANSHELF_SPAM_SUSPENSION_DAYS", 3650)
# Content by accounts younger than NEW_ACCOUNT_DAYS or with fewer than ACTIVE_POSTS earlier
# posts is scored; at THRESHOLD (0-1) or above it waits for a moderator.
FANSHELF_SPAM_THRESHOLD = float(os.environ.get("FANSHELF_SPAM_THRESHOLD", "0.6"))
FANSHELF_SPAM_NEW_ACCOUNT_DAYS = _env_int("FANSHELF_SPAM_NEW_ACCOUNT_DAYS", 7)
FANSHELF_SPAM_ACTIVE_POSTS = _env_int("FANSHELF_SPAM_ACTIVE_POSTS", 3)
FANSHELF_SPAM_POSTS_PER_HOUR = _env_int("FANSHELF_SPAM_POSTS_PER_HOUR", 5)
FANSHELF_SPAM_SCAN_BYTES = _env_int("FANSHELF_SPAM_SCAN_BYTES", 20_000)
# An Akismet-compatible service (optional): its address and key.
FANSHELF_AKISMET_URL = os.environ.get("FANSHELF_AKISMET_URL", "")
FANSHELF_AKISMET_KEY = os.environ.get("FANSHELF_AKISMET_KEY", "")
FANSHELF_AKISMET_TIMEOUT = _env_int("FANSHELF_AKISMET_TIMEOUT", 3)  # seconds
# Jobs. Every few minutes the worker re-queues up to RECONCILE_BATCH works whose search entry or
# analysis is missing or older than the work (search: or than its tags); a job whose worker died
# (kill -9, power loss) runs again when a worker starts on that machine, or on any worker after
# JOB_LEASE_SECONDS.
FANSHELF_RECONCILE_MINUTES = _env_int("FANSHELF_RECONCILE_MINUTES", 5)
FANSHELF_RECONCILE_BATCH = _env_int("FANSHELF_RECONCILE_BATCH", 2000)
FANSHELF_JOB_LEASE_SECONDS = _env_int("FANSHELF_JOB_LEASE_SECONDS", 1800)
# Rate limits ("count/period", period in s, m, h or d, e.g. "5/20s", "3/12h"), counted in the
# cache. Behind a reverse proxy, name the header it puts the reader's address in.
FANSHELF_RATE_REQUESTS = os.environ.get("FANSHELF_RATE_REQUESTS", "300/300s")  # per address
FANSHELF_RATE_LOGIN = os.environ.get("FANSHELF_RATE_LOGIN", "5/20s")  # per address, per account
FANSHELF_RATE_PASSWORD_RESET = os.environ.get("FANSHELF_RATE_PASSWORD_RESET", "3/12h")  # account
FANSHELF_RATE_SIGNUP = os.environ.get("FANSHELF_RATE_SIGNUP", "5/h")  # per address
FANSHELF_CLIENT_IP_HEADER = os.environ.get("FANSHELF_CLIENT_IP_HEADER", "")
RATELIMIT_IP_META_KEY = "fanshelf.core.ratelimits.client_address"
# A sign-up link (sent to the address, to choose a password) works this long.
FANSHELF_SIGNUP_LINK_HOURS = _env_int("FANSHELF_SIGNUP_LINK_HOURS", 72)
# Inbox and notification e-mails: inbox page size, and the hour (UTC) the daily digest goes out.
FANSHELF_INBOX_PER_PAGE = _env_int("FANSHELF_INBOX_PER_PAGE", 20)
FANSHELF_DIGEST_HOUR_UTC = _env_int("FANSHELF_DIGEST_HOUR_UTC", 6)
# Kudos, comments and hits. Comment threads show this many levels before "continue this thread".
# Guests and new or little-active accounts (as FANSHELF_SPAM_NEW_ACCOUNT_DAYS and
# FANSHELF_SPAM_ACTIVE_POSTS define them) leave at most RATE_COUNT comments per RATE_SECONDS, and
# their comments are spam-scored (core.spam) into the work's moderation queue.
FANSHELF_KUDOS_NAMES_SHOWN = _env_int("FANSHELF_KUDOS_NAMES_SHOWN", 50)
FANSHELF_COMMENT_MAX_LENGTH = _env_int("FANSHELF_COMMENT_MAX_LENGTH", 10000)
FANSHELF_COMMENTS_PER_PAGE = _env_int("FANSHELF_COMMENTS_PER_PAGE", 20)
FANSHELF_COMMENT_THREAD_DEPTH = _env_int("FANSHELF_COMMENT_THREAD_DEPTH", 5)
FANSHELF_GUEST_COMMENTS = _env_bool("FANSHELF_GUEST_COMMENTS", default=True)
FANSHELF_COMMENT_RATE_COUNT = _env_int("FANSHELF_COMMENT_RATE_COUNT", 3)
FANSHELF_COMMENT_RATE_SECONDS = _env_int("FANSHELF_COMMENT_RATE_SECONDS", 900)
# Hits: one per visitor per work per day, the day taken in this time zone; user agents matching
# the bot pattern never count; buffered hits are added to the counts every FLUSH_MINUTES.
FANSHELF_HITS_TIME_ZONE = os.environ.get("FANSHELF_HITS_TIME_ZONE", "UTC")
FANSHELF_HITS_FLUSH_MINUTES = _env_int("FANSHELF_HITS_FLUSH_MINUTES", 5)
FANSHELF_HITS_BOT_PATTERN = os.environ.get(
    "FANSHELF_HITS_BOT_PATTERN",
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|curl|wget|python-requests|"
    r"python-urllib|httpclient|go-http-client|libwww|scrapy|feedfetcher|preview",
)
# The reader's shelf: bookmarks, history, subscriptions.
FANSHELF_BOOKMARK_NOTES_MAX_LENGTH = _env_int("FANSHELF_BOOKMARK_NOTES_MAX_LENGTH", 5000)
FANSHELF_BOOKMARK_TAGS_MAX = _env_int("FANSHELF_BOOKMARK_TAGS_MAX", 75)
FANSHELF_SUBSCRIPTIONS_MAX = _env_int("FANSHELF_SUBSCRIPTIONS_MAX", 5000)
# Buffered reading (views, positions) is applied to histories this often, this many at a time.
FANSHELF_READING_FLUSH_MINUTES = _env_int("FANSHELF_READING_FLUSH_MINUTES", 1)
FANSHELF_READING_FLUSH_BATCH = _env_int("FANSHELF_READING_FLUSH_BATCH", 5000)
FANSHELF_FEED_ITEMS = _env_int("FANSHELF_FEED_ITEMS", 50)
FANSHELF_CONTINUE_READING_ON_FRONT = _env_int("FANSHELF_CONTINUE_READING_ON_FRONT", 3)
FANSHELF_SERIES_IN_SEARCH = _env_int("FANSHELF_SERIES_IN_SEARCH", 5)  # series above works found

# Downloads and the OPDS catalogue.
FANSHELF_DOWNLOADS_DIR = Path(
    os.environ.get("FANSHELF_DOWNLOADS_DIR", FANSHELF_HOME / "downloads")
).resolve()
FANSHELF_DOWNLOAD_PDF_CHUNK_CHARS = _env_int("FANSHELF_DOWNLOAD_PDF_CHUNK_CHARS", 300_000)
# A PDF of a longer work is typeset by a job; the reader is asked to come back.
FANSHELF_DOWNLOAD_PDF_INLINE_WORDS = _env_int("FANSHELF_DOWNLOAD_PDF_INLINE_WORDS", 20_000)
FANSHELF_DOWNLOAD_LOCK_SECONDS = _env_int("FANSHELF_DOWNLOAD_LOCK_SECONDS", 600)
FANSHELF_DOWNLOAD_COUNT_FOLD_MINUTES = _env_int("FANSHELF_DOWNLOAD_COUNT_FOLD_MINUTES", 10)
# Calibre's converter for AZW3 and MOBI; those formats are offered only when it is found.
FANSHELF_EBOOK_CONVERT = os.environ.get("FANSHELF_EBOOK_CONVERT", "ebook-convert")
