"""Settings for the Qingdao economic development bureau site.

Everything that differs between a laptop and a server comes from environment
variables, read through the small helpers in ``bureau.env`` that fail loudly
on a malformed value. The defaults are safe for development: SQLite in the
project folder, debug on, local hosts only.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags
from js_asset import static_lazy

from bureau import env

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.boolean("DJANGO_DEBUG", default=True)

# The fallback key is only good for a developer laptop: with DEBUG off the
# site refuses to start without a real one.
SECRET_KEY = env.string("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise env.ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = env.listing("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.listing("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # First, so that its admin template overrides (the language switch) win.
    "bureau.apps.BureauConfig",
    # The admin with our site class (names, index order): bureau/admin_site.py.
    "bureau.apps.BureauAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "bureau.apps.TagsConfig",  # django-taggit, named for staff
    "bureau.apps.LoginRecordsConfig",  # django-axes, named for staff
    "csp",
    # The admin's rich-text editor: its widget and static files (configured in content/editor.py).
    "django_prose_editor",
    # Spreadsheet (XLSX, CSV) import and export in the admin: content/sheet_admin.py.
    "import_export",
    # Versions of articles, parks and enterprises (history, compare, restore): content/history.py.
    "reversion",
    # Ours, from the bottom layer up (see README: "What is where").
    "content.apps.ContentConfig",
    "parks.apps.ParksConfig",
    "pages.apps.PagesConfig",
    "news.apps.NewsConfig",
    "search.apps.SearchConfig",
    "inquiries.apps.InquiriesConfig",
    # Commands only (load_demo, ensure_admin, generate_demo_data), no pages; one model, load_demo's memory.
    "demo.apps.DemoConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight after the security headers, before sessions and
    # the database are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every page, cached or not, and 304 when the browser has it.
    "django.middleware.http.ConditionalGetMiddleware",
    # An anonymous visitor's page from the cache before anything below runs: no session, no user, no
    # template (see content/page_cache.py). Pages are stored with the headers the middleware below adds.
    "content.page_cache.PublicPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into the page below.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = env.string("DJANGO_ROOT_URLCONF", default="bureau.urls")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bureau.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "bureau.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env.string("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Persistent connections in production: a gunicorn worker serves one
        # request at a time, so one kept connection per worker is the pool.
        conn_max_age=env.integer("DATABASE_CONN_MAX_AGE", default=0 if DEBUG else 60),
        conn_health_checks=True,
    )
}

REDIS_URL = env.string("REDIS_URL", default="")
# A cache call that takes longer than this counts as a failure, and a failure as a miss (bureau/cache.py):
# a hung Redis slows a page by one timeout, it never holds a worker.
REDIS_TIMEOUT_MS = env.integer("REDIS_TIMEOUT_MS", default=250)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "bureau.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "bureau",
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_MS / 1000,
                "socket_timeout": REDIS_TIMEOUT_MS / 1000,
            },
        }
    }
else:
    # Each process keeps its own memory cache: right for one developer's runserver, wrong behind two
    # gunicorn workers, where an edit drops the page from one worker's cache and the other goes on serving
    # it. Production therefore needs Redis, unless the operator says the site really runs as one process.
    if not DEBUG and not env.boolean("DJANGO_SINGLE_PROCESS", default=False):
        raise env.ImproperlyConfigured(
            "REDIS_URL must be set when DJANGO_DEBUG is off: with a cache in each process, an edit reaches "
            "only one process's cache and the others keep serving the old page. If this site really runs as "
            "a single process (one gunicorn worker, one server), set DJANGO_SINGLE_PROCESS=1."
        )
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole pages for anonymous visitors (content/page_cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = env.integer("PAGE_CACHE_SECONDS", default=300)
# 404 and 400 answers are cached too, but never longer than this (see content/page_cache.py).
ERROR_PAGE_CACHE_SECONDS = env.integer("ERROR_PAGE_CACHE_SECONDS", default=60)
# Each worker also keeps the pages it served lately in memory, up to this many bytes (content/page_cache.py).
PAGE_CACHE_PROCESS_BYTES = env.integer("PAGE_CACHE_PROCESS_BYTES", default=16 * 1024 * 1024)
PAGE_CACHE_EXCLUDED_PREFIXES = ["/admin/", "/en/admin/", "/health/", "/i18n/", "/static/", "/media/"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first, English second. Chinese pages live at the root, English ones
# under /en/ (see bureau/urls.py).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "bureau" / "locale"]
# English dates day first, as the British-English texts write them (bureau/formats/en/formats.py).
FORMAT_MODULE_PATH = "bureau.formats"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# While developing, static files are found in the apps (no collectstatic);
# production serves the collected, hashed copies from STATIC_ROOT.
_static_root = env.string("DJANGO_STATIC_ROOT", default="" if DEBUG else str(BASE_DIR / "staticfiles"))
STATIC_ROOT = Path(_static_root) if _static_root else None
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = env.string("DJANGO_MEDIA_URL", default="media/")
MEDIA_ROOT = Path(env.string("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))

# Uploads live on the local disk by default; several app servers share them
# on object storage (any S3-compatible service) when MEDIA_STORAGE=s3.
MEDIA_STORAGE = env.string("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE == "s3":
    _media = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.string("MEDIA_S3_BUCKET", default=""),
            "endpoint_url": env.string("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.string("MEDIA_S3_REGION", default="") or None,
            "access_key": env.string("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.string("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env.string("MEDIA_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    if not _media["OPTIONS"]["bucket_name"]:
        raise env.ImproperlyConfigured("MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET.")
elif MEDIA_STORAGE == "filesystem":
    _media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise env.ImproperlyConfigured(f"MEDIA_STORAGE={MEDIA_STORAGE!r}: use 'filesystem' or 's3'.")

STORAGES = {
    "default": _media,
    # Hashed, compressed file names in production (run collectstatic first);
    # plain files while developing, so no build step is needed.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 0 if DEBUG else 3600  # hashed files get a year regardless

# Uploads: Django streams anything larger than this to a temporary file; the
# image checks in content/images.py set their own byte and pixel limits.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMAGE_MAX_BYTES = env.integer("IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.integer("IMAGE_MAX_PIXELS", default=40_000_000)
# An animation is re-encoded frame by frame, which holds every frame in memory: a budget of its own.
IMAGE_MAX_FRAMES = env.integer("IMAGE_MAX_FRAMES", default=300)
IMAGE_MAX_ANIMATION_PIXELS = env.integer("IMAGE_MAX_ANIMATION_PIXELS", default=20_000_000)

# The rich-text editor's one extension of our own (content/editor.py): the image library's node, which
# writes only <img src alt> of this site's library; its module is served from our static files.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("content/site_image.js")],
        "extensions": {"SiteImage": html_tags(["img"], {"img": ["src", "alt"]})},
    },
    {
        "js": [static_lazy("content/photo_caption.js")],
        "extensions": {"PhotoCaption": html_tags(["figure", "figcaption"])},
    },
]

# Spreadsheet imports (content/spreadsheets.py): a larger file or more rows is refused with a message.
SPREADSHEET_MAX_BYTES = env.integer("SPREADSHEET_MAX_BYTES", default=5 * 1024 * 1024)
SPREADSHEET_MAX_ROWS = env.integer("SPREADSHEET_MAX_ROWS", default=5000)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Chinese editors separate tags with full-width punctuation; see content/tagging.py.
TAGGIT_TAGS_FROM_STRING = "content.tagging.parse_tags"
TAGGIT_CASE_INSENSITIVE = True

# Security. The secure-by-default values switch on whenever DEBUG is off;
# each can still be tuned from the environment (for example behind a proxy
# that terminates TLS and already redirects).
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.boolean("DJANGO_BEHIND_PROXY", default=False) else None
)
SECURE_SSL_REDIRECT = env.boolean("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.integer("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.boolean("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = env.boolean("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: everything from this site only, no inline script
# or style anywhere (the admin included), no framing. MEDIA_S3_CUSTOM_DOMAIN,
# when media are served from their own host name, is the one exception.
_media_host = [f"https://{h}" for h in [env.string("MEDIA_S3_CUSTOM_DOMAIN", default="")] if h]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_media_host],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Admin log-in throttling (django-axes): after five failures for one user
# name from one address, that pair waits; the page says so and for how long.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.integer("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("AXES_COOLOFF_MINUTES", default=15))
# Two locks, each after AXES_FAILURE_LIMIT failures within the cool-off time: one user name from one address
# (guessing one account), and one address whatever the user names (password spraying: one password tried on
# many accounts). A successful log-in from an address clears both, so colleagues behind one office address who
# mistype now and then are not locked out together.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False
if env.boolean("DJANGO_BEHIND_PROXY", default=False):
    # The load balancer's address is not the visitor's: take the client
    # address it forwards (one proxy hop by default).
    AXES_IPWARE_PROXY_COUNT = env.integer("DJANGO_PROXY_COUNT", default=1)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# What the public footer shows (issue 4 fills the page; the values live here
# so that no filing number is hard-coded in a template).
SITE_NAME = env.string("SITE_NAME", default="青岛市经济发展局")
SITE_NAME_EN = env.string("SITE_NAME_EN", default="Qingdao Economic Development Bureau")
# Contact details and the identifiers a Chinese government site must show in
# its footer. Empty by default: the footer leaves out whatever is not set.
SITE_SPONSOR = env.string("SITE_SPONSOR", default="")  # 主办单位
SITE_SPONSOR_EN = env.string("SITE_SPONSOR_EN", default="")
SITE_CONTACT_ADDRESS = env.string("SITE_CONTACT_ADDRESS", default="")
SITE_CONTACT_ADDRESS_EN = env.string("SITE_CONTACT_ADDRESS_EN", default="")
SITE_CONTACT_PHONE = env.string("SITE_CONTACT_PHONE", default="")
SITE_CONTACT_EMAIL = env.string("SITE_CONTACT_EMAIL", default="")
SITE_INVESTMENT_HOTLINE = env.string("SITE_INVESTMENT_HOTLINE", default="")  # 投资服务热线
SITE_ICP_NUMBER = env.string("SITE_ICP_NUMBER", default="")  # ICP filing, e.g. 鲁ICP备…号
SITE_PUBLIC_SECURITY_NUMBER = env.string("SITE_PUBLIC_SECURITY_NUMBER", default="")  # 公安机关备案号
SITE_IDENTIFIER_CODE = env.string("SITE_IDENTIFIER_CODE", default="")  # 政府网站标识码
# The terms of reuse shown with the open-data files on /data/. A placeholder until the bureau confirms its
# terms: the default names no legal licence, it only asks for attribution and a link to the source.
OPEN_DATA_LICENCE = env.string(
    "OPEN_DATA_LICENCE",
    default="本页数据可免费使用、转载和再加工，请注明来源“青岛市经济发展局”，引用数字时请附上其来源文章的链接。"
    "（暂定说明，以本局最终确认的条款为准。）",
)
OPEN_DATA_LICENCE_EN = env.string(
    "OPEN_DATA_LICENCE_EN",
    default="The data on this page may be used, republished and adapted free of charge, with attribution to the "
    "Qingdao Economic Development Bureau and, for any figure, a link to its source article. "
    "(Provisional wording, pending the bureau's confirmation of its terms.)",
)

# Mail: review requests, approvals and send-backs (content/notify.py). Printed on the console while
# developing; in production sent through the bureau's SMTP server, configured from the environment.
EMAIL_BACKEND = env.string(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.string("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.string("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.string("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.boolean("EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise env.ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS, port 587) or EMAIL_USE_SSL (port 465), not both.")
# A mail server that does not answer holds the publisher's request: give up after this many seconds.
EMAIL_TIMEOUT = env.integer("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's address for links in mail sent outside a request (for example https://www.example.gov.cn);
# mail sent while answering a request uses that request's address.
SITE_URL = env.string("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "")

# The contact form (inquiries/). An inquiry goes to its project's or park's contact e-mail, else here.
INQUIRY_DEFAULT_EMAIL = env.string("INQUIRY_DEFAULT_EMAIL", default="") or SITE_CONTACT_EMAIL
# Inquiries hold personal data: purge_inquiries (cron, docs/deploy.md) deletes them after this many days,
# as the form's privacy notice says.
INQUIRY_RETENTION_DAYS = env.integer("INQUIRY_RETENTION_DAYS", default=365)
# At most this many submissions from one address within the window; more answer 429.
INQUIRY_RATE_LIMIT = env.integer("INQUIRY_RATE_LIMIT", default=5)
INQUIRY_RATE_WINDOW_SECONDS = env.integer("INQUIRY_RATE_WINDOW_SECONDS", default=600)
# A person takes longer than this to fill the form; a robot does not.
INQUIRY_MIN_FILL_SECONDS = env.integer("INQUIRY_MIN_FILL_SECONDS", default=3)
# A submission's body, far above the longest message (5,000 characters, percent-encoded): larger answers 400.
INQUIRY_MAX_BODY_BYTES = env.integer("INQUIRY_MAX_BODY_BYTES", default=128 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.string("DJANGO_LOG_LEVEL", default="WARNING")},
}
