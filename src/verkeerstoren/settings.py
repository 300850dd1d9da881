# SPDX-License-Identifier: EUPL-1.2
"""Django settings, read from the environment.

DATABASE_URL selects the database (SQLite file under ./var by default; PostgreSQL in production
and CI). VERKEERSTOREN_PSEUDONYM_KEY keys the V-number HMAC; the demo default is documented in
README and must never be used with real data.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from verkeerstoren import __version__, logs
from verkeerstoren.web.common import oidc_config

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("VERKEERSTOREN_VAR", Path.cwd() / "var"))

# The production switch (README "Production"): HTTPS-only cookies, HSTS, redirect to HTTPS and
# never DEBUG, so that `verkeerstoren manage check --deploy` is clean.
PRODUCTION = os.environ.get("VERKEERSTOREN_PRODUCTION", "0") == "1"
DEBUG = not PRODUCTION and os.environ.get("DJANGO_DEBUG", "0") == "1"
# The demo (synthetic data only) may run on the public development keys below; anything else
# refuses to start without strong keys of its own (verkeerstoren/checks.py).
VERKEERSTOREN_DEMO = os.environ.get("VERKEERSTOREN_DEMO", "0") == "1"
DEV_SECRET_KEY = "dev-only-insecure-secret-key-change-me"  # noqa: S105  # public on purpose: demo only
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

# Documented development default (README, docs/privacy.md): the demo only; checks.py refuses it
# elsewhere.
DEV_PSEUDONYM_KEY = "verkeerstoren-demo-key-not-for-real-data"
PSEUDONYM_KEY = os.environ.get("VERKEERSTOREN_PSEUDONYM_KEY", DEV_PSEUDONYM_KEY)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "verkeerstoren.cases",
    "verkeerstoren.runs",
    "verkeerstoren.web",
    "verkeerstoren.forecasts",
    "verkeerstoren.plans",
    "verkeerstoren.intaketable",
    "verkeerstoren.reports",
    "verkeerstoren.hearings",
    # The HTTP API /api/v1 (docs/decisions/0015-http-api.md).
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "verkeerstoren.api",
]

MIDDLEWARE = [
    # Outermost: the API-Version header on every response under /api/, errors included.
    "verkeerstoren.api.versioning.ApiVersionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the web processes themselves, compressed and cacheable (WhiteNoise).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # One trace id per request for the access log, returned as traceparent (web/common/trace.py).
    "verkeerstoren.web.common.trace.TraceIdMiddleware",
    # Content-Security-Policy on every response (django-csp; the policy is below).
    "csp.middleware.CSPMiddleware",
    # Cache-Control: no-store on everything but static files (web/common/headers.py).
    "verkeerstoren.web.common.headers.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Dutch unless the user picks English with the switch (not the browser's Accept-Language).
    "verkeerstoren.web.common.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "verkeerstoren.web.common.sessions.SessionLifetimeMiddleware",
    # Last: refuses a locked-out login before the login view runs (django-axes).
    "axes.middleware.AxesMiddleware",
]

# Failed logins lock out per user name and, separately, per client address (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("VERKEERSTOREN_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = 0.25  # hours: the lockout page says "a quarter of an hour"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/common/locked_out.html"
# Behind a reverse proxy set VERKEERSTOREN_PROXY_COUNT so the client address is the real one.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("VERKEERSTOREN_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Optional staff sign-in through the organisation's OpenID Connect provider: on when
# VERKEERSTOREN_OIDC_ISSUER or the OIDC_OP_*_ENDPOINT variables are set
# (web/common/oidc_config.py, docs/decisions/0012-oidc-login.md). Local accounts keep working.
oidc_settings = oidc_config.from_environ(os.environ)
VERKEERSTOREN_OIDC = bool(oidc_settings)
if VERKEERSTOREN_OIDC:
    globals().update(oidc_settings)
    INSTALLED_APPS.append("mozilla_django_oidc")
    # After axes, which refuses a locked-out address first; before the local accounts.
    AUTHENTICATION_BACKENDS.insert(1, oidc_config.BACKEND)

ROOT_URLCONF = "verkeerstoren.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "verkeerstoren.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'verkeerstoren.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL + a busy timeout let the web server and a background worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from here once collected
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
# Idle timeout: the session ends after this long without a request (activity renews it) ...
SESSION_COOKIE_AGE = 60 * int(os.environ.get("VERKEERSTOREN_SESSION_IDLE_MINUTES", "30"))
SESSION_SAVE_EVERY_REQUEST = False  # activity renews it once a minute (web/common/sessions.py)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# ... and after this long in any case (web/common/sessions.py).
VERKEERSTOREN_SESSION_MAX_SECONDS = 3600 * int(
    os.environ.get("VERKEERSTOREN_SESSION_MAX_HOURS", "10")
)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000  # one year
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if AXES_IPWARE_PROXY_COUNT:
        # Behind a TLS-terminating proxy, which must set X-Forwarded-Proto (and strip the
        # client's own), the request counts as HTTPS when the proxy says so.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script, no eval, no inline style: the pages load only their own static files. The
# charts evaluate Vega expressions with the vendored interpreter (web/static/web/forecast.js);
# json_script data blocks are not scripts. docs/decisions/0011-security-headers.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Structured logs, one JSON object a line on stderr (level from LOG_LEVEL); personal data never
# goes into a log event (see cases/pseudonym.py). Django's own loggers use the same handler.
LOGGING = logs.logging_config()
logs.configure_structlog()

# The date the register's derived figures (deadlines, penalties) are computed for. Empty = today.
# The demo sets it to the snapshot date of its synthetic 2020 data.
REGISTER_AS_OF = os.environ.get("VERKEERSTOREN_AS_OF") or None

# Expected exposure (DOMAIN.md §3.5): behaviour parameters are scenario inputs, calibrated on
# history — defaults here are a starting point (L), overridable per deployment.
EXPOSURE_HORIZON_WEEKS = int(os.environ.get("VERKEERSTOREN_EXPOSURE_HORIZON_WEEKS", "8"))
EXPOSURE_BEHAVIOUR = {
    "notice_probability": float(os.environ.get("VERKEERSTOREN_NOTICE_PROBABILITY", "0.5")),
    "notice_delay_days": int(os.environ.get("VERKEERSTOREN_NOTICE_DELAY_DAYS", "30")),
    "appeal_probability": float(os.environ.get("VERKEERSTOREN_APPEAL_PROBABILITY", "0.1")),
    "appeal_to_judgment_days": 56,  # court rules within ~8 weeks (DOMAIN.md §3.3, M)
    "court_decision_term_days": 56,  # "8+8 weeks" model (DOMAIN.md §3.3, M)
    "court_daily_eur": 100.0,  # typical court penalty (DOMAIN.md §3.3, M)
    "court_cap_eur": 7500.0,
}

# Background work (plan runs, forecasts, reports): Django Tasks with the database backend, so it
# runs on SQLite and PostgreSQL alike; `verkeerstoren manage db_worker` processes the queue.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "VERKEERSTOREN_TASK_BACKEND", "django_tasks_db.backend.DatabaseBackend"
        ),
    }
}
# A running run's worker writes a heartbeat every RUN_HEARTBEAT_INTERVAL seconds; a run without
# one for RUN_HEARTBEAT_TIMEOUT seconds has lost its worker and is failed (runs.services,
# docs/decisions/0013-run-recovery.md).
RUN_HEARTBEAT_INTERVAL = float(os.environ.get("VERKEERSTOREN_RUN_HEARTBEAT_INTERVAL", "10"))
RUN_HEARTBEAT_TIMEOUT = float(os.environ.get("VERKEERSTOREN_RUN_HEARTBEAT_TIMEOUT", "60"))

# The HTTP API /api/v1 (docs/api.md, docs/decisions/0015-http-api.md): bearer tokens only (no
# session, so no CSRF exposure), bounded JSON in, lowerCamelCase JSON out, errors as
# application/problem+json.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["verkeerstoren.api.auth.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["verkeerstoren.api.parsers.BoundedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["djangorestframework_camel_case.render.CamelCaseJSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "verkeerstoren.api.problems.exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,
    "URL_FORMAT_OVERRIDE": None,
}
# Scenarios and results of forecast runs are documents of their own format (docs/formats.md):
# passed through as they are, not camelized.
JSON_CAMEL_CASE = {
    "JSON_UNDERSCOREIZE": {"ignore_fields": ("scenario", "result"), "ignore_keys": None}
}
# API tokens: stored as hashes (django-rest-knox), revoked with `verkeerstoren token revoke`.
REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Bearer",
    "TOKEN_TTL": timedelta(days=int(os.environ.get("VERKEERSTOREN_API_TOKEN_DAYS", "90"))),
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Verkeerstoren API",
    "DESCRIPTION": (
        "The case register, its legal facts, plans and forecasts of Verkeerstoren, following "
        "the NLGov REST API Design Rules. Authenticate with `Authorization: Bearer <token>` "
        "(`verkeerstoren token create USERNAME`); what a token may see and do is its user's role."
    ),
    "VERSION": __version__,
    "CONTACT": {
        "name": os.environ.get("VERKEERSTOREN_API_CONTACT_NAME", "Verkeerstoren"),
        "email": os.environ.get("VERKEERSTOREN_API_CONTACT_EMAIL", "verkeerstoren@example.org"),
        "url": os.environ.get("VERKEERSTOREN_API_CONTACT_URL", "https://example.org/verkeerstoren"),
    },
    "LICENSE": {
        "name": "EUPL-1.2",
        "url": "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12",
    },
    "SERVERS": [{"url": os.environ.get("VERKEERSTOREN_API_URL", "/api/v1")}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "TAGS": [
        {"name": "cases", "description": "The register: cases, their legal facts and dossier."},
        {"name": "applications", "description": "New applications (intake)."},
        {"name": "plan-versions", "description": "Plans and where they put each case."},
        {"name": "team-targets", "description": "Decisions per team and week of published plans."},
        {"name": "forecast-runs", "description": "Forecasts of stock, decisions and penalties."},
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    # A PATCH sends the same body as documented (hearingMode required), not a partial one.
    "COMPONENT_SPLIT_PATCH": False,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "ENUM_NAME_OVERRIDES": {
        "CaseKind": "verkeerstoren.cases.choices.KINDS",
        "CaseStatus": "verkeerstoren.cases.choices.STATUSES",
        "Stream": "verkeerstoren.cases.choices.STREAMS",
        "LegalEventKind": "verkeerstoren.cases.choices.LEGAL_EVENT_KINDS",
        "DossierItemKind": "verkeerstoren.cases.choices.DOSSIER_ITEM_KINDS",
        "PlanStream": "verkeerstoren.plans.models.STREAM_CHOICES",
        "PlanVersionStatus": "verkeerstoren.plans.models.PlanVersion.Status",
        "RunStatus": "verkeerstoren.runs.models.Run.Status",
        "ForecastRunKind": "verkeerstoren.forecasts.models.ForecastRun.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
        "verkeerstoren.api.schema.problems_and_headers",
    ],
}
