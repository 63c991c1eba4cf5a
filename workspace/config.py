"""Configuration read from the environment.

DATABASE_URL      SQLAlchemy URL; default: an embedded SQLite file in the instance folder.
                  PostgreSQL: postgresql+psycopg://user:password@host:5432/dbname
SECRET_KEY        signs sessions and CSRF tokens; generated once into the instance folder if unset.
MAIL_SERVER, MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD, MAIL_USE_TLS, MAIL_SENDER
                  SMTP for every letter (sent by ``flask worker`` from the outbox); without MAIL_SERVER the worker
                  writes letters to the log.
MAIL_MAX_ATTEMPTS, MAIL_MAX_BACKOFF_MINUTES, MAIL_DIGEST_HOUR
                  a letter is tried this many times (default 8; 1, 2, 4 … minutes apart, at most 240) before it
                  is failed; digests are composed at this local hour (default 7; weekly ones on Mondays).
SESSION_COOKIE_SECURE  "1" behind TLS.
RATELIMIT_REDIS_URL  redis://host:6379/0 keeps the log-in rate limit in Redis (default: the database).
BEHIND_PROXY      "1" behind one reverse proxy: trust its X-Forwarded-For/-Proto/-Host.
PUBLIC_URL        the address people open, e.g. https://workspace.example.ru (a path prefix allowed): every
                  absolute link (letters, calendar feeds, survey links) is built from it, never from the request.
"""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("WORKSPACE_INSTANCE", ROOT / "instance"))


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    INSTANCE.mkdir(parents=True, exist_ok=True)
    key_file = INSTANCE / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def normalise_database_url(url: str) -> str:
    """Accept plain postgres:// URLs and route them to psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Config:
    def __init__(self) -> None:
        self.SECRET_KEY = _secret_key()
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(
            os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'workspace.db'}")
        )
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
        self.MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
        self.MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
        self.MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
        self.MAIL_USE_TLS = _flag("MAIL_USE_TLS", True)
        self.MAIL_SENDER = os.environ.get("MAIL_SENDER", "workspace@localhost")
        self.MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "8"))
        self.MAIL_MAX_BACKOFF_MINUTES = int(os.environ.get("MAIL_MAX_BACKOFF_MINUTES", "240"))
        self.MAIL_DIGEST_HOUR = int(os.environ.get("MAIL_DIGEST_HOUR", "7"))
        self.MAIL_TIMEOUT = float(os.environ.get("MAIL_TIMEOUT", "15"))
        self.SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE")
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        self.PREFERRED_URL_SCHEME = "https" if self.SESSION_COOKIE_SECURE else "http"
        self.BEHIND_PROXY = _flag("BEHIND_PROXY")
        self.COUNT_STATEMENTS = _flag("COUNT_STATEMENTS")  # the benchmark's X-SQL-Statements header
        self.RATELIMIT_REDIS_URL = os.environ.get("RATELIMIT_REDIS_URL", "")
        self.PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")
        # How long the monitoring dashboards reuse the rows they read (per process; 0: read on every view).
        self.MONITORING_CACHE_SECONDS = float(os.environ.get("MONITORING_CACHE_SECONDS", "300"))
        # SQLite: how often a pooled connection refreshes the planner's statistics (PRAGMA optimize) when handed
        # back; the first hand-back of a connection always does.
        self.SQLITE_OPTIMIZE_SECONDS = float(os.environ.get("SQLITE_OPTIMIZE_SECONDS", "60"))
        # SQLite: how often the worker (``flask worker``, and the one ``flask up`` starts) analyses every table;
        # PRAGMA optimize never analyses some of them. At the worker's start, then hourly.
        self.SQLITE_ANALYZE_SECONDS = float(os.environ.get("SQLITE_ANALYZE_SECONDS", "3600"))
        # Pupils' personal data of finished enrollments and of pupils who left is depersonalised after this many
        # days (``flask depersonalise``); 3 years by default.
        self.PUPIL_DATA_RETENTION_DAYS = int(os.environ.get("PUPIL_DATA_RETENTION_DAYS", str(3 * 365)))

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)  # from the last request (workspace/core/sessions.py)
    SESSION_REFRESH_SECONDS = 600  # the session cookie is re-signed when older than this
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session: an open htmx page keeps working
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024
    # Pages, styles and scripts travel compressed; static files are compressed once and cached.
    COMPRESS_MIMETYPES = ["text/html", "text/css", "application/javascript", "text/javascript", "image/svg+xml"]
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_MIN_SIZE = 500
    COMPRESS_STREAMS = False  # static files: workspace.core.static_files
    BABEL_DEFAULT_LOCALE = "ru"
    BABEL_DEFAULT_TIMEZONE = "Europe/Moscow"
    LANGUAGES = ("ru", "en")
    INVITATION_DAYS = 7
    RESET_HOURS = 2
    # Log-in limit (workspace/accounts/ratelimit.py): every refusal counts against the client address; an account
    # is never locked, it slows down: after 5 wrong passwords one attempt per 2 s, doubling up to 60 s.
    LOGIN_WINDOW_MINUTES = 15
    LOGIN_MAX_FAILURES_PER_ADDRESS = 20
    LOGIN_FREE_FAILURES_PER_ACCOUNT = 5
    LOGIN_DELAY_SECONDS = 2
    LOGIN_MAX_DELAY_SECONDS = 60
    PAGE_SIZE = 50
    # argon2id, RFC 9106 "second recommended option" (64 MiB, 3 passes).
    ARGON2 = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}
    TESTING = False


class TestConfig(Config):
    __test__ = False  # not a pytest test class
    def __init__(self, database_url: str) -> None:
        super().__init__()
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(database_url)
        self.SECRET_KEY = "test-secret-key"
        self.PUBLIC_URL = "http://workspace.test"
        self.MONITORING_CACHE_SECONDS = 0  # every view reads its rows (statement budgets); the cache is tested apart

    TESTING = True
    ARGON2 = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}  # still argon2id, cheap for tests
