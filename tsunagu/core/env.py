"""Strict parsing of environment variables for settings.

Ambiguous values are refused at start-up rather than guessed: "yes" is not a
boolean here, and a typo in DATABASE_URL stops the server instead of silently
falling back to SQLite.
"""

import os
from collections.abc import Mapping


class ConfigError(ValueError):
    """A setting from the environment cannot be used as given."""


def env_str(name: str, default: str, environ: Mapping[str, str] = os.environ) -> str:
    value = environ.get(name)
    if value is None:
        return default
    value = value.strip()
    if not value:
        raise ConfigError(f"{name} is set but empty; unset it to use the default")
    return value


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    value = environ.get(name)
    if value is None:
        return default
    if value in ("True", "true", "1"):
        return True
    if value in ("False", "false", "0"):
        return False
    raise ConfigError(f"{name} must be one of True/true/1/False/false/0, not {value!r}")


def env_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    value = environ.get(name)
    if value is None:
        return default
    items = [item.strip() for item in value.split(",")]
    if not all(items):
        raise ConfigError(f"{name} has an empty item in {value!r}")
    return items


# The database engines tsunagu is built and tested for, by URL scheme family.
SUPPORTED_DATABASES = {
    "django.db.backends.postgresql": "PostgreSQL (postgres://USER:PASSWORD@HOST:PORT/NAME)",
    "django.db.backends.sqlite3": "SQLite (sqlite:////absolute/path/tsunagu.sqlite3)",
}


def database_from_url(url: str, *, sqlite_options: dict, conn_max_age: int = 60) -> dict:
    """A DATABASES entry from a DATABASE_URL, or ConfigError naming what is accepted.

    Every URL form that dj-database-url understands for PostgreSQL or SQLite is
    accepted; SQLite gets the same options as the embedded default (WAL, busy
    timeout, IMMEDIATE transactions). Any other engine, or a URL that cannot be
    parsed, is refused with one sentence instead of a traceback.
    """
    import dj_database_url

    accepted = " or ".join(SUPPORTED_DATABASES.values())
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age)
    except (ValueError, KeyError):
        raise ConfigError(f"DATABASE_URL is not a database URL; use {accepted}") from None
    engine = config.get("ENGINE")
    if engine not in SUPPORTED_DATABASES:
        raise ConfigError(f"DATABASE_URL must point to {accepted}, not {url.split(':', 1)[0]}://…")
    if engine == "django.db.backends.sqlite3":
        if not config.get("NAME") or config["NAME"] == ":memory:":
            raise ConfigError("DATABASE_URL for SQLite must name a file (sqlite:////absolute/path/tsunagu.sqlite3)")
        config["CONN_MAX_AGE"] = 0  # SQLite connections are cheap; a kept one holds the file open
        config["OPTIONS"] = {**sqlite_options, **config.get("OPTIONS", {})}
    return config


def exit_on_config_error(error: ConfigError, program: str) -> int:
    """Print a configuration error as one line (no traceback) and give the exit status 2."""
    import sys

    print(f"{program}: configuration error: {error}", file=sys.stderr)
    return 2
