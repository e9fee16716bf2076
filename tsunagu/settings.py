"""Settings for tsunagu: one file, configured from the environment.

Defaults give a working demo on SQLite; production sets DEBUG=False,
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL).
"""

from pathlib import Path

from tsunagu.core.env import ConfigError, database_from_url, env_bool, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("TSUNAGU_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
# The demo key is only acceptable while DEBUG is on; see the check below.
_DEMO_SECRET_KEY = "tsunagu-demo-only-not-for-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEMO_SECRET_KEY)
if not DEBUG and SECRET_KEY == _DEMO_SECRET_KEY:
    raise ConfigError("SECRET_KEY must be set when DEBUG is False")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django_filters",
    "simple_history",
    "django_tasks",  # background tasks (weekly digests), backport of Django 6's tasks
    # its database queue, worked by `manage.py db_worker` (with a Japanese app name)
    "tsunagu.core.third_party.TasksDatabaseConfig",
    # Ours, lowest layer first (a lower app never imports a higher one). Search is part of the
    # kernel: it knows no domain model; partners, portfolio and programs register their kinds.
    "tsunagu.core",
    "tsunagu.search",
    "tsunagu.org",
    "tsunagu.partners",
    "tsunagu.portfolio",
    "tsunagu.programs",
    "tsunagu.coordination",
    "tsunagu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: the user's saved language is one of its inputs.
    "tsunagu.core.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records request.user as the author of every history row.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "tsunagu.urls"
WSGI_APPLICATION = "tsunagu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Besides each app's templates/: those of an app's sub-capability packages
        # (tsunagu/<app>/<sub>/templates/<app>/<sub>/…), kept beside their views.
        "DIRS": [BASE_DIR / "templates", *sorted((BASE_DIR / "tsunagu").glob("*/*/templates"))],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["tsunagu.core.templatetags.tsunagu"],
        },
    },
]

# Every form field is drawn by templates/forms/field.html (required marker, help, errors).
FORM_RENDERER = "tsunagu.core.forms.FormRenderer"

# SQLite is the embedded default so that `make run` needs nothing installed.
# Its options are chosen for a small multi-user web app:
#  - WAL lets readers proceed while one request writes;
#  - busy_timeout makes a writer wait for the lock instead of failing at once;
#  - IMMEDIATE transactions take the write lock at BEGIN, which avoids
#    "database is locked" errors when a read transaction later upgrades.
# PostgreSQL (production, and CI) is selected with DATABASE_URL.
_SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
}
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    # postgres://… for production; sqlite:///… for a SQLite file elsewhere than TSUNAGU_VAR_DIR.
    DATABASES = {"default": database_from_url(_database_url, sqlite_options=_SQLITE_OPTIONS)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "tsunagu.sqlite3",
            "OPTIONS": _SQLITE_OPTIONS,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Japanese first; English for partners abroad and staff who prefer it.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# Uploaded files (documents attached to agenda items); served only through views that check access.
MEDIA_ROOT = Path(env_str("TSUNAGU_MEDIA_DIR", str(VAR_DIR / "media")))

# History rows record the acting user; deleted records stay restorable.
SIMPLE_HISTORY_REVERT_DISABLED = False

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag instead
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Background tasks: queued in the database and run by `python manage.py db_worker`.
# TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs them in the
# caller instead (handy on a single-user demo without a worker).
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# The address of tsunagu as users reach it, for links in e-mails (digests, unsubscribe).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Django 6 treats scheme-less URLs typed in forms as https; opt in now.
FORMS_URLFIELD_ASSUME_HTTPS = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
